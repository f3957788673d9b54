import Foundation
import HTTPTypes

/// The OpenAPI 3.1 description of the mounted API, built from the same
/// ``APIOperation`` list the router was built from.
public struct OpenAPIDocument: Sendable {
    public let operations: [APIOperation]
    public let version: String

    public init(operations: [APIOperation], version: String) {
        self.operations = operations
        self.version = version
    }

    /// The document as JSON data, its examples built from `examples` (placeholder ids when nil).
    public func json(examples: ExampleIDs? = nil) throws -> Data {
        try JSONSerialization.data(withJSONObject: dictionary(examples: examples), options: [.sortedKeys, .prettyPrinted])
    }

    /// The document as JSON values.
    public func dictionary(examples: ExampleIDs? = nil) -> [String: Any] {
        let ids = examples ?? .placeholders(now: Date(), timeZone: .gmt)
        var paths: [String: [String: Any]] = [:]
        var schemas: [String: Any] = ["Error": Self.errorSchema]
        // A type both read and answered is described twice: as a body (its ranges, open to nothing unknown at the top)
        // and as an answer (everything closed), under two names.
        let bodyTypes = Set(operations.compactMap { $0.bodyShape?.typeName })
        for operation in operations {
            var entry: [String: Any] = [
                "summary": operation.summary,
                "tags": [operation.tag],
                "operationId": Self.operationID(operation),
            ]
            var parameters: [[String: Any]] = Self.pathParameters(operation.path).map { name in
                let declared = operation.pathParameters.first { $0.name == name } ?? .uuid(name)
                return ["name": name, "in": "path", "required": true, "schema": declared.schema]
            }
            parameters += operation.queryParameters.map { parameter in
                var entry: [String: Any] = ["name": parameter.name, "in": "query", "required": false, "schema": parameter.schema]
                if let summary = parameter.summary { entry["description"] = summary }
                return entry
            }
            if !parameters.isEmpty { entry["parameters"] = parameters }
            if let shape = operation.bodyShape {
                let name = Self.schemaName(shape.typeName)
                schemas[name] = ShapeSchema.request(
                    shape, ranges: operation.bodyRanges, strict: operation.strictBody, accepted: operation.strictFields)
                var media: [String: Any] = ["schema": ["$ref": "#/components/schemas/\(name)"]]
                if let maker = operation.bodyExample, let data = try? maker.make(ids),
                    let example = try? JSONSerialization.jsonObject(with: data)
                {
                    media["example"] = example
                }
                entry["requestBody"] = ["required": !operation.bodyOptional, "content": ["application/json": media]]
            } else if let type = operation.requestContentType {
                entry["requestBody"] = ["required": true, "content": [type: ["schema": ["type": "string"]]]]
            }
            var success: [String: Any]?
            if let shape = operation.responseShape, shape.unreadable == nil {
                let name = Self.schemaName(shape.typeName) + (bodyTypes.contains(shape.typeName) ? ".Answer" : "")
                schemas[name] = ShapeSchema.response(shape)
                success = ["$ref": "#/components/schemas/\(name)"]
            }
            var answers = responses(for: operation, schema: success)
            let links = OperationLinks.links(from: operation, among: operations)
            if !links.isEmpty, var answer = answers[String(operation.successStatus.code)] as? [String: Any] {
                answer["links"] = links
                answers[String(operation.successStatus.code)] = answer
            }
            entry["responses"] = answers
            entry["security"] = operation.authenticated ? [["bearer": [String]()]] : [[String: [String]]]()
            paths[operation.path, default: [:]][operation.method.rawValue.lowercased()] = entry
        }
        return [
            "openapi": "3.1.0",
            "info": [
                "title": "collectod", "version": version,
                "description": "Logistics of local food aid: food bank supply, micro-processing, biowaste collection.",
            ],
            "paths": paths,
            "components": [
                "securitySchemes": ["bearer": ["type": "http", "scheme": "bearer"]],
                "schemas": schemas,
            ],
        ]
    }

