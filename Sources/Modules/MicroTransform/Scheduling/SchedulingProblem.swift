import CollectoKernel
import Foundation

/// Everything the batch scheduler needs, detached from storage so that it is a
/// pure function of its input: produce lots on hand and expected, recipes,
/// equipment with its calendar, cooks' shifts, the workshop's days, and the
/// batches the manager has locked.
public struct SchedulingProblem: Sendable, Hashable {
    /// Produce waiting to be processed, in grams.
    public struct Lot: Sendable, Hashable, Codable {
        public var id: UUID
        public var kind: ProduceKind
        public var productName: String?
        public var grams: Int
        /// The first day it is in the workshop (expected lots arrive later).
        public var availableFrom: CalendarDate
        /// The last day it may be cooked.
        public var spoilDate: CalendarDate

        public init(
            id: UUID, kind: ProduceKind, productName: String?, grams: Int, availableFrom: CalendarDate, spoilDate: CalendarDate
        ) {
            self.id = id
            self.kind = kind
            self.productName = productName
            self.grams = grams
            self.availableFrom = availableFrom
            self.spoilDate = spoilDate
        }
    }

    /// A recipe as the scheduler sees it.
    public struct Recipe: Sendable, Hashable {
        /// One step of the recipe, on one piece of equipment of a type.
        public struct Step: Sendable, Hashable {
            public var equipmentType: String
            public var minutes: Int
            public init(equipmentType: String, minutes: Int) {
                self.equipmentType = equipmentType
                self.minutes = minutes
            }
        }

        public var id: UUID
        public var name: String
        public var kind: ProduceKind
        /// Only produce whose name contains this (nil: any produce of the kind).
        public var productName: String?
        /// The share of the batch's weight that is produce; the rest is added (water, sugar…).
        public var produceShare: ClosedRange<Double>
        /// Output kg per kg of batch input.
        public var yield: Double
        public var minBatchGrams: Int
        public var maxBatchGrams: Int
        public var steps: [Step]
        public var staff: Int

        public init(
            id: UUID, name: String, kind: ProduceKind, productName: String? = nil, produceShare: ClosedRange<Double>, yield: Double,
            minBatchGrams: Int, maxBatchGrams: Int, steps: [Step], staff: Int
        ) {
            self.id = id
            self.name = name
            self.kind = kind
            self.productName = productName
            self.produceShare = produceShare
            self.yield = yield
            self.minBatchGrams = minBatchGrams
            self.maxBatchGrams = maxBatchGrams
            self.steps = steps
            self.staff = staff
        }

        /// Whether this lot may go into the recipe.
        public func accepts(_ lot: Lot) -> Bool {
            guard lot.kind == kind else { return false }
            guard let wanted = productName?.lowercased(), !wanted.isEmpty else { return true }
            return lot.productName?.lowercased().contains(wanted) == true
        }
    }

    /// A piece of equipment: one batch step at a time, up to its capacity.
    public struct Equipment: Sendable, Hashable {
        public var id: UUID
        public var name: String
        public var type: String
        public var capacityGrams: Int
        public var unavailable: [Unavailability]

        public init(id: UUID, name: String, type: String, capacityGrams: Int, unavailable: [Unavailability] = []) {
            self.id = id
            self.name = name
            self.type = type
            self.capacityGrams = capacityGrams
            self.unavailable = unavailable
        }
    }

    /// A time the equipment cannot be used (maintenance, cleaning, lent out); no times means the whole day.
    public struct Unavailability: Sendable, Hashable, Codable {
        /// The stored entry, to delete it by; nil in problems built by hand.
        public var id: UUID?
        public var day: CalendarDate
        public var from: LocalTime?
        public var until: LocalTime?
        public init(id: UUID? = nil, day: CalendarDate, from: LocalTime? = nil, until: LocalTime? = nil) {
            self.id = id
            self.day = day
            self.from = from
            self.until = until
        }
    }

    /// Cooks on duty: every batch needs its recipe's staff for its whole length.
    public struct Shift: Sendable, Hashable, Codable {
        public var day: CalendarDate
        public var from: LocalTime
        public var until: LocalTime
        public var cooks: Int
        public init(day: CalendarDate, from: LocalTime, until: LocalTime, cooks: Int) {
            self.day = day
            self.from = from
            self.until = until
            self.cooks = cooks
        }
    }

    public var firstDay: CalendarDate
    public var days: Int
    /// Minutes after midnight before which nothing may start on the first day (planning at 11:00 cannot use 08:00).
    public var firstDayStartMinute: Int = 0
    public var openingHours: OpeningHours
    public var closedDays: Set<CalendarDate>
    public var lots: [Lot]
    public var recipes: [Recipe]
    public var equipment: [Equipment]
    public var shifts: [Shift]
    /// Batches kept as they are (locked by the manager, or already running).
    public var fixed: [PlannedBatch]

    public init(
        firstDay: CalendarDate, days: Int, openingHours: OpeningHours, closedDays: Set<CalendarDate> = [], lots: [Lot],
        recipes: [Recipe], equipment: [Equipment], shifts: [Shift], fixed: [PlannedBatch] = [], firstDayStartMinute: Int = 0
    ) {
        self.firstDayStartMinute = firstDayStartMinute
        self.firstDay = firstDay
        self.days = days
        self.openingHours = openingHours
        self.closedDays = closedDays
        self.lots = lots
        self.recipes = recipes
        self.equipment = equipment
        self.shifts = shifts
        self.fixed = fixed
    }

    /// The planning horizon's last day.
    public var lastDay: CalendarDate { firstDay.adding(days: days - 1) }
}
