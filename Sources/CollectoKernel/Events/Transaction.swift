import Foundation

/// One unit of work: the SQL transaction plus what must be written with it
/// (outbox events, audit entries), so that a change, the events it causes and
/// its audit record commit together or not at all.
public struct Transaction: SQLExecutor {
    public let sql: any SQLExecutor
    /// The instant the unit of work runs at (one value for all of it).
    public let now: Date
    /// Who asked for the change (nil for the system: the event relay, the CLI's demo loader).
    public let caller: Caller?

    public init(sql: any SQLExecutor, now: Date, caller: Caller?) {
        self.sql = sql
        self.now = now
        self.caller = caller
    }

    public var dialect: SQLDialect { sql.dialect }

    @discardableResult
    public func execute(_ statement: String, _ bindings: [any SQLBindable]) async throws -> Int {
        try await sql.execute(statement, bindings)
    }

    public func query(_ statement: String, _ bindings: [any SQLBindable]) async throws -> [SQLRow] {
        try await sql.query(statement, bindings)
    }

    /// Writes an event to the outbox, to be delivered after commit.
    public func publish<E: KernelEvent>(_ event: E, organisation: UUID? = nil) async throws {
        let payload = String(decoding: try EventCoding.encoder.encode(event), as: UTF8.self)
        try await sql.lockForAppend("kernel_outbox")
        try await sql.execute(
            "INSERT INTO kernel_outbox (event_type, version, payload, organisation_id, occurred_at) VALUES (?, ?, ?, ?, ?)",
            [E.eventType, E.version, payload, organisation, now])
    }

    public func lockForAppend(_ resource: String) async throws {
        try await sql.lockForAppend(resource)
    }

    public func resetIdentity(table: String, column: String) async throws {
        try await sql.resetIdentity(table: table, column: column)
    }

    /// Records who changed what, when, on which organisation.
    public func audit(_ action: String, entity: String, id: String?, organisation: UUID?, details: String? = nil) async throws {
        try await sql.execute(
            """
            INSERT INTO kernel_audit_log (at, user_id, organisation_id, action, entity, entity_id, details)
            VALUES (?, ?, ?, ?, ?, ?, ?)
            """,
            [now, caller?.userID, organisation, action, entity, id, details])
    }
}
