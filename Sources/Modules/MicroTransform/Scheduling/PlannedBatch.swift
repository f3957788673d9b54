import CollectoKernel
import Foundation

/// A batch placed in time: which equipment runs each step when, which lots go
/// in and how much, and what it should give. Times are minutes after the
/// workshop's local midnight on `day`.
public struct PlannedBatch: Sendable, Hashable, Codable {
    /// One step on one piece of equipment.
    public struct StepUse: Sendable, Hashable, Codable {
        public var equipmentId: UUID
        public var startMinute: Int
        public var endMinute: Int
        public init(equipmentId: UUID, startMinute: Int, endMinute: Int) {
            self.equipmentId = equipmentId
            self.startMinute = startMinute
            self.endMinute = endMinute
        }
    }

    /// Produce taken from one lot.
    public struct Input: Sendable, Hashable, Codable {
        public var lotId: UUID
        public var grams: Int
        public init(lotId: UUID, grams: Int) {
            self.lotId = lotId
            self.grams = grams
        }
    }

    /// Set once stored; nil for a batch the scheduler just proposed.
    public var id: UUID?
    public var recipeId: UUID
    public var day: CalendarDate
    public var steps: [StepUse]
    public var inputs: [Input]
    /// Water, sugar and the like added to the produce.
    public var addedGrams: Int
    public var expectedOutputGrams: Int
    public var staff: Int
    public var locked: Bool
    /// Started by the cooks: a fact, no longer a plan. It holds its equipment and cooks, but the
    /// rules of a plan (opening hours, shifts, sizes, shares) are not asked of it again.
    public var running: Bool = false

    public init(
        id: UUID? = nil, recipeId: UUID, day: CalendarDate, steps: [StepUse], inputs: [Input], addedGrams: Int,
        expectedOutputGrams: Int, staff: Int, locked: Bool, running: Bool = false
    ) {
        self.running = running
        self.id = id
        self.recipeId = recipeId
        self.day = day
        self.steps = steps
        self.inputs = inputs
        self.addedGrams = addedGrams
        self.expectedOutputGrams = expectedOutputGrams
        self.staff = staff
        self.locked = locked
    }

    public var startMinute: Int { steps.map(\.startMinute).min() ?? 0 }
    public var endMinute: Int { steps.map(\.endMinute).max() ?? 0 }
    public var produceGrams: Int { inputs.reduce(0) { $0 + $1.grams } }
    public var totalGrams: Int { produceGrams + addedGrams }
    /// Equipment minutes, the measure of a day's load.
    public var equipmentMinutes: Int { steps.reduce(0) { $0 + $1.endMinute - $1.startMinute } }
}
