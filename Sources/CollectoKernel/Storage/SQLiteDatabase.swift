import Foundation
import GRDB
import ServiceLifecycle

/// The embedded engine: one SQLite file through the system `libsqlite3`
/// (via GRDB), in WAL mode so that readers never wait for the writer.
///
/// SQLite has a single writer. A unit of work holds ``AsyncLock`` for its
/// whole transaction, so that its statements, issued across suspension points,
/// never interleave with another unit's.
public final class SQLiteDatabase: SQLDatabase {
    public let dialect: SQLDialect = .sqlite
    private let writer: any DatabaseWriter
    private let writeLock = AsyncLock()
    /// Where the file lives, or `:memory:`.
    public let location: String

    /// Opens (creating if needed) the database at `path`; `:memory:` opens a private in-memory database.
    public init(path: String) throws {
        location = path
        var configuration = Configuration()
        configuration.allowsUnsafeTransactions = true
        configuration.busyMode = .timeout(10)
        configuration.foreignKeysEnabled = true
        do {
            if path == ":memory:" {
                writer = try DatabaseQueue(configuration: configuration)
            } else {
                let directory = URL(fileURLWithPath: path).deletingLastPathComponent()
                try FileManager.default.createDirectory(at: directory, withIntermediateDirectories: true)
                writer = try DatabasePool(path: path, configuration: configuration)
            }
        } catch let error as DatabaseError {
            throw StorageError.badLocation("\(path): \(error.message ?? error.description)")
        } catch {
            throw StorageError.badLocation("\(path): \(error)")
        }
    }

    @discardableResult
    public func transaction<T: Sendable>(_ body: @Sendable (any SQLExecutor) async throws -> T) async throws -> T {
        let writer = self.writer
        return try await writeLock.withLock {
            try await Self.run { try await writer.writeWithoutTransaction { db in try db.execute(sql: "BEGIN IMMEDIATE") } }
            do {
                let value = try await body(SQLiteExecutor(access: .write(writer)))
                try await Self.run { try await writer.writeWithoutTransaction { db in try db.execute(sql: "COMMIT") } }
                return value
            } catch {
                try? await writer.writeWithoutTransaction { db in
                    if db.isInsideTransaction { try db.execute(sql: "ROLLBACK") }
                }
                throw Self.translate(error)
            }
        }
    }

    @discardableResult
    public func read<T: Sendable>(_ body: @Sendable (any SQLExecutor) async throws -> T) async throws -> T {
        do {
            return try await body(SQLiteExecutor(access: .read(writer)))
        } catch {
            throw Self.translate(error)
        }
    }

    /// The embedded engine needs nothing running: this waits for the shutdown,
    /// so that the file is closed after the server and the relay have stopped.
    public func run() async throws {
        try? await gracefulShutdown()
    }

    public func close() async throws {
        if let pool = writer as? DatabasePool {
            try pool.close()
        } else if let queue = writer as? DatabaseQueue {
            try queue.close()
        }
    }

    static func run<T>(_ body: () async throws -> T) async throws -> T {
        do { return try await body() } catch { throw translate(error) }
    }

    /// Maps GRDB's errors onto ``StorageError``.
    static func translate(_ error: any Error) -> any Error {
        guard let error = error as? DatabaseError else { return error }
        switch error.resultCode {
        case .SQLITE_CONSTRAINT: return StorageError.constraintViolation(error.message ?? "constraint")
        case .SQLITE_BUSY, .SQLITE_LOCKED: return StorageError.conflict(error.message ?? "busy")
        default: return StorageError.engine("\(error.message ?? "") [\(error.sql ?? "")]")
        }
    }
}

/// Runs statements on the SQLite writer (inside the open transaction) or on a reader.
struct SQLiteExecutor: SQLExecutor {
    enum Access: Sendable {
        case write(any DatabaseWriter)
        case read(any DatabaseWriter)
    }

    let access: Access
    var dialect: SQLDialect { .sqlite }

    func execute(_ sql: String, _ bindings: [any SQLBindable]) async throws -> Int {
        let arguments = Self.arguments(bindings)
        let work: @Sendable (Database) throws -> Int = { db in
            // Prepared once per connection: the same few hundred statements run again and again.
            // A script of several statements (a migration) is run as it is.
            if sql.contains(";") {
                try db.execute(sql: sql, arguments: arguments)
            } else {
                try db.cachedStatement(sql: sql).execute(arguments: arguments)
            }
            return db.changesCount
        }
        return try access.run(work)
    }

    func query(_ sql: String, _ bindings: [any SQLBindable]) async throws -> [SQLRow] {
        let arguments = Self.arguments(bindings)
        let work: @Sendable (Database) throws -> [SQLRow] = { db in
            try Row.fetchAll(db.cachedStatement(sql: sql), arguments: arguments).map(Self.row)
        }
        return try access.run(work)
    }

    static func arguments(_ bindings: [any SQLBindable]) -> StatementArguments {
        StatementArguments(
            bindings.map { binding -> (any DatabaseValueConvertible)? in
                switch binding.sqlValue {
                case .null: nil
                case .integer(let value): value
                case .real(let value): value
                case .text(let value): value
                case .blob(let bytes): Data(bytes)
                }
            })
    }

    static func row(_ row: Row) -> SQLRow {
        var columns: [String] = []
        var values: [SQLValue] = []
        for (column, value) in row {
            columns.append(column)
            switch value.storage {
            case .null: values.append(.null)
            case .int64(let integer): values.append(.integer(integer))
            case .double(let real): values.append(.real(real))
            case .string(let text): values.append(.text(text))
            case .blob(let data): values.append(.blob([UInt8](data)))
            }
        }
        return SQLRow(columns: columns, values: values)
    }
}

extension SQLiteExecutor.Access {
    /// Runs one statement on the calling thread, without hopping to GRDB's
    /// queue and back. It never waits for long: the writer's connection is
    /// used only by the unit of work that holds the write lock, and a reader
    /// connection only for the length of a statement.
    func run<T>(_ work: (Database) throws -> T) throws -> T {
        do {
            switch self {
            case .write(let writer): return try writer.writeWithoutTransaction(work)
            case .read(let reader): return try reader.read(work)
            }
        } catch {
            throw SQLiteDatabase.translate(error)
        }
    }
}
