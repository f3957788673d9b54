import CollectoKernel
import Foundation

extension ExampleID {
    static let inputLot: ExampleID = "microtransform.inputLot"
    static let recipe: ExampleID = "microtransform.recipe"
    static let kettle: ExampleID = "microtransform.kettle"
}

/// The ids the workshop's examples use: an input lot with produce left, an active recipe, a kettle.
enum WorkshopExampleIDs {
    static let source = ExampleIDSource { db in
        var ids: [ExampleID: UUID] = [:]
        ids[.inputLot] = try await db.queryFirst(
            "SELECT id FROM microtransform_input_lots WHERE status = 'available' AND left_grams > 0 ORDER BY spoil_date, id LIMIT 1"
        )?.uuid("id")
        ids[.recipe] = try await db.queryFirst("SELECT id FROM microtransform_recipes WHERE active = 1 ORDER BY name, id LIMIT 1")?
            .uuid("id")
        ids[.kettle] = try await db.queryFirst(
            "SELECT id FROM microtransform_equipment WHERE active = 1 AND type = 'kettle' ORDER BY name, id LIMIT 1")?.uuid("id")
        return ids
    }
}
