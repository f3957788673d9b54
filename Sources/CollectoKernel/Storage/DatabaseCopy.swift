import Foundation

/// Moves a deployment's data from the embedded SQLite file to PostgreSQL:
/// every table (the kernel's and the modules'), in foreign-key order, in one
/// destination transaction, then checks the row count of each table.
public struct DatabaseCopy: Sendable {
    /// Rows per table on both sides after the copy.
    public struct Report: Sendable, Equatable {
        public var tables: [(name: String, source: Int, destination: Int)]
        public var isComplete: Bool { tables.allSatisfy { $0.source == $0.destination } }

        public static func == (lhs: Report, rhs: Report) -> Bool {
            lhs.tables.map { "\($0.name)|\($0.source)|\($0.destination)" } == rhs.tables.map { "\($0.name)|\($0.source)|\($0.destination)" }
        }
    }

    /// Why the copy cannot run.
    public enum Failure: Error, CustomStringConvertible {
        case sourceMustBeSQLite
        case destinationNotEmpty(table: String)
        case countsDiffer([String])

        public var description: String {
            switch self {
            case .sourceMustBeSQLite: "the source must be an SQLite database (sqlite:PATH)"
            case .destinationNotEmpty(let table): "the destination already holds data (table \(table)); copy only into an empty database"
            case .countsDiffer(let tables): "row counts differ after the copy for: \(tables.joined(separator: ", "))"
            }
        }
    }

    /// Tables that migrating the destination fills and the copy replaces: the
    /// event cursors belong with the outbox they point into.
    static let replacedTables: Set<String> = ["kernel_event_cursors"]

    let source: any SQLDatabase
    let destination: any SQLDatabase
    let batchSize: Int

    /// Both databases must already be migrated by the same collectod build.
    public init(from source: any SQLDatabase, to destination: any SQLDatabase, batchSize: Int = 200) {
        self.source = source
        self.destination = destination
        self.batchSize = batchSize
    }

    public func run(progress: @escaping @Sendable (String, Int, Int) -> Void = { _, _, _ in }) async throws -> Report {
        guard source.dialect == .sqlite else { throw Failure.sourceMustBeSQLite }
        let tables = try await orderedTables()
        let batchSize = self.batchSize
        let source = self.source
        try await destination.transaction { db in
            for table in tables where !Self.replacedTables.contains(table) {
                if try await db.scalarInt("SELECT COUNT(*) FROM \(table)") > 0 { throw Failure.destinationNotEmpty(table: table) }
            }
            for table in Self.replacedTables where tables.contains(table) {
                try await db.execute("DELETE FROM \(table)")
            }
            for table in tables {
                let total = try await source.read { try await $0.scalarInt("SELECT COUNT(*) FROM \(table)") }
                var copied = 0
                while copied < total {
                    let offset = copied
                    let rows = try await source.read { src in
                        try await src.query("SELECT * FROM \(table) ORDER BY rowid LIMIT ? OFFSET ?", [batchSize, offset])
                    }
                    guard let columns = rows.first?.columns else { break }
                    let tuple = "(" + Array(repeating: "?", count: columns.count).joined(separator: ", ") + ")"
                    try await db.execute(
                        "INSERT INTO \(table) (\(columns.joined(separator: ", "))) VALUES "
                            + Array(repeating: tuple, count: rows.count).joined(separator: ", "),
                        rows.flatMap(\.values))
                    copied += rows.count
                    progress(table, copied, total)
                }
                if try await hasIntegerIdentity(table) {
                    try await db.resetIdentity(table: table, column: "id")
                }
            }
        }
        var report = Report(tables: [])
        for table in tables {
            let count = try await source.read { try await $0.scalarInt("SELECT COUNT(*) FROM \(table)") }
            let copied = try await destination.read { try await $0.scalarInt("SELECT COUNT(*) FROM \(table)") }
            report.tables.append((table, count, copied))
        }
        if !report.isComplete { throw Failure.countsDiffer(report.tables.filter { $0.source != $0.destination }.map(\.name)) }
        return report
    }

    /// The source's tables (without the migration ledger, which each side keeps itself), parents before children.
    func orderedTables() async throws -> [String] {
        let names = try await source.read { db in
            try await db.query("SELECT name FROM sqlite_master WHERE type = 'table' AND name NOT LIKE 'sqlite_%' ORDER BY name")
                .map { try $0.string("name") }
        }.filter { $0 != "kernel_schema_migrations" }
        var parents: [String: Set<String>] = [:]
        for name in names {
            let references = try await source.read { db in
                try await db.query("SELECT \"table\" AS parent FROM pragma_foreign_key_list(?)", [name]).map { try $0.string("parent") }
            }
            parents[name] = Set(references).subtracting([name])
        }
        var ordered: [String] = []
        var placed: Set<String> = []
        while ordered.count < names.count {
            guard let next = names.first(where: { !placed.contains($0) && (parents[$0] ?? []).isSubset(of: placed) }) else {
                ordered += names.filter { !placed.contains($0) }
                break
            }
            ordered.append(next)
            placed.insert(next)
        }
        return ordered
    }

    private func hasIntegerIdentity(_ table: String) async throws -> Bool {
        try await source.read { db in
            try await db.queryFirst("SELECT pk, type FROM pragma_table_info(?) WHERE name = 'id'", [table])
                .map { try $0.int("pk") == 1 && $0.string("type").uppercased().hasPrefix("INTEGER") } ?? false
        }
    }
}
