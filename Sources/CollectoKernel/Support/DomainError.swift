/// What kind of failure a domain error is, which the HTTP layer turns into a status.
public enum ProblemKind: String, Sendable {
    /// The request cannot be read at all: not JSON, no body (400).
    case malformed
    /// The input breaks a rule on one field: missing, mistyped, out of range, unknown (422).
    case invalid
    /// The caller is not logged in, or the token is unknown, expired or revoked (401).
    case unauthenticated
    /// The caller is known but may not do this (403).
    case forbidden
    /// The thing does not exist, or the caller may not know it exists (404).
    case notFound
    /// The request collides with the current state (409).
    case conflict
    /// A business rule refuses the change (422).
    case ruleViolation
    /// The caller must wait before trying again (429, with `Retry-After`).
    case tooManyRequests
}

/// An error that the domain raises and the API reports to the caller:
/// a stable machine-readable code, a human message, and the field at fault.
public protocol DomainError: Error, Sendable {
    var kind: ProblemKind { get }
    var code: String { get }
    var message: String { get }
    var field: String? { get }
    /// Structured details (e.g. every rule a round breaks).
    var details: [String]? { get }
    /// Seconds to wait before trying again, for ``ProblemKind/tooManyRequests``.
    var retryAfter: Int? { get }
    /// The error's values by name (the lot, the units asked and available…),
    /// so that a page can say the error in its own language without parsing `message`.
    var values: [String: ErrorValue] { get }
}

extension DomainError {
    public var field: String? { nil }
    public var details: [String]? { nil }
    public var retryAfter: Int? { nil }
    public var values: [String: ErrorValue] { [:] }
}

/// One value an error carries, as JSON.
public enum ErrorValue: Sendable, Hashable, Codable {
    case text(String)
    case integer(Int)
    case number(Double)
    case texts([String])

    public init(from decoder: any Decoder) throws {
        let container = try decoder.singleValueContainer()
        if let value = try? container.decode(Int.self) {
            self = .integer(value)
        } else if let value = try? container.decode(Double.self) {
            self = .number(value)
        } else if let value = try? container.decode([String].self) {
            self = .texts(value)
        } else {
            self = .text(try container.decode(String.self))
        }
    }

    public func encode(to encoder: any Encoder) throws {
        var container = encoder.singleValueContainer()
        switch self {
        case .text(let value): try container.encode(value)
        case .integer(let value): try container.encode(value)
        case .number(let value): try container.encode(value)
        case .texts(let value): try container.encode(value)
        }
    }
}

extension ErrorValue: ExpressibleByStringLiteral, ExpressibleByIntegerLiteral {
    public init(stringLiteral value: String) { self = .text(value) }
    public init(integerLiteral value: Int) { self = .integer(value) }

    /// The value as a number, whether JSON wrote it whole or not.
    public var number: Double? {
        switch self {
        case .integer(let value): Double(value)
        case .number(let value): value
        default: nil
        }
    }

    /// An id, a date or any value shown as text.
    public static func of(_ value: some CustomStringConvertible) -> ErrorValue { .text(value.description) }
}

/// The kernel's own domain errors.
public enum KernelError: DomainError, Equatable {
    case invalid(field: String, message: String)
    case notFound(entity: String, id: String)
    case forbidden(String)
    case unauthenticated(String)
    case conflict(code: String, message: String)
    case rules(code: String, message: String, violations: [String])

    public var kind: ProblemKind {
        switch self {
        case .invalid: .invalid
        case .notFound: .notFound
        case .forbidden: .forbidden
        case .unauthenticated: .unauthenticated
        case .conflict: .conflict
        case .rules: .ruleViolation
        }
    }

    public var code: String {
        switch self {
        case .invalid: "invalid_field"
        case .notFound: "not_found"
        case .forbidden: "forbidden"
        case .unauthenticated: "unauthenticated"
        case .conflict(let code, _): code
        case .rules(let code, _, _): code
        }
    }

    public var message: String {
        switch self {
        case .invalid(_, let message): message
        case .notFound(let entity, let id): "no \(entity) \(id)"
        case .forbidden(let message), .unauthenticated(let message): message
        case .conflict(_, let message): message
        case .rules(_, let message, _): message
        }
    }

    public var field: String? {
        if case .invalid(let field, _) = self { return field }
        return nil
    }

    public var details: [String]? {
        if case .rules(_, _, let violations) = self { return violations }
        return nil
    }

    public var values: [String: ErrorValue] {
        switch self {
        case .invalid(let field, _): ["field": .text(field)]
        case .notFound(let entity, let id): ["entity": .text(entity), "id": .text(id)]
        case .rules(_, _, let violations): ["violations": .texts(violations)]
        default: [:]
        }
    }
}
