import CollectoKernel
import Foundation

/// Plans transformation batches over the next days. Lexicographic goals: first
/// the fewest kilograms that spoil, then the most output, then an even load
/// on the equipment from day to day.
///
/// Method (deterministic, no randomness, every tie broken by name and id):
/// 1. Day by day, the produce that spoils first is placed first (earliest
///    deadline first). For that lot, every recipe that takes it is sized with
///    the matching produce on hand — as much produce as the batch maximum and
///    the largest equipment allow, then as much added weight as the recipe's
///    produce share allows — and placed at the earliest start where every step
///    finds free equipment back to back, the workshop is open and enough cooks
///    are on shift. The recipe that uses the most produce, then gives the most
///    output, wins. A lot that cannot be placed records why, and is retried the
///    next day until it spoils.
/// 2. Look-ahead (a pilot method, ``Pilot``): each day is planned by several
///    rules (the standard one above; batches compared by produce per slot of
///    the day they hold; each kind of produce served first), the rest of the
///    horizon is played out after each, and the day whose continuation spoils
///    least (then makes most) is kept. Cooks and equipment make a day a packing
///    problem — three 45-minute compotes fill a day that a compote and a
///    two-hour ratatouille leave half empty — and whether a kind can wait
///    depends on the days after: the look-ahead sees both. Two pilots run, one
///    playing the horizon out with the standard rule, one with each day's rule
///    that cooks the most produce that day (it sees two vegetable days that
///    leave the next day to three compotes); the better plan is kept. The
///    standard rule is tried first and wins ties, so the plan never spoils more
///    than the plain pass.
/// 3. Smoothing: a batch whose lots allow another day moves to a less loaded
///    day when that lowers the sum of squared daily equipment minutes. Moves
///    only use free slots, so they never change what spoils or what is made.
/// Locked (and running) batches are booked first and never moved.
public struct BatchScheduler: Sendable {
    /// Whether days are chosen by look-ahead (step 2); without it, the plain greedy pass, for comparison.
    public var lookAhead: Bool

    public init(lookAhead: Bool = true) {
        self.lookAhead = lookAhead
    }

    public func plan(_ problem: SchedulingProblem) -> SchedulingPlan {
        var left: [UUID: Int] = [:]
        for lot in problem.lots { left[lot.id, default: 0] += lot.grams }
        var state = GreedyDay(timeline: WorkshopTimeline(problem), left: left)
        for batch in problem.fixed {
            state.timeline.book(batch)
            for input in batch.inputs where state.left[input.lotId] != nil {
                state.left[input.lotId] = max(0, state.left[input.lotId]! - input.grams)
            }
        }
        let lots = problem.lots.sorted {
            ($0.spoilDate, $0.availableFrom, $0.id.uuidString) < ($1.spoilDate, $1.availableFrom, $1.id.uuidString)
        }
        let recipes = problem.recipes.sorted { ($0.name, $0.id.uuidString) < ($1.name, $1.id.uuidString) }
        let rules =
            !lookAhead
            ? [.standard] : GreedyDay.Rule.all(kinds: ProduceKind.allCases.filter { kind in problem.lots.contains { $0.kind == kind } })
        let context = Pilot(problem: problem, lots: lots, recipes: recipes, rules: rules, scheduler: self)
        if lookAhead {
            // Two pilots, each playing the rest of the horizon out its own way: the standard rule every day, or each
            // day the rule that cooks the most produce that day. Each sees sacrifices the other misses (two vegetable
            // days that leave a day to three compotes); the better plan is kept, the standard pilot's on a tie.
            let standard = context.run(from: state, continuation: [.standard])
            var byProduce = context
            byProduce.rules = rules.filter { !$0.perSlot }
            let myopic = byProduce.run(from: state, continuation: byProduce.rules)
            state = context.score(myopic) < context.score(standard) ? myopic : standard
        } else {
            state = context.run(from: state, continuation: [])
        }
        var placed = state.placed
        var timeline = state.timeline
        smooth(&placed, fixed: problem.fixed, timeline: &timeline, problem: problem)
        let batches = (problem.fixed + placed).sorted {
            ($0.day, $0.startMinute, $0.recipeId.uuidString) < ($1.day, $1.startMinute, $1.recipeId.uuidString)
        }
        return SchedulingPlan(
            batches: batches, unused: unused(lots, left: state.left, why: state.why, timeline: timeline, problem: problem))
    }

