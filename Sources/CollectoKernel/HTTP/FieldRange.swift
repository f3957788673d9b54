import Foundation

/// The range a numeric field of a request body must fall in (or the length
/// of a text that may not be blank), declared on the
/// body's type (``StrictBody/ranges``) so that one declaration is checked when
/// the body is read and listed in the API description.
///
/// A path names the field as a client writes it: `quantity`, `haccp.ph`, and
/// `lines[].quantity` for the field of every element of an array. Every value
/// found there is checked on the raw JSON, before Swift decodes it, so that a
/// number too large for its type is a 422 naming the field, never a trap.
public struct FieldRange: Sendable, Hashable {
    public var path: String
    public var minimum: Double
    public var maximum: Double
    /// Refuses a fractional value (counts, units, minutes).
    public var wholeNumber: Bool
    /// The most decimals a value may carry (kilograms to the gram: 3).
    public var maxDecimals: Int?
    /// For a text field: it is not blank, and holds at most this many characters once trimmed.
    public var maxLength: Int?

    public init(path: String, minimum: Double, maximum: Double, wholeNumber: Bool, maxDecimals: Int? = nil, maxLength: Int? = nil) {
        self.path = path
        self.minimum = minimum
        self.maximum = maximum
        self.wholeNumber = wholeNumber
        self.maxDecimals = maxDecimals
        self.maxLength = maxLength
    }

    /// A text that is not blank and holds at most `maxLength` characters (trimmed), as the use cases check it.
    public static func text(_ path: String, maxLength: Int) -> FieldRange {
        FieldRange(path: path, minimum: 0, maximum: 0, wholeNumber: false, maxLength: maxLength)
    }

    /// Why `text` is refused, or nil when it is a text of this range.
    public func problem(with text: String) -> String? {
        let trimmed = text.trimmingCharacters(in: .whitespacesAndNewlines)
        if trimmed.isEmpty { return "must not be empty" }
        if let maxLength, trimmed.count > maxLength { return "is longer than \(maxLength) characters" }
        return nil
    }

    /// A whole number within `bounds`.
    public static func integer(_ path: String, _ bounds: ClosedRange<Int>) -> FieldRange {
        FieldRange(path: path, minimum: Double(bounds.lowerBound), maximum: Double(bounds.upperBound), wholeNumber: true)
    }

    /// A number within `bounds`.
    public static func number(_ path: String, _ bounds: ClosedRange<Double>, maxDecimals: Int? = nil) -> FieldRange {
        FieldRange(path: path, minimum: bounds.lowerBound, maximum: bounds.upperBound, wholeNumber: false, maxDecimals: maxDecimals)
    }

    /// A weight in kilograms within `bounds`, to the gram at most (3 decimals).
    public static func kilograms(_ path: String, _ bounds: ClosedRange<Double>) -> FieldRange {
        number(path, bounds, maxDecimals: 3)
    }

    /// Why `value` is refused, or nil when it is within the range.
    public func problem(with value: Double) -> String? {
        func text(_ bound: Double) -> String {
            bound.rounded() == bound && abs(bound) < 1e15 ? String(Int64(bound)) : String(bound)
        }
        guard value.isFinite, value >= minimum, value <= maximum else {
            return "must be between \(text(minimum)) and \(text(maximum))"
        }
        if wholeNumber && value.rounded() != value { return "must be a whole number" }
        if let decimals = maxDecimals {
            let scale = pow(10, Double(decimals))
            let scaled = value * scale
            // A value written with `decimals` decimals lands within a few units in the last place of a whole
            // number once scaled; anything farther carries more decimals, however large the value.
            if abs(scaled - scaled.rounded()) > max(1e-6, 8 * scaled.ulp) {
                return "has more than \(decimals) decimals"
            }
        }
        return nil
    }

    /// Checks every value found at this range's path in a JSON object.
    /// - Throws: ``RequestError/invalidField(field:message:)`` naming the first value out of range, with its index.
    public func check(_ json: Any) throws {
        try Self.visit(json, components: path.split(separator: ".").map(String.init), at: "") { field, value in
            let problem: String?
            if maxLength != nil {
                problem = (value as? String).flatMap { self.problem(with: $0) }
            } else {
                problem = (value as? NSNumber).flatMap { self.problem(with: $0.doubleValue) }
            }
            if let problem { throw RequestError.invalidField(field: field, message: "\(field) \(problem)") }
        }
    }

    private static func visit(_ json: Any, components: [String], at prefix: String, _ found: (String, Any) throws -> Void) throws {
        guard let first = components.first else {
            try found(prefix, json)
            return
        }
        let rest = Array(components.dropFirst())
        let isArray = first.hasSuffix("[]")
        let key = isArray ? String(first.dropLast(2)) : first
        guard let object = json as? [String: Any], let value = object[key] else { return }
        let field = prefix.isEmpty ? key : "\(prefix).\(key)"
        if isArray {
            guard let elements = value as? [Any] else { return }
            for (index, element) in elements.enumerated() {
                try visit(element, components: rest, at: "\(field)[\(index)]", found)
            }
        } else {
            try visit(value, components: rest, at: field, found)
        }
    }
}
