import CollectoKernel
import Foundation

/// Running a batch: the cooks start it with the produce they actually take
/// (never past its spoil date) and finish it with the output and the HACCP
/// record; a record outside the recipe's limits quarantines the output until
/// a manager releases or discards it. Output that may go out is published for
/// food-aid stock; peelings and discarded output are published for biowaste.
/// In every finished batch, produce and additions in equal output, waste,
/// evaporation and what nothing explains out, to the gram. Evaporation is
/// what the cooks weighed (the pot before and after) when they give it, and
/// then the rest is kept as its own record; otherwise it is estimated as the
/// remainder, and recorded as estimated.
struct BatchRunService: Sendable {
    struct Start: Sendable, Codable, StrictBody {
        enum Field: String, CodingKey, CaseIterable { case inputs, addedKg }
        static let ranges: [FieldRange] = [.kilograms("inputs[].kg", 0.001...10_000), .kilograms("addedKg", 0...10_000)]
        struct Input: Sendable, Codable { var lotId: UUID; var kg: Double }
        /// The produce taken; the plan's when omitted.
        var inputs: [Input]?
        /// Water, sugar… added; the plan's when omitted.
        var addedKg: Double?
    }

    struct Finish: Sendable, Codable, StrictBody {
        enum Field: String, CodingKey, CaseIterable { case outputUnits, wasteKg, evaporationKg, haccp }
        static let ranges: [FieldRange] = [
            .integer("outputUnits", 0...1_000_000), .kilograms("wasteKg", 0...100_000), .kilograms("evaporationKg", 0...10_000),
            .number("haccp.cookingCelsius", -50...400),
            .integer("haccp.cookingMinutes", 0...1_440), .integer("haccp.coolingMinutes", 0...2_880),
            .number("haccp.coreCelsius", -50...400), .number("haccp.ph", 0...14),
        ]
        var outputUnits: Int
        /// Peelings and rejects, weighed, for biowaste.
        var wasteKg: Double
        /// The weight lost in cooking as the cooks measured it; estimated as the remainder when omitted.
        var evaporationKg: Double?
        var haccp: HACCPRecord
    }

    /// How far the rest of a measured balance may stray, either way, before it is a weighing mistake: 2 % of the input.
    static let tolerancePercent = 2

    struct Decision: Sendable, Codable, StrictBody {
        enum Field: String, CodingKey, CaseIterable { case reason }
        var reason: String
    }

    let timeZone: TimeZone

