import ServiceLifecycle

/// The statements one unit of work runs, inside one transaction.
///
/// Kernel and module code only ever talk to storage through this protocol,
/// with `?` placeholders and the portable types described on ``SQLValue``;
/// the engine translates what must differ (placeholders, DDL spellings).
public protocol SQLExecutor: Sendable {
    /// Runs a statement that returns no rows; returns the number of rows changed.
    @discardableResult
    func execute(_ sql: String, _ bindings: [any SQLBindable]) async throws -> Int
    /// Runs a query and returns every row.
    func query(_ sql: String, _ bindings: [any SQLBindable]) async throws -> [SQLRow]
    /// The dialect of the engine, for the rare caller that must know.
    var dialect: SQLDialect { get }
    /// Serialises, until commit, the transactions that append to `resource`
    /// (the outbox), so that their rows become visible in the order of their ids.
    /// A no-op where writers are already serialised (SQLite).
    func lockForAppend(_ resource: String) async throws
    /// Moves an auto-incremented key's counter past the rows a copy inserted with explicit ids.
    /// A no-op where the engine derives it from the rows (SQLite).
    func resetIdentity(table: String, column: String) async throws
}

extension SQLExecutor {
    public func lockForAppend(_ resource: String) async throws {}
    public func resetIdentity(table: String, column: String) async throws {}
}

extension SQLExecutor {
    @discardableResult
    public func execute(_ sql: String) async throws -> Int {
        try await execute(sql, [])
    }

    public func query(_ sql: String) async throws -> [SQLRow] {
        try await query(sql, [])
    }

    /// The first row of a query, or nil.
    public func queryFirst(_ sql: String, _ bindings: [any SQLBindable] = []) async throws -> SQLRow? {
        try await query(sql, bindings).first
    }

    /// The integer in the first column of the first row (for `COUNT(*)` and the like).
    public func scalarInt(_ sql: String, _ bindings: [any SQLBindable] = []) async throws -> Int {
        guard let row = try await query(sql, bindings).first, let column = row.columns.first else { return 0 }
        if case .null = row[column] { return 0 }
        return try row.int(column)
    }

    /// The number in the first column of the first row (for `SUM(…)` and the like); 0 when null.
    public func scalarDouble(_ sql: String, _ bindings: [any SQLBindable] = []) async throws -> Double {
        guard let row = try await query(sql, bindings).first, let column = row.columns.first else { return 0 }
        if case .null = row[column] { return 0 }
        return try row.double(column)
    }
}

/// A database the kernel can run units of work on: the embedded SQLite file
/// or a shared PostgreSQL server.
///
/// It is a service: `run()` keeps what the engine needs alive (PostgreSQL's
/// connection pool) until the service group shuts down, after the HTTP server
/// and the event relay have stopped. Outside a service group (the CLI, the
/// tests' set-up), ``running(_:)`` runs it around a body.
public protocol SQLDatabase: Service {
    var dialect: SQLDialect { get }
    /// Runs `body` in one read-write transaction: all of it commits, or none.
    @discardableResult
    func transaction<T: Sendable>(_ body: @Sendable (any SQLExecutor) async throws -> T) async throws -> T
    /// Runs read-only statements. On SQLite each statement reads the latest
    /// committed state; use ``transaction(_:)`` where several reads must agree.
    @discardableResult
    func read<T: Sendable>(_ body: @Sendable (any SQLExecutor) async throws -> T) async throws -> T
    /// Keeps the engine running until the group shuts down or the task is cancelled (``Service``).
    func run() async throws
    /// Releases connections.
    func close() async throws
}

/// The SQL dialect of an engine.
public enum SQLDialect: String, Sendable {
    case sqlite
    case postgres
}

extension SQLDatabase {
    /// Runs `body` while the database runs (as a service would in the server's
    /// group), then stops it: the scope of a CLI command or of a test's set-up.
    @discardableResult
    public func running<T: Sendable>(_ body: () async throws -> T) async throws -> T {
        try await withThrowingTaskGroup(of: Void.self) { group in
            group.addTask { try await self.run() }
            defer { group.cancelAll() }
            return try await body()
        }
    }
}
