import Foundation

extension SQLRow {
    /// The row as a `Decodable` value: each property is read from the column
    /// of the same name in snake_case (`onHand` from `on_hand`). Ids, instants,
    /// calendar dates and times of day are read as the row's own accessors read
    /// them; a stored value that is not one of an enum's cases throws
    /// ``StorageError/unexpectedValue(column:expected:)``, never falls back to a default.
    public func decode<T: Decodable>(_ type: T.Type = T.self) throws -> T {
        try T(from: SQLRowDecoder(row: self))
    }

    /// `onHand` → `on_hand`.
    static func column(for key: String) -> String {
        var column = ""
        for character in key {
            if character.isUppercase {
                column += "_" + character.lowercased()
            } else {
                column.append(character)
            }
        }
        return column
    }
}

/// Walks one row for ``SQLRow/decode(_:)``: a flat record, one column per property.
struct SQLRowDecoder: Decoder {
    let row: SQLRow
    var codingPath: [any CodingKey] = []
    var userInfo: [CodingUserInfoKey: Any] { [:] }

    func container<Key: CodingKey>(keyedBy type: Key.Type) throws -> KeyedDecodingContainer<Key> {
        KeyedDecodingContainer(Columns<Key>(row: row))
    }

    func unkeyedContainer() throws -> any UnkeyedDecodingContainer {
        throw DecodingError.typeMismatch(
            [Any].self, .init(codingPath: codingPath, debugDescription: "a row decodes into a record, not a list"))
    }

    func singleValueContainer() throws -> any SingleValueDecodingContainer {
        throw DecodingError.typeMismatch(
            Any.self, .init(codingPath: codingPath, debugDescription: "a row decodes into a record, not a single value"))
    }

    /// One column's value, for the enum and wrapper types that decode from a single value.
    struct Cell: Decoder, SingleValueDecodingContainer {
        let row: SQLRow
        let column: String
        var codingPath: [any CodingKey] = []
        var userInfo: [CodingUserInfoKey: Any] { [:] }

        func container<Key: CodingKey>(keyedBy type: Key.Type) throws -> KeyedDecodingContainer<Key> {
            throw StorageError.unexpectedValue(column: column, expected: "a single value")
        }
        func unkeyedContainer() throws -> any UnkeyedDecodingContainer {
            throw StorageError.unexpectedValue(column: column, expected: "a single value")
        }
        func singleValueContainer() throws -> any SingleValueDecodingContainer { self }

        func decodeNil() -> Bool { row.isNull(column) }
        func decode(_ type: Bool.Type) throws -> Bool { try row.bool(column) }
        func decode(_ type: String.Type) throws -> String { try row.string(column) }
        func decode(_ type: Double.Type) throws -> Double { try row.double(column) }
        func decode(_ type: Float.Type) throws -> Float { Float(try row.double(column)) }
        func decode(_ type: Int.Type) throws -> Int { try row.int(column) }
        func decode(_ type: Int64.Type) throws -> Int64 { try row.int64(column) }
        func decode<T: Decodable>(_ type: T.Type) throws -> T { try SQLRowDecoder.value(T.self, column, in: row) }
        func decode(_ type: Int8.Type) throws -> Int8 { try narrow(type) }
        func decode(_ type: Int16.Type) throws -> Int16 { try narrow(type) }
        func decode(_ type: Int32.Type) throws -> Int32 { try narrow(type) }
        func decode(_ type: UInt.Type) throws -> UInt { try narrow(type) }
        func decode(_ type: UInt8.Type) throws -> UInt8 { try narrow(type) }
        func decode(_ type: UInt16.Type) throws -> UInt16 { try narrow(type) }
        func decode(_ type: UInt32.Type) throws -> UInt32 { try narrow(type) }
        func decode(_ type: UInt64.Type) throws -> UInt64 { try narrow(type) }

        private func narrow<T: FixedWidthInteger>(_ type: T.Type) throws -> T {
            guard let value = T(exactly: try row.int64(column)) else {
                throw StorageError.unexpectedValue(column: column, expected: "a whole number that fits \(T.self)")
            }
            return value
        }
    }

    /// The row's columns by property name.
    struct Columns<Key: CodingKey>: KeyedDecodingContainerProtocol {
        let row: SQLRow
        var codingPath: [any CodingKey] = []
        var allKeys: [Key] { row.columns.compactMap { Key(stringValue: $0) } }

        func column(_ key: Key) -> String { SQLRow.column(for: key.stringValue) }
        func contains(_ key: Key) -> Bool { row.columns.contains(column(key)) }
        func decodeNil(forKey key: Key) throws -> Bool { row.isNull(column(key)) }

        func decode<T: Decodable>(_ type: T.Type, forKey key: Key) throws -> T {
            let column = column(key)
            guard row.columns.contains(column) else {
                throw StorageError.unexpectedValue(column: column, expected: "a column for \(key.stringValue)")
            }
            return try SQLRowDecoder.value(T.self, column, in: row)
        }

        func nestedContainer<NestedKey: CodingKey>(keyedBy type: NestedKey.Type, forKey key: Key) throws
            -> KeyedDecodingContainer<NestedKey>
        {
            throw StorageError.unexpectedValue(column: column(key), expected: "a flat value (use SQLRow.json for nested values)")
        }
        func nestedUnkeyedContainer(forKey key: Key) throws -> any UnkeyedDecodingContainer {
            throw StorageError.unexpectedValue(column: column(key), expected: "a flat value (use SQLRow.json for lists)")
        }
        func superDecoder() throws -> any Decoder { SQLRowDecoder(row: row) }
        func superDecoder(forKey key: Key) throws -> any Decoder { Cell(row: row, column: column(key)) }
    }

    /// A column read as `T`: the row's own accessors for the kernel's value types, the type's decoding otherwise.
    static func value<T: Decodable>(_ type: T.Type, _ column: String, in row: SQLRow) throws -> T {
        switch type {
        case is UUID.Type: return try row.uuid(column) as! T
        case is Date.Type: return try row.instant(column) as! T
        case is CalendarDate.Type: return try row.calendarDate(column) as! T
        case is LocalTime.Type: return try row.localTime(column) as! T
        case is String.Type: return try row.string(column) as! T
        case is Int.Type: return try row.int(column) as! T
        case is Int64.Type: return try row.int64(column) as! T
        case is Double.Type: return try row.double(column) as! T
        case is Bool.Type: return try row.bool(column) as! T
        default:
            do {
                return try T(from: Cell(row: row, column: column))
            } catch let error as DecodingError {
                // An enum whose stored value is none of its cases, or a value of the wrong shape.
                let text = (try? row.string(column)).map { ", not \($0)" } ?? ""
                throw StorageError.unexpectedValue(column: column, expected: "a \(T.self)\(text) (\(error.localizedDescription))")
            }
        }
    }
}
