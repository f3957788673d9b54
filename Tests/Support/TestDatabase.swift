import CollectoKernel
import Foundation
import Logging

/// Where a test's data lives: a new SQLite file, or a new database on the
/// throwaway PostgreSQL server that the test command starts.
///
/// `COLLECTOD_TEST_ENGINE=postgres` with `COLLECTOD_TEST_POSTGRES_URL` (an
/// admin URL) runs the suite on PostgreSQL; otherwise it runs on SQLite.
public struct TestDatabase: Sendable {
    public let dialect: SQLDialect
    /// The SQLite path, or the PostgreSQL URL of this test's own database.
    public let location: String

    public init(dialect: SQLDialect, location: String) {
        self.dialect = dialect
        self.location = location
    }

    /// The engine this run of the suite uses.
    public static var engine: SQLDialect {
        ProcessInfo.processInfo.environment["COLLECTOD_TEST_ENGINE"] == "postgres" ? .postgres : .sqlite
    }

    static var adminURL: String? { ProcessInfo.processInfo.environment["COLLECTOD_TEST_POSTGRES_URL"] }

    /// A new, empty database on the engine of this run.
    public static func fresh() async throws -> TestDatabase {
        switch engine {
        case .sqlite:
            return TestDatabase(dialect: .sqlite, location: TestKernel.temporaryDatabasePath())
        case .postgres:
            guard let admin = adminURL, var components = URLComponents(string: admin) else {
                throw StorageError.badLocation("COLLECTOD_TEST_POSTGRES_URL is not set")
            }
            let name = "t_" + UUID().uuidString.lowercased().replacingOccurrences(of: "-", with: "")
            let server = try PostgresDatabase(url: admin, logger: quietLogger, maxConnections: 1)
            try await server.running {
                try await server.read { db in try await db.execute("CREATE DATABASE \(name)") }
            }
            components.path = "/" + name
            return TestDatabase(dialect: .postgres, location: components.string!)
        }
    }

    /// Opens the database and runs it for the rest of the test process: a
    /// test uses its kernel before, during and after its server runs (which
    /// runs the same database as a service beside this).
    public func open() throws -> any SQLDatabase {
        let database: any SQLDatabase =
            switch dialect {
            case .sqlite: try SQLiteDatabase(path: location)
            // Connections close soon after a test ends: hundreds of tests each keeping theirs for a minute exhaust the server.
            case .postgres: try PostgresDatabase(url: location, logger: Self.quietLogger, maxConnections: 4, idleTimeout: .seconds(3))
            }
        Task { try await database.run() }
        return database
    }

    /// How many tables whose names start with `prefix` exist.
    public static func tableCount(prefix: String, in db: any SQLExecutor) async throws -> Int {
        switch db.dialect {
        case .sqlite:
            try await db.scalarInt("SELECT COUNT(*) FROM sqlite_master WHERE type = 'table' AND name LIKE ?", [prefix + "%"])
        case .postgres:
            try await db.scalarInt(
                "SELECT COUNT(*) FROM information_schema.tables WHERE table_schema = 'public' AND table_name LIKE ?", [prefix + "%"])
        }
    }

    static var quietLogger: Logger {
        var logger = Logger(label: "collectod-test-db")
        logger.logLevel = .critical
        return logger
    }
}
