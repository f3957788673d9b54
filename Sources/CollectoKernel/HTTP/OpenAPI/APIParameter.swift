import Foundation

/// A path or query parameter of a route, with the type its handler parses it
/// as: declared beside the route, so that the API description types every
/// parameter (a UUID, a date, a whole number in a range, one of an enum's
/// values) and a client generated from it sends what the handler reads.
///
/// A plain string literal in a route's `query:` list is a free-text query
/// parameter; path parameters are UUIDs unless the route says otherwise.
public struct APIParameter: Sendable, Hashable, ExpressibleByStringLiteral {
    /// What a parameter holds, as the handler parses it.
    public enum Value: Sendable, Hashable {
        case text
        case uuid
        /// A calendar day, `2026-03-02`.
        case date
        /// A month, `2026-03`.
        case month
        case wholeNumber(ClosedRange<Int>)
        case boolean
        /// One of these values.
        case oneOf([String])
    }

    public var name: String
    public var value: Value
    public var summary: String?

    public init(_ name: String, _ value: Value, summary: String? = nil) {
        self.name = name
        self.value = value
        self.summary = summary
    }

    public init(stringLiteral name: String) {
        self.init(name, .text)
    }

    public static func uuid(_ name: String) -> APIParameter { APIParameter(name, .uuid) }
    public static func date(_ name: String) -> APIParameter { APIParameter(name, .date) }
    public static func month(_ name: String) -> APIParameter { APIParameter(name, .month) }
    public static func boolean(_ name: String) -> APIParameter { APIParameter(name, .boolean) }
    public static func wholeNumber(_ name: String, _ range: ClosedRange<Int>) -> APIParameter {
        APIParameter(name, .wholeNumber(range))
    }
    /// One of an enum's values.
    public static func oneOf<Values: CaseIterable & RawRepresentable>(_ name: String, _ type: Values.Type) -> APIParameter
    where Values.RawValue == String {
        APIParameter(name, .oneOf(type.allCases.map(\.rawValue)))
    }

    /// `format=csv` asks a report for CSV instead of JSON.
    public static let format = APIParameter("format", .oneOf(["json", "csv"]), summary: "csv for a CSV file")

    /// The parameters every paged list takes.
    public static let page: [APIParameter] = [
        APIParameter("limit", .wholeNumber(1...PageRequest.maximumLimit), summary: "How many items, at most"),
        APIParameter("offset", .wholeNumber(0...Int(Int32.max)), summary: "How many items to skip"),
    ]

    /// The JSON Schema of the parameter's value.
    var schema: [String: Any] { value.schema }
}

extension APIParameter.Value {
    /// Whether `text` is a value of this type (a path segment that can fill the parameter).
    func accepts(_ text: String) -> Bool {
        switch self {
        case .text: !text.isEmpty
        case .uuid: UUID(uuidString: text) != nil
        case .date: CalendarDate(text) != nil
        case .month: CalendarDate(text + "-01") != nil
        case .wholeNumber(let range): Int(text).map(range.contains) ?? false
        case .boolean: text == "true" || text == "false"
        case .oneOf(let values): values.contains(text)
        }
    }

    /// A day of the years collectod writes (``CalendarDate/writtenYears``, 1900–2199).
    static let datePattern = "^(19|20|21)[0-9]{2}-(0[1-9]|1[0-2])-(0[1-9]|[12][0-9]|3[01])$"
    /// An instant of those years.
    static let instantPattern = "^(19|20|21)[0-9]{2}-"

    /// The JSON Schema of a value of this type.
    var schema: [String: Any] {
        switch self {
        case .text: ["type": "string", "maxLength": 200]
        case .uuid: ["type": "string", "format": "uuid"]
        case .date: ["type": "string", "format": "date", "pattern": Self.datePattern]
        case .month: ["type": "string", "pattern": "^(19|20|21)[0-9]{2}-(0[1-9]|1[0-2])$", "examples": ["2026-03"]]
        case .wholeNumber(let range): ["type": "integer", "minimum": range.lowerBound, "maximum": range.upperBound]
        case .boolean: ["type": "boolean"]
        case .oneOf(let values): ["type": "string", "enum": values]
        }
    }
}
