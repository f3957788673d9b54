import CollectoKernel
import Foundation

/// The workshop's days cut into 15-minute slots: which slots are open, how
/// many cooks are free in each, and which slots each piece of equipment is
/// taken. Placing a batch books its slots; nothing is ever booked twice.
struct WorkshopTimeline {
    static let slotMinutes = 15
    static let slotsPerDay = 24 * 60 / slotMinutes

    let firstDay: CalendarDate
    let days: Int
    private var open: [[Bool]]
    private var cooks: [[Int]]
    private var taken: [UUID: [[Bool]]]
    private let equipmentByType: [String: [SchedulingProblem.Equipment]]

    init(_ problem: SchedulingProblem) {
        firstDay = problem.firstDay
        days = problem.days
        let empty = Array(repeating: false, count: Self.slotsPerDay)
        open = Array(repeating: empty, count: problem.days)
        cooks = Array(repeating: Array(repeating: 0, count: Self.slotsPerDay), count: problem.days)
        taken = [:]
        for index in 0..<problem.days {
            let day = problem.firstDay.adding(days: index)
            guard !problem.closedDays.contains(day) else { continue }
            let earliest = index == 0 ? problem.firstDayStartMinute : 0
            for (from, until) in Self.openMinutes(problem.openingHours, on: day.weekday) {
                for slot in Self.slots(from: max(from, earliest), until: until) where slot * Self.slotMinutes >= earliest {
                    open[index][slot] = true
                }
            }
        }
        for shift in problem.shifts {
            guard let index = Self.index(of: shift.day, from: problem.firstDay, days: problem.days) else { continue }
            for slot in Self.slots(from: shift.from.minutesSinceMidnight, until: shift.until.minutesSinceMidnight) {
                cooks[index][slot] += shift.cooks
            }
        }
        for item in problem.equipment {
            var busy = Array(repeating: empty, count: problem.days)
            for gap in item.unavailable {
                guard let index = Self.index(of: gap.day, from: problem.firstDay, days: problem.days) else { continue }
                let from = gap.from?.minutesSinceMidnight ?? 0
                let until = gap.until?.minutesSinceMidnight ?? 24 * 60
                for slot in Self.slots(from: from, until: until) { busy[index][slot] = true }
            }
            taken[item.id] = busy
        }
        equipmentByType = Dictionary(grouping: problem.equipment, by: \.type).mapValues {
            $0.sorted { ($0.capacityGrams, $0.name, $0.id.uuidString) < ($1.capacityGrams, $1.name, $1.id.uuidString) }
        }
    }

    /// A weekday's open minutes; a site without declared hours is open all day.
    static func openMinutes(_ hours: OpeningHours, on weekday: Weekday) -> [(Int, Int)] {
        if hours.isUnrestricted { return [(0, 24 * 60)] }
        return hours.ranges(on: weekday).map { ($0.from.minutesSinceMidnight, $0.until.minutesSinceMidnight) }
    }

    static func index(of day: CalendarDate, from first: CalendarDate, days: Int) -> Int? {
        let index = first.days(until: day)
        return (0..<days).contains(index) ? index : nil
    }

    /// The slots that overlap minutes [from, until).
    static func slots(from: Int, until: Int) -> Range<Int> {
        let first = max(0, from / slotMinutes)
        let last = min(slotsPerDay, (until + slotMinutes - 1) / slotMinutes)
        return first..<max(first, last)
    }

    /// Whether the workshop opens on this day at all.
    func isOpen(dayIndex: Int) -> Bool { open[dayIndex].contains(true) }

    /// Whether a slot of a day is open (and, on the first day, after the plan is made).
    func isOpen(dayIndex: Int, slot: Int) -> Bool { open[dayIndex][slot] }

    /// Cooks on shift and not yet booked in a slot of a day.
    func freeCooks(dayIndex: Int, slot: Int) -> Int { cooks[dayIndex][slot] }

    /// Whether a piece of equipment is unavailable or booked in a slot of a day (true for unknown equipment).
    func isTaken(_ equipment: UUID, dayIndex: Int, slot: Int) -> Bool { taken[equipment]?[dayIndex][slot] ?? true }

    /// The largest batch (grams) the equipment allows for every step type.
    func largestBatch(for steps: [SchedulingProblem.Recipe.Step]) -> Int {
        steps.map { step in equipmentByType[step.equipmentType]?.last?.capacityGrams ?? 0 }.min() ?? Int.max
    }

    /// The earliest placement of the steps, back to back, on `dayIndex`: every
    /// slot open, enough free cooks throughout, and for each step the smallest
    /// free piece of equipment of its type that holds `grams`.
    func earliest(steps: [SchedulingProblem.Recipe.Step], grams: Int, staff: Int, dayIndex: Int) -> [PlannedBatch.StepUse]? {
        let lengths = Self.lengths(of: steps)
        let candidates = Self.candidates(for: steps, grams: grams, in: equipmentByType)
        for first in 0..<Self.slotsPerDay {
            if let uses = placement(lengths: lengths, candidates: candidates, staff: staff, dayIndex: dayIndex, firstSlot: first) {
                return uses
            }
        }
        return nil
    }

