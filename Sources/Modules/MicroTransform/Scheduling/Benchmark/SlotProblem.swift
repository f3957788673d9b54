import CollectoKernel
import Foundation

/// A scheduling problem written out in the scheduler's own 15-minute slots, so
/// that an outside solver (the CP-SAT model of `scripts/bench-workshop-cpsat`)
/// solves exactly the problem ``BatchScheduler`` solves: the same open slots,
/// free cooks and busy equipment, read off the same ``WorkshopTimeline``, and
/// the same lots, recipes and sizes in whole grams. Its answer comes back as a
/// ``SlotPlan`` and is judged by ``PlanCheck``, like the scheduler's.
public struct SlotProblem: Sendable, Codable, Hashable {
    /// A lot, with the day indices it may be cooked on.
    public struct Lot: Sendable, Codable, Hashable {
        public var id: UUID
        public var grams: Int
        /// The first and last day index (0 is the first day) it may go into a batch; first > last when never.
        public var firstDay: Int
        public var lastDay: Int
        /// True when it spoils within the horizon: its unused grams count as spoiled.
        public var spoils: Bool
    }

    /// A recipe: its steps in slots, its sizes and shares, and the lots it takes.
    public struct Recipe: Sendable, Codable, Hashable {
        public struct Step: Sendable, Codable, Hashable {
            public var equipmentType: String
            public var slots: Int
        }

        public var id: UUID
        public var name: String
        /// The produce share's bounds in thousandths (600 for 60 %): `1000 × produce` lies between `min × total` and `max × total`.
        public var minShareThousandths: Int
        public var maxShareThousandths: Int
        public var minBatchGrams: Int
        public var maxBatchGrams: Int
        public var steps: [Step]
        public var staff: Int
        /// The lots this recipe may take (its produce kind and name).
        public var lotIds: [UUID]
    }

    /// A piece of equipment and, per day index, its slots taken already (unavailable or booked by a fixed batch).
    public struct Equipment: Sendable, Codable, Hashable {
        public var id: UUID
        public var type: String
        public var capacityGrams: Int
        public var takenSlots: [[Int]]
    }

    /// One day of the horizon: its open slots and the cooks free in each of the day's slots.
    public struct Day: Sendable, Codable, Hashable {
        public var date: CalendarDate
        public var openSlots: [Int]
        public var freeCooks: [Int]
    }

    public var slotMinutes: Int
    public var slotsPerDay: Int
    public var days: [Day]
    public var lots: [Lot]
    public var recipes: [Recipe]
    public var equipment: [Equipment]
    /// Grams already taken from lots by fixed (locked or running) batches.
    public var fixedGrams: [UUID: Int]

    /// The slot view of `problem`, fixed batches booked.
    public init(_ problem: SchedulingProblem) {
        var timeline = WorkshopTimeline(problem)
        var fixedGrams: [UUID: Int] = [:]
        for batch in problem.fixed {
            timeline.book(batch)
            for input in batch.inputs { fixedGrams[input.lotId, default: 0] += input.grams }
        }
        let slots = 0..<WorkshopTimeline.slotsPerDay
        slotMinutes = WorkshopTimeline.slotMinutes
        slotsPerDay = WorkshopTimeline.slotsPerDay
        days = (0..<problem.days).map { index in
            Day(
                date: problem.firstDay.adding(days: index),
                openSlots: slots.filter { timeline.isOpen(dayIndex: index, slot: $0) },
                freeCooks: slots.map { max(0, timeline.freeCooks(dayIndex: index, slot: $0)) })
        }
        lots = problem.lots.map { lot in
            Lot(
                id: lot.id, grams: max(0, lot.grams - (fixedGrams[lot.id] ?? 0)),
                firstDay: max(0, problem.firstDay.days(until: lot.availableFrom)),
                lastDay: min(problem.days - 1, problem.firstDay.days(until: lot.spoilDate)), spoils: lot.spoilDate <= problem.lastDay)
        }
        recipes = problem.recipes.map { recipe in
            Recipe(
                id: recipe.id, name: recipe.name,
                minShareThousandths: Int((recipe.produceShare.lowerBound * 1000).rounded(.up)),
                maxShareThousandths: Int((recipe.produceShare.upperBound * 1000).rounded(.down)),
                minBatchGrams: recipe.minBatchGrams, maxBatchGrams: recipe.maxBatchGrams,
                steps: zip(recipe.steps, WorkshopTimeline.lengths(of: recipe.steps)).map {
                    .init(equipmentType: $0.equipmentType, slots: $1)
                },
                staff: recipe.staff, lotIds: problem.lots.filter(recipe.accepts).map(\.id))
        }
        equipment = problem.equipment.map { item in
            Equipment(
                id: item.id, type: item.type, capacityGrams: item.capacityGrams,
                takenSlots: (0..<problem.days).map { index in slots.filter { timeline.isTaken(item.id, dayIndex: index, slot: $0) } })
        }
        self.fixedGrams = fixedGrams
    }
}
