import Foundation
import Logging
import NIOCore
import PostgresNIO

/// Runs statements on one PostgreSQL connection: turns `?` placeholders into
/// `$n`, binds ``SQLValue``s, reads rows back as ``SQLValue``s, and maps
/// SQLSTATEs onto ``StorageError``.
struct PostgresExecutor: SQLExecutor {
    let connection: PostgresConnection
    let logger: Logger
    var dialect: SQLDialect { .postgres }

    func execute(_ sql: String, _ bindings: [any SQLBindable]) async throws -> Int {
        try await run(sql, bindings).metadata.rows ?? 0
    }

    func query(_ sql: String, _ bindings: [any SQLBindable]) async throws -> [SQLRow] {
        try await run(sql, bindings).rows.map(Self.row)
    }

    func lockForAppend(_ resource: String) async throws {
        _ = try await run("SELECT pg_advisory_xact_lock(hashtext(?))", [resource])
    }

    func resetIdentity(table: String, column: String) async throws {
        _ = try await run(
            "SELECT setval(pg_get_serial_sequence(?, ?), COALESCE((SELECT MAX(\(column)) FROM \(table)), 0) + 1, false)", [table, column])
    }

    private func run(_ sql: String, _ bindings: [any SQLBindable]) async throws -> PostgresQueryResult {
        var binds = PostgresBindings(capacity: bindings.count)
        for binding in bindings {
            switch binding.sqlValue {
            case .null: binds.appendNull()
            case .integer(let value): binds.append(value)
            case .real(let value): binds.append(value)
            case .text(let value): binds.append(value)
            case .blob(let bytes): binds.append(ByteBuffer(bytes: bytes))
            }
        }
        let query = PostgresQuery(unsafeSQL: Self.numberPlaceholders(sql), binds: binds)
        do {
            return try await connection.query(query, logger: logger).get()
        } catch let error as PSQLError {
            throw Self.translate(error, sql: sql)
        }
    }

    /// `?` → `$1, $2, …`, leaving quoted text and identifiers alone.
    static func numberPlaceholders(_ sql: String) -> String {
        var result = ""
        result.reserveCapacity(sql.count + 16)
        var index = 0
        var quote: Character?
        for character in sql {
            if let open = quote {
                if character == open { quote = nil }
                result.append(character)
            } else if character == "'" || character == "\"" {
                quote = character
                result.append(character)
            } else if character == "?" {
                index += 1
                result += "$\(index)"
            } else {
                result.append(character)
            }
        }
        return result
    }

    static func translate(_ error: PSQLError, sql: String) -> any Error {
        let state = error.serverInfo?[.sqlState] ?? ""
        let message = error.serverInfo?[.message] ?? String(describing: error.code)
        switch state {
        case "40001", "40P01": return StorageError.conflict(message)
        case _ where state.hasPrefix("23"): return StorageError.constraintViolation(message)
        default: return StorageError.engine("\(message) [\(state)] [\(sql.prefix(200))]")
        }
    }

    static func row(_ row: PostgresRow) throws -> SQLRow {
        var columns: [String] = []
        var values: [SQLValue] = []
        for cell in row {
            columns.append(cell.columnName)
            values.append(try value(cell))
        }
        return SQLRow(columns: columns, values: values)
    }

    /// A cell as a value; a cell the client cannot decode is an error, never a silent NULL.
    static func value(_ cell: PostgresCell) throws -> SQLValue {
        guard cell.bytes != nil else { return .null }
        switch cell.dataType {
        case .int2, .int4, .int8:
            return .integer(try cell.decode(Int64.self))
        case .float4, .float8:
            return .real(try cell.decode(Double.self))
        case .numeric:
            // SUM over BIGINT and AVG give NUMERIC: whole values read back as integers, others as reals.
            let number = NSDecimalNumber(decimal: try cell.decode(Decimal.self)).doubleValue
            return number.rounded() == number && abs(number) < 9e15 ? .integer(Int64(number)) : .real(number)
        case .bool:
            return .integer(try cell.decode(Bool.self) ? 1 : 0)
        case .bytea:
            return .blob(Array(try cell.decode(ByteBuffer.self).readableBytesView))
        default:
            return .text(try cell.decode(String.self))
        }
    }
}
