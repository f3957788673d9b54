import CollectoKernel
import Foundation

/// The workshop's recipes: defined and changed by its managers, read by the
/// scheduler and the cooks.
struct RecipeService: Sendable {
    func create(_ input: RecipeInput, workshop: UUID, in tx: Transaction) async throws -> Recipe {
        try input.validate()
        guard
            try await tx.queryFirst("SELECT id FROM microtransform_recipes WHERE workshop_id = ? AND name = ?", [workshop, input.name])
                == nil
        else { throw KernelError.invalid(field: "name", message: "a recipe named \(input.name) already exists") }
        let id = UUID()
        try await tx.execute(
            """
            INSERT INTO microtransform_recipes (id, workshop_id, name, produce_kind, product_name, min_share, max_share, added_ingredients,
                yield, output_name, output_code, packaging, unit_kg, shelf_life_days, date_kind, temperature, min_batch_kg, max_batch_kg,
                staff, min_cooking_c, min_cooking_minutes, min_core_c, max_cooling_minutes, max_ph, active, created_at, updated_at)
            VALUES (?, ?, '', '', NULL, 0, 0, '', 0, '', '', '', 0, 0, '', '', 0, 0, 0, NULL, NULL, NULL, NULL, NULL, 1, ?, ?)
            """, [id, workshop, tx.now, tx.now])
        try await write(input, id: id, in: tx)
        return try await Self.load(id, in: tx)
    }

    func update(_ id: UUID, _ input: RecipeInput, in tx: Transaction) async throws -> Recipe {
        try input.validate()
        let current = try await Self.load(id, in: tx)
        if input.name != current.name,
            try await tx.queryFirst(
                "SELECT id FROM microtransform_recipes WHERE workshop_id = ? AND name = ?", [current.workshopId, input.name]) != nil
        {
            throw KernelError.invalid(field: "name", message: "a recipe named \(input.name) already exists")
        }
        try await write(input, id: id, in: tx)
        return try await Self.load(id, in: tx)
    }

    private func write(_ input: RecipeInput, id: UUID, in tx: Transaction) async throws {
        let limits = input.limits ?? Recipe.Limits()
        try await tx.execute(
            """
            UPDATE microtransform_recipes SET name = ?, produce_kind = ?, product_name = ?, min_share = ?, max_share = ?,
                added_ingredients = ?, yield = ?, output_name = ?, output_code = ?, packaging = ?, unit_kg = ?, shelf_life_days = ?,
                date_kind = ?, temperature = ?, min_batch_kg = ?, max_batch_kg = ?, staff = ?, min_cooking_c = ?, min_cooking_minutes = ?,
                min_core_c = ?, max_cooling_minutes = ?, max_ph = ?, active = ?, updated_at = ? WHERE id = ?
            """,
            [
                input.name, input.produceKind.rawValue, input.productName, input.minProduceShare, input.maxProduceShare,
                input.addedIngredients ?? "", input.yield, input.output.name, input.output.productCode, input.output.packaging,
                input.output.unitKg, input.output.shelfLifeDays, input.output.dateKind.rawValue, input.output.temperature.rawValue,
                input.minBatchKg, input.maxBatchKg, input.staff, limits.minCookingCelsius, limits.minCookingMinutes, limits.minCoreCelsius,
                limits.maxCoolingMinutes, limits.maxPH, input.active ?? true, tx.now, id,
            ])
        try await tx.execute("DELETE FROM microtransform_recipe_steps WHERE recipe_id = ?", [id])
        for (position, step) in input.steps.enumerated() {
            try await tx.execute(
                "INSERT INTO microtransform_recipe_steps (recipe_id, position, name, equipment_type, minutes) VALUES (?, ?, ?, ?, ?)",
                [id, position + 1, step.name, step.equipmentType, step.minutes])
        }
    }

    static func load(_ id: UUID, in db: any SQLExecutor) async throws -> Recipe {
        guard let row = try await db.queryFirst("SELECT * FROM microtransform_recipes WHERE id = ?", [id]) else {
            throw KernelError.notFound(entity: "recipe", id: id.uuidString)
        }
        return try await recipe(row, in: db)
    }

    static func list(workshop: UUID, activeOnly: Bool, in db: any SQLExecutor) async throws -> [Recipe] {
        var recipes: [Recipe] = []
        for row in try await db.query(
            "SELECT * FROM microtransform_recipes WHERE workshop_id = ?\(activeOnly ? " AND active = 1" : "") ORDER BY name", [workshop])
        {
            recipes.append(try await recipe(row, in: db))
        }
        return recipes
    }

    static func recipe(_ row: SQLRow, in db: any SQLExecutor) async throws -> Recipe {
        let id = try row.uuid("id")
        let steps = try await db.query(
            "SELECT * FROM microtransform_recipe_steps WHERE recipe_id = ? ORDER BY position", [id]
        ).map { Recipe.Step(name: try $0.string("name"), equipmentType: try $0.string("equipment_type"), minutes: try $0.int("minutes")) }
        return Recipe(
            id: id, workshopId: try row.uuid("workshop_id"), name: try row.string("name"),
            produceKind: try row.value(ProduceKind.self, "produce_kind"),
            productName: try row.optionalString("product_name"), minProduceShare: try row.double("min_share"),
            maxProduceShare: try row.double("max_share"), addedIngredients: try row.string("added_ingredients"),
            yield: try row.double("yield"),
            output: .init(
                name: try row.string("output_name"), productCode: try row.string("output_code"), packaging: try row.string("packaging"),
                unitKg: try row.double("unit_kg"), shelfLifeDays: try row.int("shelf_life_days"),
                dateKind: try row.value(Recipe.DateKind.self, "date_kind"),
                temperature: try row.value(TemperatureClass.self, "temperature")),
            minBatchKg: try row.double("min_batch_kg"), maxBatchKg: try row.double("max_batch_kg"), steps: steps,
            staff: try row.int("staff"),
            limits: .init(
                minCookingCelsius: try row.optionalDouble("min_cooking_c"), minCookingMinutes: try row.optionalInt("min_cooking_minutes"),
                minCoreCelsius: try row.optionalDouble("min_core_c"), maxCoolingMinutes: try row.optionalInt("max_cooling_minutes"),
                maxPH: try row.optionalDouble("max_ph")),
            active: try row.bool("active"))
    }
}
