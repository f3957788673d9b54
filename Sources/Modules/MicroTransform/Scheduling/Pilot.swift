import CollectoKernel
import Foundation

/// The scheduler's look-ahead over the horizon, a pilot method: each day is
/// planned by every rule, the rest of the horizon is played out after each by
/// a continuation, and the day whose continuation spoils least (then makes
/// most) is kept. Each rule's day is one candidate; a rule that plans the day
/// as an earlier one did is not played out again.
///
/// The continuation is a list of rules: each later day is planned by whichever
/// of them cooks the most produce that day (one rule: that rule every day).
/// The first rule tried is the standard one and wins ties, so a pilot never
/// spoils more than its own continuation played from the first day; with no
/// continuation, each day takes the first rule: the plain greedy pass.
struct Pilot {
    let problem: SchedulingProblem
    /// The lots, most urgent first.
    let lots: [SchedulingProblem.Lot]
    let recipes: [SchedulingProblem.Recipe]
    var rules: [GreedyDay.Rule]
    let scheduler: BatchScheduler

    /// What the plan is judged by: the grams that spoil, then the most output.
    func score(_ state: GreedyDay) -> (Int, Int) {
        (state.spoiledGrams(problem.lots, lastDay: problem.lastDay), -state.outputGrams)
    }

    /// Plans every open day from `start`.
    func run(from start: GreedyDay, continuation: [GreedyDay.Rule]) -> GreedyDay {
        var state = start
        for dayIndex in 0..<problem.days where state.timeline.isOpen(dayIndex: dayIndex) {
            guard !continuation.isEmpty, rules.count > 1 else {
                state.plan(
                    dayIndex: dayIndex, rule: rules[0], lots: lots, recipes: recipes, scheduler: scheduler,
                    firstDay: problem.firstDay)
                continue
            }
            var best: (score: (Int, Int), day: GreedyDay)?
            var seen: Set<[PlannedBatch]> = []
            for rule in rules {
                var trial = state
                trial.plan(dayIndex: dayIndex, rule: rule, lots: lots, recipes: recipes, scheduler: scheduler, firstDay: problem.firstDay)
                let dayBatches = Array(trial.placed[state.placed.count...])
                guard seen.insert(dayBatches).inserted else { continue }
                var rollout = trial
                for later in (dayIndex + 1)..<max(dayIndex + 1, problem.days) {
                    rollout.plan(
                        dayIndex: later, choosingAmong: continuation, lots: lots, recipes: recipes, scheduler: scheduler,
                        firstDay: problem.firstDay)
                }
                let score = score(rollout)
                if best == nil || score < best!.score { best = (score, trial) }
            }
            state = best!.day
        }
        return state
    }
}
