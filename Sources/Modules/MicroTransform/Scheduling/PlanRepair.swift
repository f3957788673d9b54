import CollectoKernel
import Foundation

/// Keeping the stored plan sound when what it relies on changes under it: a
/// batch started at another time than planned, a shift deleted, a day closed,
/// equipment made unavailable or retired.
extension PlanningService {
    /// Keeps every batch that still fits where it is, and re-plans the produce of
    /// the planned batches that no longer fit around everything else (they are
    /// deleted; the scheduler places their produce in what is free, or says
    /// why not in the next plan). Running batches are facts and always stay. A
    /// locked batch that no longer fits refuses the whole change
    /// (``MicroTransformError/lockedBatchInTheWay(batches:)``): the manager
    /// placed it, the manager moves or unlocks it. Answers the batches re-planned.
    @discardableResult
    func repair(workshop: Workshop, in tx: Transaction) async throws -> [UUID] {
        let (plan, problem) = try await storedPlan(workshop: workshop.organisationId, now: tx.now, in: tx)
        var timeline = WorkshopTimeline(problem)
        for batch in plan.batches where batch.running { timeline.book(batch) }
        var displaced: [PlannedBatch] = []
        let planned = plan.batches.filter { !$0.running }.sorted {
            ($0.locked ? 0 : 1, $0.day, $0.startMinute) < ($1.locked ? 0 : 1, $1.day, $1.startMinute)
        }
        for batch in planned {
            if timeline.fits(batch) {
                timeline.book(batch)
            } else {
                displaced.append(batch)
            }
        }
        guard !displaced.isEmpty else { return [] }
        let locked = displaced.filter(\.locked).compactMap(\.id)
        guard locked.isEmpty else { throw MicroTransformError.lockedBatchInTheWay(batches: locked) }
        // First the same batch (same id, produce and size) at the earliest free place from now its produce allows…
        let today = today(tx)
        let days = min(Self.horizonDays, max(7, problem.days))
        let fromNow = try await self.problem(workshop: workshop, from: today, days: days, fixed: [], now: tx.now, in: tx)
        var free = WorkshopTimeline(fromNow)
        for batch in plan.batches where !displaced.contains(batch) { free.book(batch) }
        let recipes = Dictionary(fromNow.recipes.map { ($0.id, $0) }, uniquingKeysWith: { first, _ in first })
        let lots = Dictionary(problem.lots.map { ($0.id, $0) }, uniquingKeysWith: { first, _ in first })
        var lost: [PlannedBatch] = []
        for batch in displaced {
            guard let id = batch.id, let moved = earliestPlace(for: batch, recipes: recipes, lots: lots, problem: fromNow, in: free)
            else {
                lost.append(batch)
                continue
            }
            free.book(moved)
            try await tx.execute(
                "UPDATE microtransform_batches SET day = ?, start_minute = ?, end_minute = ? WHERE id = ?",
                [moved.day, moved.startMinute, moved.endMinute, id])
            try await PlanStore.writeSteps(moved.steps, batch: id, in: tx)
        }
        guard !lost.isEmpty else { return displaced.compactMap(\.id) }
        // …otherwise it goes, and the scheduler plans its produce around the rest.
        for batch in lost { try await PlanStore.delete(batch.id!, in: tx) }
        let fixed = try await fixedBatches(workshop: workshop, from: today, lockedOnly: false, in: tx)
        var again = try await self.problem(workshop: workshop, from: today, days: days, fixed: fixed, now: tx.now, in: tx)
        let freed = Set(lost.flatMap { $0.inputs.map(\.lotId) })
        again.lots = again.lots.filter { freed.contains($0.id) }
        for batch in BatchScheduler().plan(again).batches where batch.id == nil {
            _ = try await PlanStore.insert(batch, workshop: workshop.organisationId, in: tx)
        }
        return displaced.compactMap(\.id)
    }

    /// The earliest place from now for the same batch, within its produce's days; nil when there is none.
    private func earliestPlace(
        for batch: PlannedBatch, recipes: [UUID: SchedulingProblem.Recipe], lots: [UUID: SchedulingProblem.Lot],
        problem: SchedulingProblem, in timeline: WorkshopTimeline
    ) -> PlannedBatch? {
        guard let recipe = recipes[batch.recipeId] else { return nil }
        let used = batch.inputs.compactMap { lots[$0.lotId] }
        guard used.count == batch.inputs.count else { return nil }
        let earliest = max(problem.firstDay, used.map(\.availableFrom).max() ?? problem.firstDay)
        let latest = min(problem.lastDay, used.map(\.spoilDate).min() ?? problem.lastDay)
        guard earliest <= latest else { return nil }
        for index in problem.firstDay.days(until: earliest)...problem.firstDay.days(until: latest) {
            if let steps = timeline.earliest(steps: recipe.steps, grams: batch.totalGrams, staff: batch.staff, dayIndex: index) {
                var moved = batch
                moved.day = problem.firstDay.adding(days: index)
                moved.steps = steps
                return moved
            }
        }
        return nil
    }
}
