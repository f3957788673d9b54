import Foundation

/// What a coordinator sends to build a round by hand.
public struct RoundRequest: Sendable, Codable {
    /// One stop: the site and the tasks picked up and dropped there.
    public struct Stop: Sendable, Codable {
        public var siteId: UUID
        public var pickups: [UUID]?
        public var drops: [UUID]?
        public init(siteId: UUID, pickups: [UUID]? = nil, drops: [UUID]? = nil) {
            self.siteId = siteId
            self.pickups = pickups
            self.drops = drops
        }
    }

    public var organisationId: UUID
    public var day: CalendarDate
    public var startTime: LocalTime
    public var vehicleId: UUID
    public var driverUserId: UUID?
    public var stops: [Stop]

    public init(organisationId: UUID, day: CalendarDate, startTime: LocalTime, vehicleId: UUID, driverUserId: UUID?, stops: [Stop]) {
        self.organisationId = organisationId
        self.day = day
        self.startTime = startTime
        self.vehicleId = vehicleId
        self.driverUserId = driverUserId
        self.stops = stops
    }
}
