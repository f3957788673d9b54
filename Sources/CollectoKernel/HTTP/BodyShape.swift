import Foundation

/// The fields a `Decodable` request type reads, found by decoding it from a
/// decoder that answers every question and writes each one down.
///
/// Swift cannot list a `Codable` type's fields otherwise. The shape is what
/// checks that every numeric field of every body declares a range, and what
/// the API description can be built from, so the fields have one source: the
/// type the route decodes.
public struct BodyShape: Sendable, Hashable {
    /// What a field holds.
    public enum Kind: String, Sendable, Hashable {
        case string, integer, number, boolean, uuid, date, dateTime, time, enumeration, object, array, dictionary, openingHours
    }

    /// One field, with its path as a client writes it (`lines[].quantity`).
    public struct Field: Sendable, Hashable {
        public var path: String
        public var kind: Kind
        public var optional: Bool
        /// The accepted values of an enumeration.
        public var values: [String]
    }

    public var typeName: String
    /// What the whole body is: an object (a request, most answers), an array (a list) or a leaf.
    public var root: Kind = .object
    public var fields: [Field]
    /// Why the type could not be walked to the end, if it could not.
    public var unreadable: String?

    /// The fields that hold numbers.
    public var numericFields: [Field] { fields.filter { $0.kind == .integer || $0.kind == .number } }

    /// Walks `type`; never throws: a type it cannot walk says why in `unreadable`.
    public static func of(_ type: any Decodable.Type) -> BodyShape {
        let recorder = ShapeRecorder()
        do {
            _ = try shapeValue(type, recorder: recorder, path: [], optional: false)
            return BodyShape(typeName: String(reflecting: type), root: recorder.root, fields: recorder.fields, unreadable: nil)
        } catch {
            return BodyShape(
                typeName: String(reflecting: type), root: recorder.root, fields: recorder.fields, unreadable: String(describing: error))
        }
    }
}

/// Collects the fields a walk meets, first seen first.
private final class ShapeRecorder {
    var fields: [BodyShape.Field] = []
    var root: BodyShape.Kind = .object

    func record(_ path: [String], _ kind: BodyShape.Kind, optional: Bool, values: [String] = []) {
        let text = Self.text(path)
        if text.isEmpty {
            root = kind
            return
        }
        guard !fields.contains(where: { $0.path == text }) else { return }
        fields.append(.init(path: text, kind: kind, optional: optional, values: values))
    }

    static func text(_ path: [String]) -> String {
        var text = ""
        for part in path {
            if part == "[]" {
                text += "[]"
            } else {
                text += (text.isEmpty ? "" : ".") + part
            }
        }
        return text
    }
}

private struct ShapeKey: CodingKey {
    var stringValue: String
    var intValue: Int?
    init(stringValue: String) { self.stringValue = stringValue }
    init(intValue: Int) {
        stringValue = String(intValue)
        self.intValue = intValue
    }
}

/// Answers one value: a leaf of a known kind, or a nested walk.
private func shapeValue<T: Decodable>(_ type: T.Type, recorder: ShapeRecorder, path: [String], optional: Bool) throws -> T {
    func leaf(_ kind: BodyShape.Kind, _ value: Any, values: [String] = []) throws -> T {
        recorder.record(path, kind, optional: optional, values: values)
        guard let typed = value as? T else { throw ShapeError.noValue(String(describing: type)) }
        return typed
    }
    switch type {
    case is String.Type: return try leaf(.string, "")
    case is Int.Type: return try leaf(.integer, 0)
    case is Int64.Type: return try leaf(.integer, Int64(0))
    case is Double.Type: return try leaf(.number, 0.0)
    case is Bool.Type: return try leaf(.boolean, false)
    case is UUID.Type: return try leaf(.uuid, UUID())
    case is Date.Type: return try leaf(.dateTime, Date(timeIntervalSince1970: 0))
    case is CalendarDate.Type: return try leaf(.date, CalendarDate(year: 2026, month: 1, day: 1)!)
    case is LocalTime.Type: return try leaf(.time, LocalTime(hour: 8, minute: 0)!)
    case is OpeningHours.Type: return try leaf(.openingHours, OpeningHours())
    default: break
    }
    if let enumeration = type as? any AcceptedValues.Type {
        let cases = enumeration.allCaseValues
        return try leaf(.enumeration, cases.first as Any, values: enumeration.allRawValues)
    }
    if String(describing: type).hasPrefix("Dictionary<") {
        // A map keyed by ids or names (`lines[<productId>]`): its values are not walked.
        recorder.record(path, .dictionary, optional: optional)
        for empty in ["{}", "[]"] {
            if let value = try? JSONDecoder().decode(T.self, from: Data(empty.utf8)) { return value }
        }
        throw ShapeError.noValue(String(describing: type))
    }
    return try T(from: ShapeDecoder(recorder: recorder, path: path, optional: optional))
}

