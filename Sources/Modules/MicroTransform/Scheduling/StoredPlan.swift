import CollectoKernel
import Foundation

/// The plan as stored — every planned and running batch from today on — with
/// the problem it has to satisfy, so that ``PlanCheck`` can judge it at any
/// time, not only when the scheduler has just made it.
extension PlanningService {
    /// The stored plan from today on, and its problem. Running batches take
    /// their produce as the cooks weighed it (added back to their lots, since
    /// it is already taken from what is left); nothing on the first day is
    /// "before the plan was made", since the plan may have been made hours ago.
    func storedPlan(workshop: UUID, now: Date, in db: any SQLExecutor) async throws -> (SchedulingPlan, SchedulingProblem) {
        let today = CalendarDate(now, in: timeZone)
        let batches = try await PlanStore.planned(workshop: workshop, from: today, in: db)
        let last = batches.map(\.day).max() ?? today
        let days = max(1, today.days(until: last) + 1)
        var problem = try await self.problem(
            workshop: try await Workshop.get(workshop, in: db), from: today, days: days, fixed: [], now: now, in: db)
        problem.firstDayStartMinute = 0
        var taken: [UUID: Int] = [:]
        for batch in batches where batch.running {
            for input in batch.inputs { taken[input.lotId, default: 0] += input.grams }
        }
        for index in problem.lots.indices {
            problem.lots[index].grams += taken[problem.lots[index].id] ?? 0
        }
        return (SchedulingPlan(batches: batches, unused: []), problem)
    }

    /// Every hard rule the stored plan breaks, in words; empty when it is sound.
    func storedPlanViolations(workshop: UUID, now: Date, in db: any SQLExecutor) async throws -> [String] {
        let (plan, problem) = try await storedPlan(workshop: workshop, now: now, in: db)
        return PlanCheck.violations(of: plan, for: problem)
    }
}