    /// The best batch that starts with `urgent`, or why there is none.
    func bestBatch(
        for urgent: SchedulingProblem.Lot, among usable: [SchedulingProblem.Lot], recipes: [SchedulingProblem.Recipe],
        left: [UUID: Int], timeline: WorkshopTimeline, dayIndex: Int, day: CalendarDate, perSlot: Bool = false
    ) -> Result<PlannedBatch, UnusedReasonError> {
        var best: PlannedBatch?
        var failure = UnusedReason.noRecipe(kind: urgent.kind)
        for recipe in recipes where recipe.accepts(urgent) {
            let pool = [urgent] + usable.filter { $0.id != urgent.id && recipe.accepts($0) }
            let available = pool.reduce(0) { $0 + left[$1.id]! }
            let largest = min(recipe.maxBatchGrams, timeline.largestBatch(for: recipe.steps))
            var placeless: [[UUID]]?
            for cap in Self.sizes(below: largest, minimum: recipe.minBatchGrams) {
                let produce = min(available, Int((recipe.produceShare.upperBound * Double(cap)).rounded(.down)))
                let total = min(cap, Int((Double(produce) / recipe.produceShare.lowerBound).rounded(.down)))
                guard total >= recipe.minBatchGrams, produce > 0 else {
                    if case .noRecipe = failure {
                        failure = .tooLittle(
                            availableGrams: available,
                            minimumGrams: Int((Double(recipe.minBatchGrams) * recipe.produceShare.lowerBound).rounded(.up)))
                    }
                    continue
                }
                let candidates = timeline.candidates(for: recipe.steps, grams: total)
                guard candidates != placeless,
                    let steps = timeline.earliest(steps: recipe.steps, grams: total, staff: recipe.staff, dayIndex: dayIndex)
                else {
                    placeless = candidates
                    failure = .noFreeResources
                    continue
                }
                var inputs: [PlannedBatch.Input] = []
                var wanted = produce
                for lot in pool where wanted > 0 {
                    let take = min(wanted, left[lot.id]!)
                    if take > 0 { inputs.append(.init(lotId: lot.id, grams: take)) }
                    wanted -= take
                }
                let batch = PlannedBatch(
                    recipeId: recipe.id, day: day, steps: steps, inputs: inputs, addedGrams: total - produce,
                    expectedOutputGrams: Int((Double(total) * recipe.yield).rounded()), staff: recipe.staff, locked: false)
                if let current = best {
                    if perSlot {
                        // Produce per slot held, compared exactly: a × length(b) against b × length(a).
                        let ours = batch.produceGrams * max(1, current.endMinute - current.startMinute)
                        let theirs = current.produceGrams * max(1, batch.endMinute - batch.startMinute)
                        if (ours, batch.produceGrams) > (theirs, current.produceGrams) { best = batch }
                    } else if (batch.produceGrams, batch.expectedOutputGrams) > (current.produceGrams, current.expectedOutputGrams) {
                        best = batch
                    }
                } else {
                    best = batch
                }
                break
            }
        }
        if let best { return .success(best) }
        return .failure(UnusedReasonError(reason: failure))
    }

    /// Batch sizes to try, largest first: the largest, then smaller steps of a tenth, down to the minimum.
    static func sizes(below largest: Int, minimum: Int) -> [Int] {
        guard largest >= minimum, largest > 0 else { return [largest] }
        var sizes = [largest]
        var size = largest - largest / 10
        while size > minimum && sizes.count < 10 {
            sizes.append(size)
            size -= largest / 10
        }
        if sizes.last != minimum { sizes.append(minimum) }
        return sizes
    }

