import CollectoKernel
import Foundation

extension ExampleID {
    static let collectionPoint: ExampleID = "biowaste.collectionPoint"
    static let container: ExampleID = "biowaste.container"
    static let treatmentSite: ExampleID = "biowaste.treatmentSite"
}

/// The ids the biowaste examples use: a collection point and one of its containers, a treatment site.
enum BiowasteExampleIDs {
    static let source = ExampleIDSource { db in
        var ids: [ExampleID: UUID] = [:]
        if let container = try await db.queryFirst("SELECT id, site_id FROM biowaste_containers ORDER BY site_id, id LIMIT 1") {
            ids[.container] = try container.uuid("id")
            ids[.collectionPoint] = try container.uuid("site_id")
        }
        ids[.treatmentSite] = try await db.queryFirst("SELECT site_id AS id FROM biowaste_destinations ORDER BY site_id LIMIT 1")?
            .uuid("id")
        return ids
    }
}