    func start(_ id: UUID, _ start: Start, in tx: Transaction) async throws -> Batch {
        let batch = try await PlanStore.batch(id, in: tx)
        guard batch.status == .planned else {
            throw MicroTransformError.batchStatus(batch: id, status: batch.status, action: .start)
        }
        let today = CalendarDate(tx.now, in: timeZone)
        let inputs = start.inputs ?? batch.inputs.map { Start.Input(lotId: $0.lotId, kg: $0.plannedKg) }
        guard !inputs.isEmpty else { throw KernelError.invalid(field: "inputs", message: "a batch takes some produce") }
        guard Set(inputs.map(\.lotId)).count == inputs.count else {
            throw KernelError.invalid(field: "inputs", message: "each lot appears once")
        }
        let recipe = try await RecipeService.load(batch.recipeId, in: tx)
        var taken: [(UUID, Int)] = []
        for (index, input) in inputs.enumerated() {
            try Validate.range(input.kg, 0.001...10_000, field: "inputs[\(index)].kg")
            guard let lot = try await InputLotStore.find(input.lotId, in: tx), lot.workshopId == batch.workshopId else {
                throw KernelError.invalid(field: "inputs[\(index)].lotId", message: "no input lot \(input.lotId) at this workshop")
            }
            guard lot.status == .available else {
                throw KernelError.invalid(field: "inputs[\(index)].lotId", message: "the lot is \(lot.status.rawValue), not available")
            }
            guard lot.spoilDate >= today else {
                throw KernelError.invalid(
                    field: "inputs[\(index)].lotId", message: "the lot spoiled on \(lot.spoilDate): it cannot be cooked")
            }
            guard lot.produceKind == recipe.produceKind else {
                throw KernelError.invalid(field: "inputs[\(index)].lotId", message: "\(recipe.name) takes \(recipe.produceKind.rawValue)")
            }
            let grams = WorkshopRows.grams(input.kg)
            guard grams <= WorkshopRows.grams(lot.leftKg) else {
                throw KernelError.invalid(field: "inputs[\(index)].kg", message: "the lot has \(lot.leftKg) kg left")
            }
            taken.append((lot.id, grams))
        }
        let produce = taken.reduce(0) { $0 + $1.1 }
        guard produce <= WorkshopRows.grams(recipe.maxBatchKg) else {
            throw KernelError.invalid(
                field: "inputs",
                message: "\(recipe.name) takes at most \(recipe.maxBatchKg) kg of produce; \(WorkshopRows.kg(produce)) kg given")
        }
        let added = WorkshopRows.grams(start.addedKg ?? batch.plannedAddedKg)
        try Validate.range(added, 0...10_000_000, field: "addedKg")
        try await tx.execute("DELETE FROM microtransform_batch_inputs WHERE batch_id = ?", [id])
        for (lot, grams) in taken {
            let planned = WorkshopRows.grams(batch.inputs.first { $0.lotId == lot }?.plannedKg ?? 0)
            try await tx.execute(
                "INSERT INTO microtransform_batch_inputs (batch_id, lot_id, planned_grams, used_grams) VALUES (?, ?, ?, ?)",
                [id, lot, planned, grams])
            try await tx.execute(
                """
                UPDATE microtransform_input_lots SET left_grams = left_grams - ?,
                    status = CASE WHEN left_grams - ? = 0 THEN 'used' ELSE status END WHERE id = ?
                """, [grams, grams, lot])
        }
        try await tx.execute(
            "UPDATE microtransform_batches SET status = 'running', added_grams = ?, started_at = ?, day = ? WHERE id = ?",
            [added, tx.now, today, id])
        try await takeRealSlot(batch, recipe: recipe, grams: produce + added, in: tx)
        return try await PlanStore.batch(id, in: tx)
    }

    /// A batch started at another time than planned holds its equipment from now (the quarter hour), not
    /// where it was planned: on the equipment it was planned on when free, otherwise on another of the same
    /// type; refused when running batches or unavailable times leave none. The planned batches it now
    /// overlaps are re-planned around it (``PlanningService/repair(workshop:in:)``), and a locked one
    /// in its way refuses the start. A batch started too late to end by midnight is recorded as ending then.
    func takeRealSlot(_ batch: Batch, recipe: Recipe, grams: Int, in tx: Transaction) async throws {
        let today = CalendarDate(tx.now, in: timeZone)
        let local = Calendar(identifier: .gregorian).dateComponents(in: timeZone, from: tx.now)
        let steps = recipe.forScheduling.steps
        let length = WorkshopTimeline.lengths(of: steps).reduce(0, +)
        let nowSlot = ((local.hour ?? 0) * 60 + (local.minute ?? 0)) / WorkshopTimeline.slotMinutes
        let first = max(0, min(nowSlot, WorkshopTimeline.slotsPerDay - length))
        guard batch.day != today || batch.start.minutesSinceMidnight != first * WorkshopTimeline.slotMinutes else { return }
        let planning = PlanningService(timeZone: timeZone)
        let (plan, problem) = try await planning.storedPlan(workshop: batch.workshopId, now: tx.now, in: tx)
        var timeline = WorkshopTimeline(problem)
        for other in plan.batches where other.running && other.id != batch.id { timeline.book(other) }
        guard
            let uses = timeline.equipment(
                for: steps, grams: grams, dayIndex: 0, firstSlot: first, preferring: batch.steps.map(\.equipmentId))
        else {
            throw MicroTransformError.batchConflict(
                batch: batch.id, day: today, start: LocalTime(minutesSinceMidnight: first * WorkshopTimeline.slotMinutes))
        }
        try await tx.execute(
            "UPDATE microtransform_batches SET start_minute = ?, end_minute = ? WHERE id = ?",
            [uses.map(\.startMinute).min() ?? 0, uses.map(\.endMinute).max() ?? 0, batch.id])
        try await PlanStore.writeSteps(uses, batch: batch.id, in: tx)
        try await planning.repair(workshop: try await Workshop.get(batch.workshopId, in: tx), in: tx)
    }

