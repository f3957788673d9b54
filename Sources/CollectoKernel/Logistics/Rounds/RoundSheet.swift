import Foundation

/// A driver's sheet: everything needed to drive a round, in one read. Stop by
/// stop, where to go (the site, its hours, whom to call), when, and what to
/// load and unload there. A round alone holds only ids, and a driver may not
/// read most of what they point to otherwise.
///
/// Sites hold no access notes and no contact of their own: the contact is the
/// site's organisation (its name, phone and e-mail), given when it has a phone
/// or an e-mail.
public struct RoundSheet: Sendable, Codable, Hashable {
    /// Whom to call about a stop: the organisation the site belongs to.
    public struct Contact: Sendable, Codable, Hashable {
        public var organisationId: UUID
        public var name: String
        public var phone: String?
        public var email: String?
    }

    /// Where a stop is and when it can be served.
    public struct Place: Sendable, Codable, Hashable {
        public var siteId: UUID
        public var name: String
        public var address: String
        public var postcode: String?
        public var city: String?
        public var latitude: Double
        public var longitude: Double
        public var openingHours: OpeningHours
        /// Minutes the site expects a vehicle to spend there (parking, loading, paperwork).
        public var serviceMinutes: Int
        public var contact: Contact?
    }

    /// One task loaded or unloaded at a stop.
    public struct Item: Sendable, Codable, Hashable {
        public var taskId: UUID
        public var kind: String
        /// What the kind is, as its module declared it.
        public var description: String?
        /// The owning module's identifier for what moves (an order, a pickup request).
        public var reference: String
        public var kg: Double
        public var litres: Double
        public var temperature: TemperatureClass
        public var isFood: Bool
        public var status: TaskStatus
        /// The weight recorded at this stop, once it is.
        public var actualKg: Double?
    }

    /// One stop: the place, the planned arrival, and what to load and unload.
    public struct Stop: Sendable, Codable, Hashable {
        public var sequence: Int
        public var plannedArrival: Date?
        public var completedAt: Date?
        public var site: Place
        /// Tasks picked up here.
        public var load: [Item]
        /// Tasks dropped here.
        public var unload: [Item]
    }

    public var roundId: UUID
    public var organisationId: UUID
    public var day: CalendarDate
    public var startTime: LocalTime
    public var status: RoundStatus
    public var plannedStart: Date
    public var plannedEnd: Date
    public var vehicleId: UUID
    public var vehicleName: String?
    public var vehiclePlate: String?
    public var driverUserId: UUID?
    public var stops: [Stop]
}

/// The driver assigned to the round: besides membership of an organisation,
/// the one relationship that lets a caller read tasks and sites. A driver may
/// read the tasks a round of theirs carries and the sites its stops go to,
/// and the round's sheet, while the round is open (planned or in progress).
///
/// Once a round is completed or cancelled, the relationship ends at once, not
/// at the end of the day: there is nothing left to drive, what happened is
/// recorded on the round (which its driver still sees), and partners'
/// addresses are not left readable by a driver who no longer goes there.
enum AssignedDriver {
    /// The statuses of a round whose driver may read what it carries.
    static let openStatuses: [RoundStatus] = [.planned, .inProgress]

    /// Whether `caller` is the driver of `round` and the round is open.
    static func drives(_ round: Round, caller: Caller) -> Bool {
        round.driverUserId == caller.userID && openStatuses.contains(round.status)
    }

    /// Whether `caller` drives an open round that carries the task.
    static func carries(task id: UUID, caller: Caller, in db: any SQLExecutor) async throws -> Bool {
        try await db.queryFirst(
            """
            SELECT r.id FROM kernel_stop_actions a
            JOIN kernel_round_stops s ON s.id = a.stop_id JOIN kernel_rounds r ON r.id = s.round_id
            WHERE a.task_id = ? AND r.driver_user_id = ? AND r.status IN ('planned', 'in_progress')
            """, [id, caller.userID]) != nil
    }

    /// Whether `caller` drives an open round that stops at the site.
    static func goesTo(site id: UUID, caller: Caller, in db: any SQLExecutor) async throws -> Bool {
        try await db.queryFirst(
            """
            SELECT r.id FROM kernel_round_stops s JOIN kernel_rounds r ON r.id = s.round_id
            WHERE s.site_id = ? AND r.driver_user_id = ? AND r.status IN ('planned', 'in_progress')
            """, [id, caller.userID]) != nil
    }
}
