import Foundation

/// One row of a query result, read by column name.
///
/// Getters throw ``StorageError`` rather than trapping, so that a schema drift
/// surfaces as an error in the log instead of a crashed server.
public struct SQLRow: Sendable {
    public let columns: [String]
    public let values: [SQLValue]

    public init(columns: [String], values: [SQLValue]) {
        self.columns = columns
        self.values = values
    }

    public subscript(_ column: String) -> SQLValue {
        guard let index = columns.firstIndex(of: column) else { return .null }
        return values[index]
    }

    public func isNull(_ column: String) -> Bool {
        if case .null = self[column] { return true }
        return false
    }

    public func string(_ column: String) throws -> String {
        switch self[column] {
        case .text(let text): return text
        case .integer(let value): return String(value)
        case .real(let value): return String(value)
        default: throw StorageError.unexpectedValue(column: column, expected: "text")
        }
    }

    public func optionalString(_ column: String) throws -> String? {
        isNull(column) ? nil : try string(column)
    }

    public func int(_ column: String) throws -> Int {
        Int(try int64(column))
    }

    public func int64(_ column: String) throws -> Int64 {
        switch self[column] {
        case .integer(let value): return value
        case .real(let value):
            // An integer column holds a real only when arithmetic overflowed it: refuse, never trap.
            guard let whole = Int64(exactly: value.rounded()) else {
                throw StorageError.unexpectedValue(column: column, expected: "integer within 64 bits, got \(value)")
            }
            return whole
        case .text(let text):
            guard let value = Int64(text) else { fallthrough }
            return value
        default: throw StorageError.unexpectedValue(column: column, expected: "integer")
        }
    }

    public func optionalInt(_ column: String) throws -> Int? {
        isNull(column) ? nil : try int(column)
    }

    public func double(_ column: String) throws -> Double {
        switch self[column] {
        case .real(let value): return value
        case .integer(let value): return Double(value)
        case .text(let text):
            guard let value = Double(text) else { fallthrough }
            return value
        default: throw StorageError.unexpectedValue(column: column, expected: "real")
        }
    }

    public func optionalDouble(_ column: String) throws -> Double? {
        isNull(column) ? nil : try double(column)
    }

    public func bool(_ column: String) throws -> Bool {
        try int64(column) != 0
    }

    public func uuid(_ column: String) throws -> UUID {
        guard let uuid = UUID(uuidString: try string(column)) else {
            throw StorageError.unexpectedValue(column: column, expected: "uuid")
        }
        return uuid
    }

    public func optionalUUID(_ column: String) throws -> UUID? {
        isNull(column) ? nil : try uuid(column)
    }

    public func instant(_ column: String) throws -> Date {
        guard let date = Instant.parse(try string(column)) else {
            throw StorageError.unexpectedValue(column: column, expected: "ISO 8601 instant")
        }
        return date
    }

    public func optionalInstant(_ column: String) throws -> Date? {
        isNull(column) ? nil : try instant(column)
    }

    public func calendarDate(_ column: String) throws -> CalendarDate {
        guard let date = CalendarDate(try string(column)) else {
            throw StorageError.unexpectedValue(column: column, expected: "YYYY-MM-DD date")
        }
        return date
    }

    public func optionalCalendarDate(_ column: String) throws -> CalendarDate? {
        isNull(column) ? nil : try calendarDate(column)
    }

    public func localTime(_ column: String) throws -> LocalTime {
        guard let time = LocalTime(try string(column)) else {
            throw StorageError.unexpectedValue(column: column, expected: "HH:MM local time")
        }
        return time
    }

    public func optionalLocalTime(_ column: String) throws -> LocalTime? {
        isNull(column) ? nil : try localTime(column)
    }

    /// A column that holds one of an enumeration's values; an unknown value is a storage error, never a silent default.
    public func value<T: RawRepresentable>(_ type: T.Type, _ column: String) throws -> T where T.RawValue == String {
        let text = try string(column)
        guard let value = T(rawValue: text) else {
            throw StorageError.unexpectedValue(column: column, expected: "a \(T.self), not \(text)")
        }
        return value
    }

    /// Decodes a column that holds JSON text.
    public func json<T: Decodable>(_ column: String, as type: T.Type = T.self) throws -> T {
        let text = try string(column)
        do {
            return try JSONDecoder().decode(T.self, from: Data(text.utf8))
        } catch {
            throw StorageError.unexpectedValue(column: column, expected: "JSON \(T.self)")
        }
    }
}