    func finish(_ id: UUID, _ finish: Finish, in tx: Transaction) async throws -> Batch {
        let batch = try await PlanStore.batch(id, in: tx)
        guard batch.status == .running else {
            throw MicroTransformError.batchStatus(batch: id, status: batch.status, action: .finish)
        }
        let recipe = try await RecipeService.load(batch.recipeId, in: tx)
        try Validate.range(finish.outputUnits, 0...1_000_000, field: "outputUnits")
        try Validate.range(finish.wasteKg, 0...100_000, field: "wasteKg")
        try Validate.range(finish.haccp.cookingCelsius, -50...400, field: "haccp.cookingCelsius")
        try Validate.range(finish.haccp.cookingMinutes, 0...1_440, field: "haccp.cookingMinutes")
        try Validate.range(finish.haccp.coolingMinutes, 0...2_880, field: "haccp.coolingMinutes")
        if let core = finish.haccp.coreCelsius { try Validate.range(core, -50...400, field: "haccp.coreCelsius") }
        if let ph = finish.haccp.ph { try Validate.range(ph, 0...14, field: "haccp.ph") }
        let input = batch.inputs.reduce(0) { $0 + WorkshopRows.grams($1.usedKg ?? 0) } + WorkshopRows.grams(batch.addedKg ?? 0)
        let output = WorkshopRows.grams(Double(finish.outputUnits) * recipe.output.unitKg)
        let waste = WorkshopRows.grams(finish.wasteKg)
        let remainder = input - output - waste
        let evaporation: Int
        let unaccounted: Int?
        if let measured = finish.evaporationKg {
            try Validate.range(measured, 0...10_000, field: "evaporationKg")
            evaporation = WorkshopRows.grams(measured)
            let rest = remainder - evaporation
            let tolerance = input * Self.tolerancePercent / 100
            guard remainder >= -tolerance else { throw Self.moreOutThanIn(output, finish.wasteKg, input) }
            guard abs(rest) <= tolerance else {
                throw KernelError.invalid(
                    field: "evaporationKg",
                    message:
                        "\(WorkshopRows.kg(input)) kg in, \(WorkshopRows.kg(output)) kg out, \(finish.wasteKg) kg waste and \(measured) kg evaporated "
                        + "leave \(WorkshopRows.kg(rest)) kg unaccounted, more than \(Self.tolerancePercent) % of the input: weigh again")
            }
            unaccounted = rest
        } else {
            guard remainder >= 0 else { throw Self.moreOutThanIn(output, finish.wasteKg, input) }
            evaporation = remainder
            unaccounted = nil
        }
        let deviations = finish.haccp.deviations(from: recipe.limits)
        // A batch cooked with a lot recalled while it ran ends recalled, its output blocked for good.
        let recalled = batch.recallReason != nil
        let status: BatchStatus = recalled ? .recalled : deviations.isEmpty ? .done : .quarantined
        try await tx.execute(
            """
            UPDATE microtransform_batches SET status = ?, output_units = ?, output_grams = ?, waste_grams = ?, evaporation_grams = ?,
                evaporation_estimated = ?, unaccounted_grams = ?, cooking_c = ?, cooking_minutes = ?, core_c = ?, cooling_minutes = ?,
                ph = ?, deviations = ?, finished_at = ? WHERE id = ?
            """,
            [
                status.rawValue, finish.outputUnits, output, waste, evaporation, finish.evaporationKg == nil, unaccounted,
                finish.haccp.cookingCelsius, finish.haccp.cookingMinutes,
                finish.haccp.coreCelsius, finish.haccp.coolingMinutes, finish.haccp.ph,
                deviations.isEmpty ? nil : deviations.joined(separator: "\n"), tx.now, id,
            ])
        let workshop = try await Workshop.get(batch.workshopId, in: tx)
        if finish.outputUnits > 0 {
            let day = CalendarDate(tx.now, in: timeZone).adding(days: recipe.output.shelfLifeDays)
            let lot = UUID()
            try await tx.execute(
                """
                INSERT INTO microtransform_output_lots (id, batch_id, workshop_id, product_name, product_code, packaging, units, unit_kg,
                    grams, use_by, best_before, status, created_at) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)
                """,
                [
                    lot, id, batch.workshopId, recipe.output.name, recipe.output.productCode, recipe.output.packaging, finish.outputUnits,
                    recipe.output.unitKg, output, recipe.output.dateKind == .useBy ? day : nil,
                    recipe.output.dateKind == .bestBefore ? day : nil, recalled ? "recalled" : "quarantined", tx.now,
                ])
            if status == .done { try await Self.release(lot, recipe: recipe, workshop: workshop, in: tx) }
        }
        if waste > 0 {
            try await tx.publish(
                BiowasteProduced(
                    sourceModule: MicroTransformModule.id.rawValue, sourceReference: "batch:\(id.uuidString.lowercased())",
                    siteId: workshop.siteId, organisationId: workshop.organisationId, kg: WorkshopRows.kg(waste), nature: "peelings",
                    reason: "\(recipe.name): peelings and rejects", producedAt: tx.now),
                organisation: workshop.organisationId)
        }
        return try await PlanStore.batch(id, in: tx)
    }

