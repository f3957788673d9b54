import Foundation

/// The JSON Schema (2020-12, as OpenAPI 3.1 reads it) of a ``BodyShape``:
/// the fields a type decodes, nested as a client writes them, with each
/// number's declared ``FieldRange``, each enum's values and each optional
/// field nullable and not required. One source: the Swift type the route
/// decodes or encodes.
struct ShapeSchema {
    let shape: BodyShape
    let ranges: [FieldRange]
    /// Unknown fields are refused (a ``StrictBody``'s top level, every answer): `additionalProperties: false`.
    let closedTopLevel: Bool
    let closedNested: Bool

    /// A request body: its top level is closed when the type refuses unknown fields.
    /// Only the top-level fields in `accepted` are described, when given (a strict body's `Field` cases).
    static func request(_ shape: BodyShape, ranges: [FieldRange], strict: Bool, accepted: [String]? = nil) -> [String: Any] {
        var described = shape
        if let accepted {
            let names = Set(accepted)
            described.fields = shape.fields.filter { names.contains(tokens($0.path).first ?? "") }
        }
        return ShapeSchema(shape: described, ranges: ranges, closedTopLevel: strict, closedNested: false).schema
    }

    /// An answer: everything it holds is described, so every level is closed.
    static func response(_ shape: BodyShape) -> [String: Any] {
        ShapeSchema(shape: shape, ranges: [], closedTopLevel: true, closedNested: true).schema
    }

    var schema: [String: Any] {
        let root = Node(kind: shape.root, optional: false, values: [], path: "")
        for field in shape.fields { root.insert(field, tokens: Self.tokens(field.path)) }
        return describe(root, topLevel: true)
    }

    /// `lines[].quantity` → `lines`, `[]`, `quantity`.
    static func tokens(_ path: String) -> [String] {
        path.split(separator: ".").flatMap { part -> [String] in
            var name = String(part)
            var arrays = 0
            while name.hasSuffix("[]") {
                name.removeLast(2)
                arrays += 1
            }
            return (name.isEmpty ? [] : [name]) + Array(repeating: "[]", count: arrays)
        }
    }

    private final class Node {
        var kind: BodyShape.Kind
        var optional: Bool
        var values: [String]
        var path: String
        var children: [(String, Node)] = []
        var element: Node?

        init(kind: BodyShape.Kind, optional: Bool, values: [String], path: String) {
            self.kind = kind
            self.optional = optional
            self.values = values
            self.path = path
        }

        func insert(_ field: BodyShape.Field, tokens: [String]) {
            guard let first = tokens.first else {
                kind = field.kind
                optional = field.optional
                values = field.values
                return
            }
            let rest = Array(tokens.dropFirst())
            if first == "[]" {
                if element == nil { element = Node(kind: .object, optional: false, values: [], path: path + "[]") }
                element!.insert(field, tokens: rest)
            } else {
                if let child = children.first(where: { $0.0 == first })?.1 {
                    child.insert(field, tokens: rest)
                } else {
                    let child = Node(kind: .object, optional: false, values: [], path: path.isEmpty ? first : path + "." + first)
                    children.append((first, child))
                    child.insert(field, tokens: rest)
                }
            }
        }
    }

    private func describe(_ node: Node, topLevel: Bool = false) -> [String: Any] {
        var schema: [String: Any]
        switch node.kind {
        case .string: schema = ["type": "string"]
        case .integer: schema = ["type": "integer"]
        case .number: schema = ["type": "number"]
        case .boolean: schema = ["type": "boolean"]
        case .uuid: schema = ["type": "string", "format": "uuid"]
        case .date: schema = ["type": "string", "format": "date", "pattern": APIParameter.Value.datePattern]
        case .dateTime: schema = ["type": "string", "format": "date-time", "pattern": APIParameter.Value.instantPattern]
        case .time: schema = Self.time
        case .enumeration: schema = ["type": "string", "enum": node.values]
        case .openingHours: schema = Self.openingHours
        case .dictionary: schema = ["type": "object", "additionalProperties": true]
        case .array: schema = ["type": "array", "items": node.element.map { describe($0) } ?? [String: Any]()]
        case .object:
            var properties: [String: Any] = [:]
            for (name, child) in node.children { properties[name] = describe(child) }
            schema = ["type": "object", "properties": properties]
            let required = node.children.filter { !$0.1.optional }.map(\.0)
            if !required.isEmpty { schema["required"] = required }
            if topLevel ? closedTopLevel : closedNested { schema["additionalProperties"] = false }
        }
        if let range = ranges.first(where: { $0.path == node.path }), node.kind == .integer || node.kind == .number {
            schema["type"] = range.wholeNumber ? "integer" : "number"
            schema["minimum"] = Self.bound(range.minimum, whole: range.wholeNumber)
            schema["maximum"] = Self.bound(range.maximum, whole: range.wholeNumber)
            if let decimals = range.maxDecimals {
                schema["description"] = "at most \(decimals) decimals"
                schema["multipleOf"] = pow(10, -Double(decimals))
            }
        }
        if let range = ranges.first(where: { $0.path == node.path }), node.kind == .string, let maxLength = range.maxLength {
            schema["minLength"] = 1
            schema["maxLength"] = maxLength
            schema["pattern"] = "\\S"
        }
        if node.optional, let type = schema["type"] as? String {
            schema["type"] = [type, "null"]
            if var values = schema["enum"] as? [Any] {
                values.append(NSNull())
                schema["enum"] = values
            }
        }
        return schema
    }

    private static func bound(_ value: Double, whole: Bool) -> Any {
        whole && abs(value) < 9e15 ? Int64(value) as Any : value as Any
    }

    static var time: [String: Any] { ["type": "string", "pattern": "^([01][0-9]|2[0-3]):[0-5][0-9]$", "examples": ["08:30"]] }

    /// Opening hours: for each weekday, its open ranges of the day.
    static var openingHours: [String: Any] {
        let range: [String: Any] = [
            "type": "object", "required": ["from", "until"], "additionalProperties": false,
            "properties": ["from": time, "until": time],
        ]
        let days = Dictionary(uniqueKeysWithValues: Weekday.allCases.map { ($0.rawValue, ["type": "array", "items": range] as Any) })
        return [
            "type": "object", "properties": days, "additionalProperties": false,
            "examples": [["monday": [["from": "08:00", "until": "12:00"]]]],
        ]
    }
}
