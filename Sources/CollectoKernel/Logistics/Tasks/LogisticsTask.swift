import Foundation

/// Something a module asks the fleet to move: from a pickup site, to a drop
/// site, or both, within time windows. Rounds carry tasks; modules learn what
/// happened to them through ``TaskStopRecorded`` events.
public struct LogisticsTask: Sendable, Codable, Hashable {
    /// One end of a task: where and when.
    public struct Endpoint: Sendable, Codable, Hashable {
        public var siteId: UUID
        public var window: TimeWindow?
        public init(siteId: UUID, window: TimeWindow? = nil) {
            self.siteId = siteId
            self.window = window
        }
    }

    public var id: UUID
    /// A kind a module registered, e.g. `foodaid.partner_delivery`.
    public var kind: String
    public var ownerModule: String
    /// The owning module's own identifier for what this task moves (an order, a pickup request).
    public var reference: String
    /// The organisation on whose behalf the task runs (who may see it).
    public var organisationId: UUID
    public var pickup: Endpoint?
    public var drop: Endpoint?
    public var kg: Double
    public var litres: Double
    public var temperature: TemperatureClass
    /// Food may never share a compartment with non-food (biowaste).
    public var isFood: Bool
    public var status: TaskStatus
    public var roundId: UUID?
    public var actualKg: Double?
    public var createdAt: Date
    public var updatedAt: Date
    /// The last instant the goods may be collected, set by the module that
    /// owns the task (FoodAid: the use-by margin at take-over); a round that
    /// reaches the pickup later is refused.
    public var latestPickupAt: Date?

    public init(
        id: UUID, kind: String, ownerModule: String, reference: String, organisationId: UUID, pickup: Endpoint?, drop: Endpoint?,
        kg: Double, litres: Double, temperature: TemperatureClass, isFood: Bool, status: TaskStatus, roundId: UUID?,
        actualKg: Double?, createdAt: Date, updatedAt: Date, latestPickupAt: Date? = nil
    ) {
        self.latestPickupAt = latestPickupAt
        self.id = id
        self.kind = kind
        self.ownerModule = ownerModule
        self.reference = reference
        self.organisationId = organisationId
        self.pickup = pickup
        self.drop = drop
        self.kg = kg
        self.litres = litres
        self.temperature = temperature
        self.isFood = isFood
        self.status = status
        self.roundId = roundId
        self.actualKg = actualKg
        self.createdAt = createdAt
        self.updatedAt = updatedAt
    }
}

/// Where a task is in its life.
public enum TaskStatus: String, Sendable, AcceptedValues, CaseIterable {
    case pending
    case planned
    case inProgress = "in_progress"
    case done
    case failed
    case cancelled
}

/// A kind of task a module declares it creates.
public struct TaskKind: Sendable, Hashable, Codable {
    public let id: String
    public let summary: String
    public let isFood: Bool

    public init(_ id: String, summary: String, isFood: Bool) {
        self.id = id
        self.summary = summary
        self.isFood = isFood
    }
}
