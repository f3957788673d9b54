import CollectoKernel
import Foundation

/// The greedy pass's state between two days of the horizon: what is booked,
/// what produce is left, the batches placed and why lots could not be placed.
/// A value, so that the scheduler can try another day's choice on a copy and
/// look at where the rest of the horizon would lead before it commits.
struct GreedyDay {
    /// How a day picks its batches: which produce comes first, and how batches for it are compared.
    struct Rule: Sendable, Hashable {
        /// Serve lots of this kind first that day (the others still follow).
        var kindFirst: ProduceKind?
        /// Compare batches by produce per slot of the workshop's time they hold, then by produce; otherwise by produce, then output.
        var perSlot: Bool

        static let standard = Rule(kindFirst: nil, perSlot: false)

        /// Every rule the scheduler tries on a day, the standard one first.
        static func all(kinds: [ProduceKind]) -> [Rule] {
            [standard, Rule(kindFirst: nil, perSlot: true)]
                + kinds.flatMap { [Rule(kindFirst: $0, perSlot: false), Rule(kindFirst: $0, perSlot: true)] }
        }
    }

    var timeline: WorkshopTimeline
    var left: [UUID: Int]
    var placed: [PlannedBatch] = []
    var why: [UUID: UnusedReason] = [:]

    /// Grams that spoil within the horizon if nothing more is cooked.
    func spoiledGrams(_ lots: [SchedulingProblem.Lot], lastDay: CalendarDate) -> Int {
        lots.reduce(0) { $0 + ($1.spoilDate <= lastDay ? left[$1.id] ?? 0 : 0) }
    }

    var outputGrams: Int { placed.reduce(0) { $0 + $1.expectedOutputGrams } }

    /// Places batches on one day until no lot usable that day finds one, most urgent lot first.
    mutating func plan(
        dayIndex: Int, rule: Rule, lots: [SchedulingProblem.Lot], recipes: [SchedulingProblem.Recipe], scheduler: BatchScheduler,
        firstDay: CalendarDate
    ) {
        guard timeline.isOpen(dayIndex: dayIndex) else { return }
        let day = firstDay.adding(days: dayIndex)
        var tried: Set<UUID> = []
        var usable = lots.filter { left[$0.id]! > 0 && $0.availableFrom <= day && $0.spoilDate >= day }
        while true {
            usable.removeAll { left[$0.id]! <= 0 }
            let untried = usable.filter { !tried.contains($0.id) }
            guard let urgent = untried.first(where: { $0.kind == rule.kindFirst }) ?? untried.first else { break }
            switch scheduler.bestBatch(
                for: urgent, among: usable, recipes: recipes, left: left, timeline: timeline, dayIndex: dayIndex, day: day,
                perSlot: rule.perSlot)
            {
            case .success(let batch):
                timeline.book(batch)
                placed.append(batch)
                for input in batch.inputs { left[input.lotId]! -= input.grams }
            case .failure(let error):
                why[urgent.id] = error.reason
                tried.insert(urgent.id)
            }
        }
    }

    /// Plans one day by whichever of `rules` cooks the most produce that day (the first rule wins ties).
    mutating func plan(
        dayIndex: Int, choosingAmong rules: [Rule], lots: [SchedulingProblem.Lot], recipes: [SchedulingProblem.Recipe],
        scheduler: BatchScheduler,
        firstDay: CalendarDate
    ) {
        guard rules.count > 1 else {
            plan(dayIndex: dayIndex, rule: rules[0], lots: lots, recipes: recipes, scheduler: scheduler, firstDay: firstDay)
            return
        }
        var best: (grams: Int, day: GreedyDay)?
        for rule in rules {
            var trial = self
            trial.plan(dayIndex: dayIndex, rule: rule, lots: lots, recipes: recipes, scheduler: scheduler, firstDay: firstDay)
            let grams = trial.placed[placed.count...].reduce(0) { $0 + $1.produceGrams }
            if best == nil || grams > best!.grams { best = (grams, trial) }
        }
        if let best { self = best.day }
    }
}
