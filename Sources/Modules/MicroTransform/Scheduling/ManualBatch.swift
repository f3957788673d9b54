import CollectoKernel
import Foundation

/// A batch the manager makes by hand, held to the same hard rules as the
/// scheduler's: ``PlanCheck`` judges the stored plan with it, and any rule it
/// breaks (spoil dates, opening hours, closed days, the equipment's calendar,
/// capacity and double booking, cooks on shift, batch size and produce share,
/// the recipe's equipment and times) refuses it (422 `batch_breaks_rules`, each
/// rule in `details`). It is stored locked: the scheduler plans around it.
extension PlanningService {
    struct ManualBatch: Sendable, Codable, StrictBody {
        enum Field: String, CodingKey, CaseIterable { case recipeId, day, start, inputs, addedKg, equipment }
        static let ranges: [FieldRange] = [.kilograms("inputs[].kg", 0.001...10_000), .kilograms("addedKg", 0...10_000)]
        struct Input: Sendable, Codable { var lotId: UUID; var kg: Double }
        var recipeId: UUID
        var day: CalendarDate
        var start: LocalTime
        var inputs: [Input]
        /// Water, sugar… added to the produce; none when omitted.
        var addedKg: Double?
        /// The equipment of each of the recipe's steps, in order; the steps run back to back from `start`.
        var equipment: [UUID]
    }

    func create(_ input: ManualBatch, workshop: Workshop, in tx: Transaction) async throws -> Batch {
        let today = today(tx)
        guard input.day >= today else { throw KernelError.invalid(field: "day", message: "a batch cannot be made in the past") }
        guard today.days(until: input.day) < Self.horizonDays else {
            throw KernelError.invalid(field: "day", message: "a batch is planned at most \(Self.horizonDays) days ahead")
        }
        guard input.start.minutesSinceMidnight % WorkshopTimeline.slotMinutes == 0 else {
            throw KernelError.invalid(field: "start", message: "batches start on the quarter hour")
        }
        let local = Calendar(identifier: .gregorian).dateComponents(in: timeZone, from: tx.now)
        if input.day == today && input.start.minutesSinceMidnight < (local.hour ?? 0) * 60 + (local.minute ?? 0) {
            throw KernelError.invalid(field: "start", message: "this time has passed")
        }
        let recipe = try await RecipeService.load(input.recipeId, in: tx)
        guard recipe.workshopId == workshop.organisationId else {
            throw KernelError.invalid(field: "recipeId", message: "no recipe \(input.recipeId) at this workshop")
        }
        guard recipe.active else { throw KernelError.invalid(field: "recipeId", message: "\(recipe.name) is not active") }
        guard !input.inputs.isEmpty else { throw KernelError.invalid(field: "inputs", message: "a batch takes some produce") }
        guard Set(input.inputs.map(\.lotId)).count == input.inputs.count else {
            throw KernelError.invalid(field: "inputs", message: "each lot appears once")
        }
        var inputs: [PlannedBatch.Input] = []
        for (index, item) in input.inputs.enumerated() {
            try Validate.range(item.kg, 0.001...10_000, field: "inputs[\(index)].kg")
            guard let lot = try await InputLotStore.find(item.lotId, in: tx), lot.workshopId == workshop.organisationId else {
                throw KernelError.invalid(field: "inputs[\(index)].lotId", message: "no input lot \(item.lotId) at this workshop")
            }
            guard lot.status == .available || lot.status == .expected, lot.leftKg > 0, lot.spoilDate >= today else {
                throw KernelError.invalid(
                    field: "inputs[\(index)].lotId", message: "the lot is \(lot.status.rawValue), spoiling on \(lot.spoilDate)")
            }
            inputs.append(.init(lotId: lot.id, grams: WorkshopRows.grams(item.kg)))
        }
        let added = WorkshopRows.grams(input.addedKg ?? 0)
        try Validate.range(added, 0...10_000_000, field: "addedKg")
        let scheduling = recipe.forScheduling
        guard input.equipment.count == scheduling.steps.count else {
            throw KernelError.invalid(
                field: "equipment", message: "\(recipe.name) has \(scheduling.steps.count) steps: give the equipment of each, in order")
        }
        var steps: [PlannedBatch.StepUse] = []
        var cursor = input.start.minutesSinceMidnight
        for (equipment, length) in zip(input.equipment, WorkshopTimeline.lengths(of: scheduling.steps)) {
            let end = cursor + length * WorkshopTimeline.slotMinutes
            steps.append(.init(equipmentId: equipment, startMinute: cursor, endMinute: end))
            cursor = end
        }
        let total = inputs.reduce(0) { $0 + $1.grams } + added
        let batch = PlannedBatch(
            recipeId: recipe.id, day: input.day, steps: steps, inputs: inputs, addedGrams: added,
            expectedOutputGrams: Int((Double(total) * scheduling.yield).rounded()), staff: scheduling.staff, locked: true)
        // Judged as a new batch (every rule, sizes included), then stored locked so that the scheduler plans around it.
        var judged = batch
        judged.locked = false
        let broken = try await rulesBroken(by: judged, workshop: workshop.organisationId, now: tx.now, in: tx)
        guard broken.isEmpty else { throw MicroTransformError.batchBreaksRules(violations: broken) }
        let id = try await PlanStore.insert(batch, workshop: workshop.organisationId, in: tx)
        return try await PlanStore.batch(id, in: tx)
    }

    /// What `batch` breaks when added to the stored plan: the stored plan's violations with it, less those it had without it.
    func rulesBroken(by batch: PlannedBatch, workshop: UUID, now: Date, in db: any SQLExecutor) async throws -> [String] {
        let (plan, problem) = try await storedPlan(workshop: workshop, now: now, in: db)
        var wider = problem
        if let index = WorkshopTimeline.index(of: batch.day, from: problem.firstDay, days: Self.horizonDays), index >= problem.days {
            // The stored plan may end before the new batch's day: its shifts and days must be seen too.
            wider = try await self.problem(
                workshop: try await Workshop.get(workshop, in: db), from: problem.firstDay, days: index + 1, fixed: [], now: now, in: db)
            wider.firstDayStartMinute = 0
            wider.lots = problem.lots
        }
        var before = PlanCheck.violations(of: plan, for: wider)
        let name = "batch \(plan.batches.count + 1) (\(batch.day))"
        var broken: [String] = []
        for violation in PlanCheck.violations(of: SchedulingPlan(batches: plan.batches + [batch], unused: []), for: wider) {
            if let index = before.firstIndex(of: violation) {
                before.remove(at: index)
            } else {
                broken.append(violation.replacingOccurrences(of: name, with: "the batch"))
            }
        }
        return broken
    }
}