    /// A component name for a Swift type: `FoodAid.OrdersController.Input` → `FoodAid.OrdersController.Input`,
    /// `Swift.Array<FoodAid.Lot>` → `Swift.Array_FoodAid.Lot_`.
    static func schemaName(_ typeName: String) -> String {
        String(typeName.map { $0.isLetter || $0.isNumber || $0 == "." || $0 == "_" || $0 == "-" ? $0 : "_" })
    }

    static var errorSchema: [String: Any] {
        [
            "type": "object", "required": ["error"], "additionalProperties": false,
            "properties": [
                "error": [
                    "type": "object", "required": ["code", "message"], "additionalProperties": false,
                    "properties": [
                        "code": ["type": "string"], "message": ["type": "string"], "field": ["type": "string"],
                        "details": ["type": "array", "items": ["type": "string"]],
                        "values": ["type": "object", "additionalProperties": true],
                    ],
                ]
            ],
        ]
    }

    private func responses(for operation: APIOperation, schema: [String: Any]?) -> [String: Any] {
        func error(_ description: String) -> [String: Any] {
            ["description": description, "content": ["application/json": ["schema": ["$ref": "#/components/schemas/Error"]]]]
        }
        var content: [String: Any] = [:]
        if let schema { content["schema"] = schema }
        var kinds: [String: Any] = [operation.contentType: content]
        // A report asked for `format=csv` answers a CSV file.
        if operation.queryParameters.contains(where: { $0.name == APIParameter.format.name }) {
            kinds["text/csv"] = ["schema": ["type": "string"]]
        }
        var success: [String: Any] = ["description": operation.successStatus.reasonPhrase, "content": kinds]
        if operation.paged {
            success["description"] = "\(operation.successStatus.reasonPhrase): one page of the list, as a JSON array"
            success["headers"] = Self.pageHeaders
        }
        var responses: [String: Any] = [String(operation.successStatus.code): success]
        let hasInput =
            operation.requestBody != nil || !operation.queryParameters.isEmpty || operation.path.contains("{") || operation.method != .get
        if hasInput {
            responses["400"] = error("Malformed request: the body is not JSON, or a parameter cannot be read")
            responses["422"] = error("A field is invalid or a rule is broken: `field` names it")
        }
        if operation.authenticated {
            responses["401"] = error("Not logged in, or the token has expired")
            responses["403"] = error("The caller's role does not allow this")
            responses["404"] = error("No such resource, or not one the caller may see")
        }
        if operation.method != .get {
            responses["409"] = error("The change conflicts with the resource's state, or a retry's key is in use")
        }
        if operation.requestBody != nil {
            responses["413"] = error("The body is too large")
        }
        if operation.rateLimited {
            responses["429"] = error("Too many attempts: wait for `Retry-After` seconds")
            // The rate-limited routes are the ones that check credentials themselves.
            if !operation.authenticated { responses["401"] = error("Wrong credentials") }
        }
        return responses
    }

    /// The headers every page of a list comes with.
    static var pageHeaders: [String: Any] {
        [
            "X-Total-Count": [
                "description": "How many items the list's filters match, on every page together",
                "schema": ["type": "integer", "minimum": 0],
            ],
            "Link": [
                "description": "RFC 8288 links to the next page (rel=\"next\") and the previous one (rel=\"prev\"), when there is one",
                "schema": ["type": "string"],
            ],
        ]
    }

    static func pathParameters(_ path: String) -> [String] {
        path.split(separator: "/").compactMap { part in
            part.hasPrefix("{") && part.hasSuffix("}") ? String(part.dropFirst().dropLast()) : nil
        }
    }

    static func operationID(_ operation: APIOperation) -> String {
        let words = operation.path.split(separator: "/").map {
            $0.replacingOccurrences(of: "{", with: "by_").replacingOccurrences(of: "}", with: "")
        }
        return ([operation.method.rawValue.lowercased()] + words).joined(separator: "_").replacingOccurrences(of: "-", with: "_")
    }
}