    /// The placement starting exactly at `firstSlot`, if every rule allows it.
    func placement(steps: [SchedulingProblem.Recipe.Step], grams: Int, staff: Int, dayIndex: Int, firstSlot: Int)
        -> [PlannedBatch.StepUse]?
    {
        placement(
            lengths: Self.lengths(of: steps), candidates: Self.candidates(for: steps, grams: grams, in: equipmentByType), staff: staff,
            dayIndex: dayIndex, firstSlot: firstSlot)
    }

    /// For each step, the equipment of its type that holds `grams`: two sizes with the same candidates
    /// fit at the same times, so a size that found no place tells the same of every such size.
    func candidates(for steps: [SchedulingProblem.Recipe.Step], grams: Int) -> [[UUID]] {
        Self.candidates(for: steps, grams: grams, in: equipmentByType)
    }

    /// Each step's length in slots.
    static func lengths(of steps: [SchedulingProblem.Recipe.Step]) -> [Int] {
        steps.map { max(1, ($0.minutes + slotMinutes - 1) / slotMinutes) }
    }

    /// For each step, the equipment of its type that holds the batch, smallest first.
    static func candidates(
        for steps: [SchedulingProblem.Recipe.Step], grams: Int, in equipment: [String: [SchedulingProblem.Equipment]]
    ) -> [[UUID]] {
        steps.map { step in (equipment[step.equipmentType] ?? []).filter { $0.capacityGrams >= grams }.map(\.id) }
    }

    private func placement(lengths: [Int], candidates: [[UUID]], staff: Int, dayIndex: Int, firstSlot first: Int)
        -> [PlannedBatch.StepUse]?
    {
        let total = lengths.reduce(0, +)
        guard total > 0, first >= 0, first + total <= Self.slotsPerDay else { return nil }
        for slot in first..<(first + total) where !open[dayIndex][slot] || cooks[dayIndex][slot] < staff {
            return nil
        }
        var uses: [PlannedBatch.StepUse] = []
        var cursor = first
        for (length, items) in zip(lengths, candidates) {
            guard
                let item = items.first(where: { item in
                    let busy = taken[item]![dayIndex]
                    return !(cursor..<(cursor + length)).contains { busy[$0] }
                })
            else { return nil }
            uses.append(.init(equipmentId: item, startMinute: cursor * Self.slotMinutes, endMinute: (cursor + length) * Self.slotMinutes))
            cursor += length
        }
        return uses
    }

    /// Whether a batch fits exactly where it is: the workshop open and enough free cooks for its whole
    /// length, and each step's equipment known (not retired), available and free.
    func fits(_ batch: PlannedBatch) -> Bool {
        guard let index = Self.index(of: batch.day, from: firstDay, days: days), !batch.steps.isEmpty else { return false }
        for slot in Self.slots(from: batch.startMinute, until: batch.endMinute) where !open[index][slot] || cooks[index][slot] < batch.staff
        {
            return false
        }
        for use in batch.steps {
            guard let busy = taken[use.equipmentId]?[index] else { return false }
            if Self.slots(from: use.startMinute, until: use.endMinute).contains(where: { busy[$0] }) { return false }
        }
        return true
    }

    /// Equipment for steps that run from `firstSlot`, whatever the hours and the shifts (a batch the cooks
    /// start is a fact): for each step the equipment it was planned on when free, otherwise the smallest free
    /// one of its type that holds `grams`; nil when some step finds none.
    func equipment(
        for steps: [SchedulingProblem.Recipe.Step], grams: Int, dayIndex: Int, firstSlot: Int, preferring planned: [UUID]
    ) -> [PlannedBatch.StepUse]? {
        let lengths = Self.lengths(of: steps)
        let candidates = Self.candidates(for: steps, grams: grams, in: equipmentByType)
        var uses: [PlannedBatch.StepUse] = []
        var cursor = firstSlot
        for (position, (length, items)) in zip(lengths, candidates).enumerated() {
            let range = cursor..<min(Self.slotsPerDay, cursor + length)
            let free = items.filter { item in !range.contains { taken[item]![dayIndex][$0] } }
            let wanted = position < planned.count ? planned[position] : nil
            guard let item = free.first(where: { $0 == wanted }) ?? free.first else { return nil }
            uses.append(.init(equipmentId: item, startMinute: cursor * Self.slotMinutes, endMinute: (cursor + length) * Self.slotMinutes))
            cursor += length
        }
        return uses
    }

    /// Books (or, with `release`, frees) a batch's equipment and cooks.
    mutating func book(_ batch: PlannedBatch, release: Bool = false) {
        guard let index = Self.index(of: batch.day, from: firstDay, days: days) else { return }
        for use in batch.steps where taken[use.equipmentId] != nil {
            for slot in Self.slots(from: use.startMinute, until: use.endMinute) { taken[use.equipmentId]![index][slot] = !release }
        }
        for slot in Self.slots(from: batch.startMinute, until: batch.endMinute) {
            cooks[index][slot] += release ? batch.staff : -batch.staff
        }
    }
}
