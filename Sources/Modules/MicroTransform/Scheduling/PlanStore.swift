import CollectoKernel
import Foundation

/// Batches as stored: written from the scheduler's plans, read back as
/// ``Batch`` views or as ``PlannedBatch`` values to plan around.
enum PlanStore {
    static func insert(_ batch: PlannedBatch, workshop: UUID, status: BatchStatus = .planned, in tx: Transaction) async throws -> UUID {
        let id = batch.id ?? UUID()
        try await tx.execute(
            """
            INSERT INTO microtransform_batches (id, workshop_id, recipe_id, day, start_minute, end_minute, staff, status, locked,
                planned_added_grams, expected_output_grams, created_at) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)
            """,
            [
                id, workshop, batch.recipeId, batch.day, batch.startMinute, batch.endMinute, batch.staff, status.rawValue, batch.locked,
                batch.addedGrams, batch.expectedOutputGrams, tx.now,
            ])
        try await writeSteps(batch.steps, batch: id, in: tx)
        for input in batch.inputs {
            try await tx.execute(
                "INSERT INTO microtransform_batch_inputs (batch_id, lot_id, planned_grams) VALUES (?, ?, ?)",
                [id, input.lotId, input.grams])
        }
        return id
    }

    static func writeSteps(_ steps: [PlannedBatch.StepUse], batch: UUID, in tx: Transaction) async throws {
        try await tx.execute("DELETE FROM microtransform_batch_steps WHERE batch_id = ?", [batch])
        for (position, step) in steps.enumerated() {
            try await tx.execute(
                """
                INSERT INTO microtransform_batch_steps (batch_id, position, equipment_id, start_minute, end_minute)
                VALUES (?, ?, ?, ?, ?)
                """, [batch, position + 1, step.equipmentId, step.startMinute, step.endMinute])
        }
    }

    /// Whether replanning keeps a planned batch where it is.
    static func setLocked(_ batch: UUID, _ locked: Bool, in tx: Transaction) async throws {
        try await tx.execute("UPDATE microtransform_batches SET locked = ? WHERE id = ?", [locked, batch])
    }

    static func delete(_ batch: UUID, in tx: Transaction) async throws {
        try await tx.execute("DELETE FROM microtransform_batch_steps WHERE batch_id = ?", [batch])
        try await tx.execute("DELETE FROM microtransform_batch_inputs WHERE batch_id = ?", [batch])
        try await tx.execute("DELETE FROM microtransform_batches WHERE id = ?", [batch])
    }

    /// Planned batches that counted on these lots can no longer run as planned: they go, and the next plan replaces them.
    static func dropPlannedBatches(using lots: [UUID], in tx: Transaction) async throws {
        for lot in lots {
            for row in try await tx.query(
                """
                SELECT DISTINCT b.id FROM microtransform_batches b JOIN microtransform_batch_inputs i ON i.batch_id = b.id
                WHERE i.lot_id = ? AND b.status = 'planned'
                """, [lot])
            {
                try await delete(try row.uuid("id"), in: tx)
            }
        }
    }

    /// Planned and running batches from `from` on, as the scheduler sees them.
    static func planned(workshop: UUID, from: CalendarDate, in db: any SQLExecutor) async throws -> [PlannedBatch] {
        var batches: [PlannedBatch] = []
        for row in try await db.query(
            """
            SELECT * FROM microtransform_batches WHERE workshop_id = ? AND day >= ? AND status IN ('planned', 'running')
            ORDER BY day, start_minute, id
            """, [workshop, from])
        {
            let id = try row.uuid("id")
            let steps = try await db.query(
                "SELECT * FROM microtransform_batch_steps WHERE batch_id = ? ORDER BY position", [id]
            ).map {
                PlannedBatch.StepUse(
                    equipmentId: try $0.uuid("equipment_id"), startMinute: try $0.int("start_minute"), endMinute: try $0.int("end_minute"))
            }
            let inputs = try await db.query(
                "SELECT * FROM microtransform_batch_inputs WHERE batch_id = ? ORDER BY lot_id", [id]
            ).map { PlannedBatch.Input(lotId: try $0.uuid("lot_id"), grams: try $0.optionalInt("used_grams") ?? $0.int("planned_grams")) }
            batches.append(
                PlannedBatch(
                    id: id, recipeId: try row.uuid("recipe_id"), day: try row.calendarDate("day"), steps: steps, inputs: inputs,
                    addedGrams: try row.int("planned_added_grams"), expectedOutputGrams: try row.int("expected_output_grams"),
                    staff: try row.int("staff"), locked: try row.bool("locked") || (try row.string("status")) == "running",
                    running: (try row.string("status")) == "running"))
        }
        return batches
    }

