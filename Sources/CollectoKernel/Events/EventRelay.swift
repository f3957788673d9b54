import Foundation
import Logging
import Metrics
import ServiceLifecycle
import Synchronization

/// Delivers outbox events to handlers, at least once and in order per handler.
///
/// Each handler has a cursor (the last event id it finished). A delivery runs the
/// handler and advances its cursor in one transaction, so a crash at any point
/// either keeps both or neither: the event is delivered again on restart. A
/// failing handler is retried with exponential back-off; the other handlers go
/// on. After `maxAttempts` the event is parked in `kernel_event_failures` for
/// that handler and the handler moves on, so one poisoned event cannot stop it forever.
public final class EventRelay: Service, Sendable {
    /// Back-off and polling settings.
    public struct Settings: Sendable {
        public var pollInterval: Duration = .seconds(1)
        public var baseBackoff: TimeInterval = 1
        public var maxBackoff: TimeInterval = 300
        public var maxAttempts = 10
        public init() {}
    }

    let database: any SQLDatabase
    let handlers: [EventHandler]
    let clock: any WallClock
    let settings: Settings
    let logger: Logger
    let signal: OutboxSignal
    /// Whether the schema is in place and every handler has its cursor: the
    /// server migrates before it listens, while its services (this relay among
    /// them) already run, so the relay waits for it.
    private let cursorsReady = Mutex(false)

    public init(
        database: any SQLDatabase, handlers: [EventHandler], clock: any WallClock, signal: OutboxSignal, settings: Settings = .init(),
        logger: Logger
    ) {
        self.database = database
        self.handlers = handlers
        self.clock = clock
        self.signal = signal
        self.settings = settings
        self.logger = logger
    }

    public func run() async throws {
        while !cursorsReady.withLock({ $0 }) {
            if Task.isCancelled || Task.isShuttingDownGracefully { return }
            try? await Task.sleep(for: settings.pollInterval)
        }
        await withTaskGroup(of: Void.self) { group in
            group.addTask { [self] in
                for await _ in signal.stream.cancelOnGracefulShutdown() {
                    do {
                        _ = try await deliverRound(waitingForOtherInstances: false)
                    } catch {
                        // A delivery round that failed as a whole (the database unreachable): said, and tried again at the next poll.
                        logger.error("event relay: delivery failed", metadata: ["error": .string(String(describing: error))])
                    }
                }
            }
            group.addTask { [self] in
                while !Task.isCancelled && !Task.isShuttingDownGracefully {
                    signal.ring()
                    try? await Task.sleep(for: settings.pollInterval)
                }
                signal.finish()
            }
            await group.waitForAll()
        }
    }

    /// Creates a cursor for each new handler. A new handler starts after the
    /// events already in the outbox: a module enabled later does not replay history.
    public func ensureCursors() async throws {
        let handlers = self.handlers
        try await database.transaction { db in
            let last = try await db.scalarInt("SELECT MAX(id) FROM kernel_outbox")
            for handler in handlers {
                if try await db.queryFirst("SELECT handler FROM kernel_event_cursors WHERE handler = ?", [handler.name]) == nil {
                    try await db.execute(
                        "INSERT INTO kernel_event_cursors (handler, last_event_id, attempts) VALUES (?, ?, 0)",
                        [handler.name, last])
                }
            }
        }
        cursorsReady.withLock { $0 = true }
    }

    /// Runs every handler over its pending events; returns how many deliveries succeeded.
    ///
    /// When it returns, every event that was pending is handled (or backing off
    /// after a failure): a cursor that another instance, or this server's own
    /// background loop, holds at that moment is waited for, not skipped.
    @discardableResult
    public func deliverPending() async throws -> Int {
        try await deliverRound(waitingForOtherInstances: true)
    }

    /// One round over every handler. The background loop skips a cursor held
    /// elsewhere (whoever holds it delivers); an explicit drain waits for it.
    private func deliverRound(waitingForOtherInstances wait: Bool) async throws -> Int {
        var delivered = 0
        for handler in handlers {
            delivered += try await deliver(to: handler, waitingForOtherInstances: wait)
        }
        try await recordBacklog()
        return delivered
    }

    /// What one delivery attempt found.
    private enum Step: Sendable {
        case delivered
        case nothingToDo
        /// Another transaction holds the handler's cursor (PostgreSQL's `SKIP LOCKED`).
        case heldElsewhere
    }

    /// A handler's error, with the event it failed on.
    private struct HandlerFailure: Error {
        let event: EventEnvelope
        let attempts: Int
        let underlying: any Error
    }

    private func deliver(to handler: EventHandler, waitingForOtherInstances wait: Bool) async throws -> Int {
        var delivered = 0
        var waits = 0
        while try await hasPending(handler) {
            let now = clock.now()
            do {
                let step = try await database.transaction { db in
                    try await self.deliverNext(to: handler, on: db, at: now)
                }
                switch step {
                case .delivered: break
                case .nothingToDo: return delivered
                case .heldElsewhere:
                    // The holder is delivering; wait for it (up to about a minute) only when asked to drain.
                    guard wait, waits < Self.drainWaitLimit else { return delivered }
                    waits += 1
                    try await Task.sleep(for: .milliseconds(20))
                    continue
                }
                delivered += 1
                Counter(label: "collectod_events_delivered_total", dimensions: [("handler", handler.name)]).increment()
            } catch let failure as HandlerFailure {
                try await recordFailure(
                    handler: handler, event: failure.event, attempts: failure.attempts, error: failure.underlying, now: now)
                return delivered
            }
        }
        return delivered
    }

