import Foundation
import Logging
import NIOCore
import PostgresNIO
import ServiceLifecycle
import Synchronization

/// The shared engine: PostgreSQL through PostgresNIO's pooled client, for
/// several stateless collectod instances on one database.
///
/// Every unit of work is a SERIALIZABLE transaction, retried when PostgreSQL
/// reports a serialization failure or a deadlock, so the kernel's
/// read-check-write rules (capacity, double booking, stock) hold across
/// instances without the code taking explicit locks.
///
/// The pool lives as long as ``run()``: the server runs it as the first service
/// of its group (so it closes last), a command inside ``running(_:)``.
/// Statements sent before it runs wait for it.
public final class PostgresDatabase: SQLDatabase {
    public let dialect: SQLDialect = .postgres
    let client: PostgresClient
    let logger: Logger
    /// Whether a `run()` already owns the pool's run loop (PostgresNIO allows one).
    private let started = Mutex(false)
    /// How many times a unit of work is retried after a serialization failure.
    let maxAttempts = 12

    /// Connects to `postgres://user[:password]@host[:port]/database`; a
    /// connection left idle for `idleTimeout` is closed.
    public convenience init(url: String, logger: Logger, maxConnections: Int = 10, idleTimeout: Duration = .seconds(60)) throws {
        var configuration = try Self.configuration(from: url, maxConnections: maxConnections)
        configuration.options.connectionIdleTimeout = idleTimeout
        self.init(configuration: configuration, logger: logger)
    }

    /// The initialiser that stores the pool. It does not throw: Swift 6.3's optimiser
    /// crashes on a throwing class initialiser that must drop a `Mutex` it has set.
    private init(configuration: PostgresClient.Configuration, logger: Logger) {
        var background = logger
        background.logLevel = max(logger.logLevel, .error)
        client = PostgresClient(configuration: configuration, backgroundLogger: background)
        self.logger = background
    }

    /// Runs the connection pool until the group shuts down or the task is
    /// cancelled. A second `run()` while the first runs (a test's server on a
    /// database its set-up already runs) waits beside it without a second pool loop.
    public func run() async throws {
        let owner = started.withLock { started in
            defer { started = true }
            return !started
        }
        guard owner else {
            try? await gracefulShutdown()
            return
        }
        let client = self.client
        await cancelWhenGracefulShutdown { await client.run() }
    }

    static func configuration(from url: String, maxConnections: Int) throws -> PostgresClient.Configuration {
        guard let components = URLComponents(string: url), ["postgres", "postgresql"].contains(components.scheme ?? ""),
            let host = components.host, !host.isEmpty
        else { throw StorageError.badLocation("\(url) is not a postgres://user@host:port/database URL") }
        let database = String(components.path.drop(while: { $0 == "/" }))
        var configuration = PostgresClient.Configuration(
            host: host, port: components.port ?? 5432, username: components.user ?? "postgres",
            password: components.password, database: database.isEmpty ? nil : database, tls: .disable)
        configuration.options.maximumConnections = maxConnections
        configuration.options.minimumConnections = 0
        return configuration
    }

    @discardableResult
    public func transaction<T: Sendable>(_ body: @Sendable (any SQLExecutor) async throws -> T) async throws -> T {
        var attempt = 1
        while true {
            do {
                return try await client.withConnection { connection in
                    let executor = PostgresExecutor(connection: connection, logger: logger)
                    try await executor.execute("BEGIN ISOLATION LEVEL SERIALIZABLE")
                    do {
                        let value = try await body(executor)
                        try await executor.execute("COMMIT")
                        return value
                    } catch {
                        _ = try? await executor.execute("ROLLBACK")
                        throw error
                    }
                }
            } catch StorageError.conflict(let message) where attempt < maxAttempts {
                logger.debug("retrying after a serialization conflict", metadata: ["attempt": "\(attempt)", "reason": "\(message)"])
                attempt += 1
                try await Task.sleep(for: .milliseconds(Int.random(in: 1...(5 * attempt))))
            }
        }
    }

    @discardableResult
    public func read<T: Sendable>(_ body: @Sendable (any SQLExecutor) async throws -> T) async throws -> T {
        try await client.withConnection { connection in
            try await body(PostgresExecutor(connection: connection, logger: logger))
        }
    }

    /// Nothing to release here: the pool closes when ``run()`` ends.
    public func close() async throws {}
}