private enum ShapeError: Error, CustomStringConvertible {
    case noValue(String)
    case singleValue(String)
    var description: String {
        switch self {
        case .noValue(let type): "\(type) has no value to walk with"
        case .singleValue(let path): "\(path) decodes a single value of an unknown type"
        }
    }
}

extension AcceptedValues {
    fileprivate static var allCaseValues: [Any] { allCases.map { $0 } }
    fileprivate static var allRawValues: [String] { allCases.map(\.rawValue) }
}

private struct ShapeDecoder: Decoder {
    let recorder: ShapeRecorder
    let path: [String]
    let optional: Bool
    var codingPath: [any CodingKey] { path.map { ShapeKey(stringValue: $0) } }
    var userInfo: [CodingUserInfoKey: Any] { [:] }

    func container<Key: CodingKey>(keyedBy type: Key.Type) throws -> KeyedDecodingContainer<Key> {
        recorder.record(path, .object, optional: optional)
        return KeyedDecodingContainer(ShapeKeyed<Key>(recorder: recorder, path: path))
    }

    func unkeyedContainer() throws -> any UnkeyedDecodingContainer {
        recorder.record(path, .array, optional: optional)
        return ShapeUnkeyed(recorder: recorder, path: path + ["[]"])
    }

    func singleValueContainer() throws -> any SingleValueDecodingContainer {
        ShapeSingle(recorder: recorder, path: path, optional: optional)
    }
}

private struct ShapeKeyed<Key: CodingKey>: KeyedDecodingContainerProtocol {
    let recorder: ShapeRecorder
    let path: [String]
    var codingPath: [any CodingKey] { path.map { ShapeKey(stringValue: $0) } }
    /// A dictionary keyed by strings walks no key: it is recorded as one.
    var allKeys: [Key] { [] }

    func contains(_ key: Key) -> Bool { true }
    func decodeNil(forKey key: Key) throws -> Bool { false }

    func decode<T: Decodable>(_ type: T.Type, forKey key: Key) throws -> T {
        try shapeValue(type, recorder: recorder, path: path + [key.stringValue], optional: false)
    }

    func decodeIfPresent<T: Decodable>(_ type: T.Type, forKey key: Key) throws -> T? {
        try shapeValue(type, recorder: recorder, path: path + [key.stringValue], optional: true)
    }

    // The standard library gives each primitive its own `decodeIfPresent`, whose default asks `decodeNil` and then
    // `decode`: without these, an optional number or string would be recorded as required.
    func decodeIfPresent(_ type: Bool.Type, forKey key: Key) throws -> Bool? { try optional(type, key) }
    func decodeIfPresent(_ type: String.Type, forKey key: Key) throws -> String? { try optional(type, key) }
    func decodeIfPresent(_ type: Double.Type, forKey key: Key) throws -> Double? { try optional(type, key) }
    func decodeIfPresent(_ type: Float.Type, forKey key: Key) throws -> Float? { try optional(type, key) }
    func decodeIfPresent(_ type: Int.Type, forKey key: Key) throws -> Int? { try optional(type, key) }
    func decodeIfPresent(_ type: Int8.Type, forKey key: Key) throws -> Int8? { try optional(type, key) }
    func decodeIfPresent(_ type: Int16.Type, forKey key: Key) throws -> Int16? { try optional(type, key) }
    func decodeIfPresent(_ type: Int32.Type, forKey key: Key) throws -> Int32? { try optional(type, key) }
    func decodeIfPresent(_ type: Int64.Type, forKey key: Key) throws -> Int64? { try optional(type, key) }
    func decodeIfPresent(_ type: UInt.Type, forKey key: Key) throws -> UInt? { try optional(type, key) }
    func decodeIfPresent(_ type: UInt8.Type, forKey key: Key) throws -> UInt8? { try optional(type, key) }
    func decodeIfPresent(_ type: UInt16.Type, forKey key: Key) throws -> UInt16? { try optional(type, key) }
    func decodeIfPresent(_ type: UInt32.Type, forKey key: Key) throws -> UInt32? { try optional(type, key) }
    func decodeIfPresent(_ type: UInt64.Type, forKey key: Key) throws -> UInt64? { try optional(type, key) }

