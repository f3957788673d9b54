import Foundation
import Hummingbird

/// Reading JSON bodies strictly: malformed JSON is a 400, a missing or
/// mistyped field and an unknown field are a 422 that names the field.
public enum RequestError: DomainError {
    case malformedJSON(String)
    case invalidField(field: String, message: String)

    public var kind: ProblemKind {
        switch self {
        case .malformedJSON: .malformed
        case .invalidField: .invalid
        }
    }
    public var code: String {
        switch self {
        case .malformedJSON: "malformed_json"
        case .invalidField: "invalid_field"
        }
    }
    public var message: String {
        switch self {
        case .malformedJSON(let message): message
        case .invalidField(_, let message): message
        }
    }
    public var field: String? {
        if case .invalidField(let field, _) = self { return field }
        return nil
    }
}

/// A body type that lists its fields, so unknown ones are refused, and
/// declares the range of each numeric field, checked before decoding.
public protocol StrictBody: Decodable {
    associatedtype Field: CodingKey & CaseIterable
    /// The range of every numeric field, nested ones included (`lines[].quantity`).
    static var ranges: [FieldRange] { get }
    /// The text fields that may not be blank, with their longest length (``FieldRange/text(_:maxLength:)``).
    static var texts: [FieldRange] { get }
}

extension StrictBody {
    public static var ranges: [FieldRange] { [] }
    public static var texts: [FieldRange] { [] }
    /// The top-level fields a client may send: the others the type holds are set by the server.
    public static var fieldNames: [String] { Field.allCases.map(\.stringValue) }
}

extension Request {
    /// Decodes the JSON body as `T`, refusing unknown top-level fields.
    public func decodeJSON<T: StrictBody>(_ type: T.Type, context: some RequestContext) async throws -> T {
        try JSONBody.decodeStrict(T.self, from: try await bodyData(context: context))
    }

    /// Decodes the JSON body as `T` when there is one; no body at all is `nil`
    /// (a route whose body became optional keeps answering the clients that send none).
    public func decodeJSONIfPresent<T: StrictBody>(_ type: T.Type, context: some RequestContext) async throws -> T? {
        let buffer = try await body.collect(upTo: context.maxUploadSize)
        guard buffer.readableBytes > 0 else { return nil }
        return try JSONBody.decodeStrict(T.self, from: Data(buffer.readableBytesView))
    }

    /// Decodes the JSON body as `T`.
    public func decodeJSONBody<T: Decodable>(_ type: T.Type, context: some RequestContext) async throws -> T {
        try JSONBody.decode(T.self, from: try await bodyData(context: context))
    }

    private func bodyData(context: some RequestContext) async throws -> Data {
        let buffer = try await body.collect(upTo: context.maxUploadSize)
        guard buffer.readableBytes > 0 else { throw RequestError.malformedJSON("the request needs a JSON body") }
        return Data(buffer.readableBytesView)
    }
}

/// JSON decoding with errors that name the field.
public enum JSONBody {
    public static let decoder: JSONDecoder = {
        let decoder = JSONDecoder()
        decoder.dateDecodingStrategy = .custom { decoder in
            let container = try decoder.singleValueContainer()
            let text = try container.decode(String.self)
            guard let date = Instant.parse(text) else {
                throw DecodingError.dataCorruptedError(in: container, debugDescription: "expected an ISO 8601 instant, got \(text)")
            }
            // The same years as written dates: an instant in 2200 would make a day no row can hold.
            guard CalendarDate.writtenYears.contains(CalendarDate(date, in: .gmt).year) else {
                throw DecodingError.dataCorruptedError(
                    in: container,
                    debugDescription:
                        "\(text) is outside the years \(CalendarDate.writtenYears.lowerBound)–\(CalendarDate.writtenYears.upperBound)")
            }
            return date
        }
        return decoder
    }()

    public static let encoder: JSONEncoder = {
        let encoder = JSONEncoder()
        encoder.dateEncodingStrategy = .custom { date, encoder in
            var container = encoder.singleValueContainer()
            try container.encode(Instant.format(date))
        }
        encoder.outputFormatting = [.sortedKeys]
        return encoder
    }()

    /// Decodes a strict body: unknown top-level fields and numbers outside
    /// their declared range are refused, naming the field.
    public static func decodeStrict<T: StrictBody>(_ type: T.Type, from data: Data) throws -> T {
        // Fail closed: a body these checks cannot read is never decoded past them.
        guard let parsed = try? JSONSerialization.jsonObject(with: data, options: [.fragmentsAllowed]) else {
            throw RequestError.malformedJSON("the body is not valid JSON")
        }
        guard let object = parsed as? [String: Any] else {
            throw RequestError.invalidField(field: "body", message: "the body must be a JSON object")
        }
        let allowed = Set(T.Field.allCases.map(\.stringValue))
        if let unknown = object.keys.sorted().first(where: { !allowed.contains($0) }) {
            throw RequestError.invalidField(field: unknown, message: "unknown field \(unknown)")
        }
        for range in T.ranges + T.texts { try range.check(object) }
        return try decode(T.self, from: data)
    }

    public static func decode<T: Decodable>(_ type: T.Type, from data: Data) throws -> T {
        do {
            return try decoder.decode(T.self, from: data)
        } catch let error as DecodingError {
            throw translate(error)
        }
    }

    static func translate(_ error: DecodingError) -> RequestError {
        func path(_ codingPath: [any CodingKey], _ last: (any CodingKey)? = nil) -> String {
            let keys = codingPath + (last.map { [$0] } ?? [])
            var text = ""
            for key in keys {
                if let index = key.intValue {
                    text += "[\(index)]"
                } else {
                    text += (text.isEmpty ? "" : ".") + key.stringValue
                }
            }
            return text.isEmpty ? "body" : text
        }
        switch error {
        case .keyNotFound(let key, let context):
            let field = path(context.codingPath, key)
            return .invalidField(field: field, message: "\(field) is missing")
        case .valueNotFound(_, let context):
            let field = path(context.codingPath)
            return .invalidField(field: field, message: "\(field) must not be null")
        case .typeMismatch(let type, let context):
            let field = path(context.codingPath)
            return .invalidField(field: field, message: "\(field) must be \(describe(type))")
        case .dataCorrupted(let context):
            if context.codingPath.isEmpty {
                return .malformedJSON("the body is not valid JSON")
            }
            let field = path(context.codingPath)
            return .invalidField(field: field, message: "\(field): \(context.debugDescription)")
        @unknown default:
            return .malformedJSON("the body could not be read")
        }
    }

    private static func describe(_ type: Any.Type) -> String {
        switch type {
        case is String.Type: "a string"
        case is Int.Type, is Int64.Type: "an integer"
        case is Double.Type: "a number"
        case is Bool.Type: "true or false"
        default: "of type \(type)"
        }
    }
}
