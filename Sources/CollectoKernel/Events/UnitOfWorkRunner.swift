import Foundation

/// Runs units of work: one transaction each, with the instant and the caller
/// fixed for all of it, and the event relay woken after commit.
public struct UnitOfWorkRunner: Sendable {
    public let database: any SQLDatabase
    public let clock: any WallClock
    let signal: OutboxSignal

    public init(database: any SQLDatabase, clock: any WallClock, signal: OutboxSignal) {
        self.database = database
        self.clock = clock
        self.signal = signal
    }

    /// Runs `body` in one transaction on behalf of `caller` (nil: the system).
    @discardableResult
    public func write<T: Sendable>(by caller: Caller?, _ body: @Sendable (Transaction) async throws -> T) async throws -> T {
        let now = clock.now()
        let value = try await database.transaction { db in
            try await body(Transaction(sql: db, now: now, caller: caller))
        }
        signal.ring()
        return value
    }

    /// Runs read-only statements.
    @discardableResult
    public func read<T: Sendable>(_ body: @Sendable (any SQLExecutor) async throws -> T) async throws -> T {
        try await database.read(body)
    }
}
