import Foundation

/// A vehicle's trip on one day: an ordered list of stops, each picking up or
/// dropping tasks.
public struct Round: Sendable, Codable, Hashable {
    /// What happens to one task at one stop.
    public enum Action: String, Sendable, AcceptedValues, Hashable {
        case pickup
        case drop
    }

    /// One task handled at a stop, with the weight actually moved once recorded.
    public struct StopAction: Sendable, Codable, Hashable {
        public var taskId: UUID
        public var action: Action
        public var actualKg: Double?
    }

    /// One stop of a round.
    public struct Stop: Sendable, Codable, Hashable {
        public var id: UUID
        public var sequence: Int
        public var siteId: UUID
        /// When the vehicle is expected to start service there.
        public var plannedArrival: Date?
        public var completedAt: Date?
        public var actions: [StopAction]
    }

    public var id: UUID
    /// The organisation that plans the round (owner of or sharer in the vehicle).
    public var organisationId: UUID
    public var day: CalendarDate
    /// Local departure time on `day`.
    public var startTime: LocalTime
    public var vehicleId: UUID
    public var driverUserId: UUID?
    /// When the vehicle leaves, and when it finishes its last stop: it is busy in between.
    public var plannedStart: Date
    public var plannedEnd: Date
    public var status: RoundStatus
    public var stops: [Stop]
    public var createdAt: Date
}

/// Where a round is in its life.
public enum RoundStatus: String, Sendable, AcceptedValues {
    case planned
    case inProgress = "in_progress"
    case completed
    case cancelled
}