    private func optional<T: Decodable>(_ type: T.Type, _ key: Key) throws -> T? {
        try shapeValue(type, recorder: recorder, path: path + [key.stringValue], optional: true)
    }

    func nestedContainer<NestedKey: CodingKey>(keyedBy type: NestedKey.Type, forKey key: Key) throws -> KeyedDecodingContainer<NestedKey> {
        recorder.record(path + [key.stringValue], .object, optional: false)
        return KeyedDecodingContainer(ShapeKeyed<NestedKey>(recorder: recorder, path: path + [key.stringValue]))
    }

    func nestedUnkeyedContainer(forKey key: Key) throws -> any UnkeyedDecodingContainer {
        recorder.record(path + [key.stringValue], .array, optional: false)
        return ShapeUnkeyed(recorder: recorder, path: path + [key.stringValue, "[]"])
    }

    func superDecoder() throws -> any Decoder { ShapeDecoder(recorder: recorder, path: path, optional: false) }
    func superDecoder(forKey key: Key) throws -> any Decoder {
        ShapeDecoder(recorder: recorder, path: path + [key.stringValue], optional: false)
    }
}

/// An array of one element, so that the element's fields are walked once.
private struct ShapeUnkeyed: UnkeyedDecodingContainer {
    let recorder: ShapeRecorder
    let path: [String]
    var codingPath: [any CodingKey] { path.map { ShapeKey(stringValue: $0) } }
    var count: Int? { 1 }
    var currentIndex = 0
    var isAtEnd: Bool { currentIndex >= 1 }

    init(recorder: ShapeRecorder, path: [String]) {
        self.recorder = recorder
        self.path = path
    }

    mutating func decodeNil() throws -> Bool { false }

    mutating func decode<T: Decodable>(_ type: T.Type) throws -> T {
        currentIndex += 1
        return try shapeValue(type, recorder: recorder, path: path, optional: false)
    }

    mutating func nestedContainer<NestedKey: CodingKey>(keyedBy type: NestedKey.Type) throws -> KeyedDecodingContainer<NestedKey> {
        currentIndex += 1
        return KeyedDecodingContainer(ShapeKeyed<NestedKey>(recorder: recorder, path: path))
    }

    mutating func nestedUnkeyedContainer() throws -> any UnkeyedDecodingContainer {
        currentIndex += 1
        return ShapeUnkeyed(recorder: recorder, path: path + ["[]"])
    }

    mutating func superDecoder() throws -> any Decoder {
        currentIndex += 1
        return ShapeDecoder(recorder: recorder, path: path, optional: false)
    }
}

/// A type that reads itself from one value: the known leaves are answered.
private struct ShapeSingle: SingleValueDecodingContainer {
    let recorder: ShapeRecorder
    let path: [String]
    let optional: Bool
    var codingPath: [any CodingKey] { path.map { ShapeKey(stringValue: $0) } }

    func decodeNil() -> Bool { false }

    func decode<T: Decodable>(_ type: T.Type) throws -> T {
        switch type {
        case is String.Type, is Int.Type, is Int64.Type, is Double.Type, is Bool.Type, is UUID.Type, is Date.Type,
            is CalendarDate.Type, is LocalTime.Type:
            return try shapeValue(type, recorder: recorder, path: path, optional: optional)
        default:
            if type is any AcceptedValues.Type { return try shapeValue(type, recorder: recorder, path: path, optional: optional) }
            throw ShapeError.singleValue(ShapeRecorder.text(path))
        }
    }
}

extension BodyShape {
    /// The shape of an answer of type `type`: walked when the type is also `Decodable`, a page as the array of
    /// its items; nil when the type cannot be read back (the API description then has no schema for it).
    public static func answer(of type: Any.Type) -> BodyShape? {
        if let paged = type as? any PagedAnswer.Type { return of(paged.itemsType) }
        if let decodable = type as? any Decodable.Type { return of(decodable) }
        return nil
    }
}

/// An answer written as the array of its items (a ``Page``): its shape is the array's.
protocol PagedAnswer {
    static var itemsType: any Decodable.Type { get }
}

extension Page: PagedAnswer where Item: Decodable {
    static var itemsType: any Decodable.Type { [Item].self }
}