    /// Moves batches to less loaded days when their lots allow it and a free placement exists.
    func smooth(_ batches: inout [PlannedBatch], fixed: [PlannedBatch], timeline: inout WorkshopTimeline, problem: SchedulingProblem) {
        let lots = Dictionary(problem.lots.map { ($0.id, $0) }, uniquingKeysWith: { first, _ in first })
        let recipes = Dictionary(problem.recipes.map { ($0.id, $0) }, uniquingKeysWith: { first, _ in first })
        var load = Array(repeating: 0, count: problem.days)
        for batch in fixed + batches {
            if let index = WorkshopTimeline.index(of: batch.day, from: problem.firstDay, days: problem.days) {
                load[index] += batch.equipmentMinutes
            }
        }
        for _ in 0..<4 {
            var movedAny = false
            let order = batches.indices.sorted {
                (batches[$0].day, batches[$0].startMinute) > (batches[$1].day, batches[$1].startMinute)
            }
            for position in order {
                let batch = batches[position]
                guard let recipe = recipes[batch.recipeId],
                    let current = WorkshopTimeline.index(of: batch.day, from: problem.firstDay, days: problem.days)
                else { continue }
                let used = batch.inputs.compactMap { lots[$0.lotId] }
                let earliest = max(problem.firstDay, used.map(\.availableFrom).max() ?? problem.firstDay)
                let latest = min(problem.lastDay, used.map(\.spoilDate).min() ?? problem.lastDay)
                guard earliest <= latest else { continue }
                let minutes = batch.equipmentMinutes
                let targets = (problem.firstDay.days(until: earliest)...problem.firstDay.days(until: latest))
                    .filter { $0 != current && load[$0] + minutes < load[current] }
                    .sorted { (load[$0], $0) < (load[$1], $1) }
                guard !targets.isEmpty else { continue }
                timeline.book(batch, release: true)
                var moved: PlannedBatch?
                for target in targets {
                    if let steps = timeline.earliest(steps: recipe.steps, grams: batch.totalGrams, staff: batch.staff, dayIndex: target) {
                        var copy = batch
                        copy.day = problem.firstDay.adding(days: target)
                        copy.steps = steps
                        moved = copy
                        load[current] -= minutes
                        load[target] += minutes
                        break
                    }
                }
                timeline.book(moved ?? batch)
                if let moved {
                    batches[position] = moved
                    movedAny = true
                }
            }
            if !movedAny { break }
        }
    }

    /// Every lot with grams left, and why.
    func unused(
        _ lots: [SchedulingProblem.Lot], left: [UUID: Int], why: [UUID: UnusedReason], timeline: WorkshopTimeline,
        problem: SchedulingProblem
    ) -> [SchedulingPlan.Unused] {
        lots.compactMap { lot in
            let grams = left[lot.id] ?? 0
            guard grams > 0 else { return nil }
            let spoils = lot.spoilDate <= problem.lastDay
            let reason: UnusedReason
            if !spoils {
                reason = .keptForLater
            } else if lot.availableFrom > lot.spoilDate || lot.spoilDate < problem.firstDay || lot.availableFrom > problem.lastDay {
                reason = .arrivesTooLate
            } else if !openDay(between: max(lot.availableFrom, problem.firstDay), and: lot.spoilDate, timeline: timeline, problem: problem)
            {
                reason = .workshopClosed
            } else if let known = why[lot.id] {
                reason = grams < lot.grams && known == .noFreeResources ? .batchesFull : known
            } else {
                reason = .noFreeResources
            }
            return .init(lotId: lot.id, grams: grams, spoils: spoils, reason: reason)
        }
    }

    func openDay(between first: CalendarDate, and last: CalendarDate, timeline: WorkshopTimeline, problem: SchedulingProblem) -> Bool {
        guard first <= last else { return false }
        return (problem.firstDay.days(until: first)...problem.firstDay.days(until: last)).contains { index in
            (0..<problem.days).contains(index) && timeline.isOpen(dayIndex: index)
        }
    }
}

/// A reason carried through `Result`.
struct UnusedReasonError: Error {
    let reason: UnusedReason
}