    static func moreOutThanIn(_ output: Int, _ wasteKg: Double, _ input: Int) -> KernelError {
        KernelError.invalid(
            field: "outputUnits",
            message: "\(WorkshopRows.kg(output)) kg out and \(wasteKg) kg waste is more than the \(WorkshopRows.kg(input)) kg that went in")
    }

    /// The manager's decision on a quarantined batch.
    func decide(_ id: UUID, release: Bool, reason: String, in tx: Transaction) async throws -> Batch {
        try Validate.nonEmpty(reason, field: "reason", maxLength: 500)
        let batch = try await PlanStore.batch(id, in: tx)
        guard batch.status != .recalled else {
            throw MicroTransformError.batchRecalled(batch: id, reason: batch.recallReason)
        }
        guard batch.status == .quarantined else {
            throw MicroTransformError.batchStatus(batch: id, status: batch.status, action: release ? .release : .discard)
        }
        let workshop = try await Workshop.get(batch.workshopId, in: tx)
        try await tx.execute(
            "UPDATE microtransform_batches SET status = ?, decided_at = ?, decision_reason = ? WHERE id = ?",
            [release ? BatchStatus.released.rawValue : BatchStatus.discarded.rawValue, tx.now, reason, id])
        if let lot = batch.outputLotId {
            if release {
                try await Self.release(lot, recipe: try await RecipeService.load(batch.recipeId, in: tx), workshop: workshop, in: tx)
            } else {
                try await tx.execute("UPDATE microtransform_output_lots SET status = 'discarded' WHERE id = ?", [lot])
                try await tx.publish(
                    BiowasteProduced(
                        sourceModule: MicroTransformModule.id.rawValue, sourceReference: "output-lot:\(lot.uuidString.lowercased())",
                        siteId: workshop.siteId, organisationId: workshop.organisationId, kg: batch.outputKg ?? 0,
                        nature: "discarded_processed_food", reason: reason, producedAt: tx.now),
                    organisation: workshop.organisationId)
            }
        }
        return try await PlanStore.batch(id, in: tx)
    }

    /// Releases an output lot and publishes it for food-aid stock, with the sources of its produce.
    static func release(_ lotID: UUID, recipe: Recipe, workshop: Workshop, in tx: Transaction) async throws {
        // Only a lot held in quarantine is released: a recalled lot never is, whatever route asks.
        guard
            try await tx.execute(
                "UPDATE microtransform_output_lots SET status = 'released', released_at = ? WHERE id = ? AND status = 'quarantined'",
                [tx.now, lotID]) == 1
        else {
            throw MicroTransformError.outputNotQuarantined(lot: lotID)
        }
        guard
            let lot = try await tx.queryFirst("SELECT * FROM microtransform_output_lots WHERE id = ?", [lotID]).map(WorkshopRows.outputLot)
        else { return }
        let sources = try await Genealogy.sources(ofBatch: lot.batchId, in: tx).map(\.reference)
        try await tx.publish(
            ProcessedFoodAvailable(
                sourceModule: MicroTransformModule.id.rawValue, outputLotId: lot.id, siteId: workshop.siteId,
                organisationId: workshop.organisationId, productCode: lot.productCode, productName: lot.productName,
                packaging: lot.packaging, units: lot.units, unitKg: lot.unitKg, temperature: recipe.output.temperature, useBy: lot.useBy,
                bestBefore: lot.bestBefore, sourceReferences: sources, producedAt: tx.now),
            organisation: workshop.organisationId)
    }
}