    /// How many 20 ms waits an explicit drain spends on a cursor held elsewhere.
    private static let drainWaitLimit = 3_000

    /// A cheap read: is there an event after the handler's cursor, and is the handler not backing off?
    private func hasPending(_ handler: EventHandler) async throws -> Bool {
        let now = clock.now()
        return try await database.read { db in
            guard
                let cursor = try await db.queryFirst(
                    "SELECT last_event_id, next_attempt_at FROM kernel_event_cursors WHERE handler = ?", [handler.name])
            else { return false }
            if let next = try cursor.optionalInstant("next_attempt_at"), next > now { return false }
            return try await db.queryFirst(
                "SELECT id FROM kernel_outbox WHERE id > ? AND event_type = ? LIMIT 1",
                [try cursor.int64("last_event_id"), handler.eventType]) != nil
        }
    }

    /// Claims the handler's cursor (another instance holding it means "not now"),
    /// runs the handler on the next event and advances the cursor, all in `db`'s transaction.
    private func deliverNext(to handler: EventHandler, on db: any SQLExecutor, at now: Date) async throws -> Step {
        guard
            let cursor = try await db.queryFirst(
                "SELECT last_event_id, attempts, next_attempt_at FROM kernel_event_cursors WHERE handler = ?"
                    + db.dialect.lockSkippingLocked,
                [handler.name])
        else { return .heldElsewhere }  // the cursor exists (`hasPending` read it): someone holds it
        if let next = try cursor.optionalInstant("next_attempt_at"), next > now { return .nothingToDo }
        guard
            let row = try await db.queryFirst(
                """
                SELECT id, event_type, version, payload, organisation_id, occurred_at FROM kernel_outbox
                WHERE id > ? AND event_type = ? ORDER BY id LIMIT 1
                """, [try cursor.int64("last_event_id"), handler.eventType])
        else { return .nothingToDo }
        let envelope = try Self.envelope(row)
        do {
            try await handler.handle(envelope, Transaction(sql: db, now: now, caller: nil))
        } catch let error as StorageError {
            if case .conflict = error { throw error }  // the engine retries the whole unit
            throw HandlerFailure(event: envelope, attempts: try cursor.int("attempts") + 1, underlying: error)
        } catch {
            throw HandlerFailure(event: envelope, attempts: try cursor.int("attempts") + 1, underlying: error)
        }
        try await db.execute(
            "UPDATE kernel_event_cursors SET last_event_id = ?, attempts = 0, next_attempt_at = NULL, last_error = NULL WHERE handler = ?",
            [envelope.id, handler.name])
        return .delivered
    }

    private func recordFailure(handler: EventHandler, event: EventEnvelope, attempts: Int, error: any Error, now: Date) async throws {
        Counter(label: "collectod_event_failures_total", dimensions: [("handler", handler.name)]).increment()
        let message = String(describing: error)
        if attempts >= settings.maxAttempts {
            logger.error(
                "event parked after \(attempts) attempts",
                metadata: [
                    "handler": .string(handler.name), "event": .stringConvertible(event.id), "error": .string(message),
                ])
            try await database.transaction { db in
                // Only the instance that moves the cursor past the event records it as parked.
                let moved = try await db.execute(
                    """
                    UPDATE kernel_event_cursors SET last_event_id = ?, attempts = 0, next_attempt_at = NULL,
                    last_error = ? WHERE handler = ? AND last_event_id < ?
                    """, [event.id, message, handler.name, event.id])
                if moved == 1 {
                    try await db.execute(
                        "INSERT INTO kernel_event_failures (handler, event_id, attempts, error, failed_at) VALUES (?, ?, ?, ?, ?)",
                        [handler.name, event.id, attempts, message, now])
                }
            }
            return
        }
        let delay = min(settings.maxBackoff, settings.baseBackoff * pow(2, Double(attempts - 1)))
        logger.warning(
            "event handler failed; will retry",
            metadata: [
                "handler": .string(handler.name), "event": .stringConvertible(event.id),
                "attempt": .stringConvertible(attempts), "retryInSeconds": .stringConvertible(delay), "error": .string(message),
            ])
        try await database.transaction { db in
            try await db.execute(
                "UPDATE kernel_event_cursors SET attempts = ?, next_attempt_at = ?, last_error = ? WHERE handler = ? AND last_event_id < ?",
                [attempts, now.addingTimeInterval(delay), message, handler.name, event.id])
        }
    }

    /// Events not yet handled, per handler (for `/metrics` and the admin API).
    public func backlog() async throws -> [String: Int] {
        var result: [String: Int] = [:]
        for handler in handlers {
            result[handler.name] = try await database.read { db in
                try await db.scalarInt(
                    """
                    SELECT COUNT(*) FROM kernel_outbox o JOIN kernel_event_cursors c ON c.handler = ?
                    WHERE o.id > c.last_event_id AND o.event_type = ?
                    """, [handler.name, handler.eventType])
            }
        }
        return result
    }

    private func recordBacklog() async throws {
        let backlog = try await backlog()
        for (handler, pending) in backlog {
            Gauge(label: "collectod_events_pending", dimensions: [("handler", handler)]).record(pending)
        }
        Gauge(label: "collectod_events_pending", dimensions: [("handler", "all")]).record(backlog.values.reduce(0, +))
    }

    static func envelope(_ row: SQLRow) throws -> EventEnvelope {
        EventEnvelope(
            id: try row.int64("id"), type: try row.string("event_type"), version: try row.int("version"),
            payload: try row.string("payload"), organisationId: try row.optionalUUID("organisation_id"),
            occurredAt: try row.instant("occurred_at"))
    }
}