    /// One batch with everything the cooks and the manager see.
    static func batch(_ id: UUID, in db: any SQLExecutor) async throws -> Batch {
        guard
            let row = try await db.queryFirst(
                "SELECT b.*, r.name AS recipe_name FROM microtransform_batches b JOIN microtransform_recipes r ON r.id = b.recipe_id WHERE b.id = ?",
                [id])
        else { throw KernelError.notFound(entity: "batch", id: id.uuidString) }
        return try await batch(row, in: db)
    }

    /// A workshop's batches between two days, filtered and paged in SQL, with how many match.
    static func batches(
        workshop: UUID, from: CalendarDate, until: CalendarDate, status: BatchStatus?, page: PageRequest? = nil, in db: any SQLExecutor
    ) async throws -> Page<Batch> {
        var query = SQLListQuery(
            "SELECT b.*, r.name AS recipe_name FROM microtransform_batches b JOIN microtransform_recipes r ON r.id = b.recipe_id")
        query.filter("b.workshop_id = ?", workshop)
        query.filter("b.day >= ?", from)
        query.filter("b.day <= ?", until)
        query.filter("b.status = ?", status?.rawValue)
        query.order(by: "b.day, b.start_minute, b.id", page: page)
        return try await query.page(in: db) { rows in
            var result: [Batch] = []
            for row in rows { result.append(try await batch(row, in: db)) }
            return result
        }
    }

    static func batch(_ row: SQLRow, in db: any SQLExecutor) async throws -> Batch {
        let id = try row.uuid("id")
        let steps = try await db.query("SELECT * FROM microtransform_batch_steps WHERE batch_id = ? ORDER BY position", [id]).map {
            Batch.Step(
                equipmentId: try $0.uuid("equipment_id"), start: LocalTime(minutesSinceMidnight: try $0.int("start_minute")),
                end: LocalTime(minutesSinceMidnight: try $0.int("end_minute")))
        }
        let inputs = try await db.query("SELECT * FROM microtransform_batch_inputs WHERE batch_id = ? ORDER BY lot_id", [id]).map {
            Batch.Input(
                lotId: try $0.uuid("lot_id"), plannedKg: WorkshopRows.kg(try $0.int("planned_grams")),
                usedKg: try $0.optionalInt("used_grams").map(WorkshopRows.kg))
        }
        let output = try await db.queryFirst("SELECT id FROM microtransform_output_lots WHERE batch_id = ?", [id])
        let haccp: HACCPRecord? =
            row.isNull("cooking_c")
            ? nil
            : HACCPRecord(
                cookingCelsius: try row.double("cooking_c"), cookingMinutes: try row.int("cooking_minutes"),
                coreCelsius: try row.optionalDouble("core_c"), coolingMinutes: try row.int("cooling_minutes"),
                ph: try row.optionalDouble("ph"))
        let deviations = try row.optionalString("deviations").map { $0.split(separator: "\n").map(String.init) } ?? []
        return Batch(
            id: id, workshopId: try row.uuid("workshop_id"), recipeId: try row.uuid("recipe_id"), recipeName: try row.string("recipe_name"),
            day: try row.calendarDate("day"), start: LocalTime(minutesSinceMidnight: try row.int("start_minute")),
            end: LocalTime(minutesSinceMidnight: try row.int("end_minute")), staff: try row.int("staff"),
            status: try row.value(BatchStatus.self, "status"), locked: try row.bool("locked"), steps: steps,
            inputs: inputs,
            plannedAddedKg: WorkshopRows.kg(try row.int("planned_added_grams")),
            expectedOutputKg: WorkshopRows.kg(try row.int("expected_output_grams")),
            addedKg: try row.optionalInt("added_grams").map(WorkshopRows.kg), outputUnits: try row.optionalInt("output_units"),
            outputKg: try row.optionalInt("output_grams").map(WorkshopRows.kg),
            wasteKg: try row.optionalInt("waste_grams").map(WorkshopRows.kg),
            evaporationKg: try row.optionalInt("evaporation_grams").map(WorkshopRows.kg), haccp: haccp, deviations: deviations,
            outputLotId: try output?.uuid("id"), startedAt: try row.optionalInstant("started_at"),
            finishedAt: try row.optionalInstant("finished_at"), recallReason: try row.optionalString("recall_reason"),
            evaporationEstimated: try row.optionalInt("evaporation_estimated").map { $0 != 0 },
            unaccountedKg: try row.optionalInt("unaccounted_grams").map(WorkshopRows.kg))
    }
}
