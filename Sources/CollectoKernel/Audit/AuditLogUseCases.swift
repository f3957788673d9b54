import Foundation

/// Reading what was done: an organisation's admins read its audit log,
/// food-bank admins the whole log and the event relay's backlog.
public struct AuditLogUseCases: Sendable {
    /// One audit entry.
    public struct Entry: Codable, Sendable {
        public var at: Date
        public var userId: UUID?
        public var organisationId: UUID?
        public var action: String
        public var entity: String
        public var entityId: String?
        public var details: String?
    }

    let units: UnitOfWorkRunner
    let relay: EventRelay

    public init(units: UnitOfWorkRunner, relay: EventRelay) {
        self.units = units
        self.relay = relay
    }

    /// One page of the entries, newest first, of one organisation or of all, with how many there are.
    public func entries(organisation: UUID?, page: PageRequest, by caller: Caller) async throws -> Page<Entry> {
        if let organisation {
            try caller.require(caller.canAdminister(organisation), "only the organisation's admins read its audit log")
        } else {
            try caller.require(caller.operatorRole == .admin, "only food-bank admins read the whole audit log")
        }
        var query = SQLListQuery("SELECT * FROM kernel_audit_log")
        query.filter("organisation_id = ?", organisation)
        query.order(by: "id DESC", page: page)
        let list = query
        return try await units.read { db in try await list.page(in: db) { rows in try rows.map { try $0.decode(Entry.self) } } }
    }

    /// Events not yet handled, per handler.
    public func backlog(by caller: Caller) async throws -> [String: Int] {
        try caller.require(caller.operatorRole == .admin, "only food-bank admins see the event backlog")
        return try await relay.backlog()
    }
}
