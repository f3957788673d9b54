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

    /// The latest `limit` entries (1 to 1,000), newest first, of one organisation or of all.
    public func entries(organisation: UUID?, limit: Int, by caller: Caller) async throws -> [Entry] {
        guard (1...1000).contains(limit) else { throw KernelError.invalid(field: "limit", message: "limit is between 1 and 1000") }
        if let organisation {
            try caller.require(caller.canAdminister(organisation), "only the organisation's admins read its audit log")
        } else {
            try caller.require(caller.operatorRole == .admin, "only food-bank admins read the whole audit log")
        }
        var query = SQLListQuery("SELECT * FROM kernel_audit_log")
        query.filter("organisation_id = ?", organisation)
        query.order(by: "id DESC", page: PageRequest(limit: limit, offset: 0))
        let list = query
        return try await units.read { db in try await db.query(list.sql, list.bindings).map { try $0.decode(Entry.self) } }
    }

    /// Events not yet handled, per handler.
    public func backlog(by caller: Caller) async throws -> [String: Int] {
        try caller.require(caller.operatorRole == .admin, "only food-bank admins see the event backlog")
        return try await relay.backlog()
    }
}
