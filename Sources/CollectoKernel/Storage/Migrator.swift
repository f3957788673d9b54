import Crypto
import Foundation

/// Applies each owner's migrations (the kernel's, then each module's) in order,
/// each owner's pending ones in a single transaction, and records them in
/// `kernel_schema_migrations` with a checksum.
public struct Migrator: Sendable {
    /// The migrations of one owner (the kernel or a module), in order.
    public struct Group: Sendable {
        public let owner: String
        public let migrations: [Migration]
        public init(owner: String, migrations: [Migration]) {
            self.owner = owner
            self.migrations = migrations
        }
    }

    /// What a run applied.
    public struct Report: Sendable, Equatable {
        public var applied: [String] = []
    }

    public let database: any SQLDatabase
    public let clock: any WallClock

    public init(database: any SQLDatabase, clock: any WallClock = SystemWallClock()) {
        self.database = database
        self.clock = clock
    }

    @discardableResult
    public func migrate(_ groups: [Group]) async throws -> Report {
        try await database.transaction { db in
            try await db.execute(
                """
                CREATE TABLE IF NOT EXISTS kernel_schema_migrations (
                    owner TEXT NOT NULL, migration TEXT NOT NULL, checksum TEXT NOT NULL,
                    applied_at TEXT NOT NULL, PRIMARY KEY (owner, migration))
                """)
        }
        var report = Report()
        for group in groups {
            let now = clock.now()
            let applied = try await database.transaction { db in
                try await Self.apply(group, on: db, at: now)
            }
            report.applied += applied.map { "\(group.owner)/\($0)" }
        }
        return report
    }

    private static func apply(_ group: Group, on db: any SQLExecutor, at now: Date) async throws -> [String] {
        let rows = try await db.query(
            "SELECT migration, checksum FROM kernel_schema_migrations WHERE owner = ?", [group.owner])
        var recorded: [String: String] = [:]
        for row in rows { recorded[try row.string("migration")] = try row.string("checksum") }
        let known = Set(group.migrations.map(\.id))
        if let unknown = recorded.keys.sorted().first(where: { !known.contains($0) }) {
            throw StorageError.migrationMismatch(
                "\(group.owner)/\(unknown) is applied in the database but unknown to this build (a newer collectod wrote it?)")
        }
        var applied: [String] = []
        for migration in group.migrations {
            let sum = checksum(migration)
            if let existing = recorded[migration.id] {
                guard existing == sum else {
                    throw StorageError.migrationMismatch(
                        "\(group.owner)/\(migration.id) changed after it was applied; add a new migration instead")
                }
                continue
            }
            for statement in migration.statements {
                try await db.execute(db.dialect.translateDDL(statement))
            }
            try await db.execute(
                "INSERT INTO kernel_schema_migrations (owner, migration, checksum, applied_at) VALUES (?, ?, ?, ?)",
                [group.owner, migration.id, sum, now])
            applied.append(migration.id)
        }
        return applied
    }

    static func checksum(_ migration: Migration) -> String {
        let digest = SHA256.hash(data: Data(migration.statements.joined(separator: "\n;\n").utf8))
        return digest.map { String(format: "%02x", $0) }.joined()
    }
}
