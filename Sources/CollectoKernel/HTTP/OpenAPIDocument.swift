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

    /// The document as JSON data.
    public func json() throws -> Data {
        var paths: [String: [String: Any]] = [:]
        for operation in operations {
            var entry: [String: Any] = [
                "summary": operation.summary,
                "tags": [operation.tag],
                "operationId": Self.operationID(operation),
                "responses": responses(for: operation),
            ]
            var parameters: [[String: Any]] = Self.pathParameters(operation.path).map {
                ["name": $0, "in": "path", "required": true, "schema": ["type": "string"]]
            }
            parameters += operation.queryParameters.map {
                ["name": $0, "in": "query", "required": false, "schema": ["type": "string"]]
            }
            if !parameters.isEmpty { entry["parameters"] = parameters }
            if let body = operation.requestBody {
                entry["requestBody"] = [
                    "required": true,
                    "content": ["application/json": ["schema": ["type": "object", "title": body]]],
                ]
            }
            entry["security"] = operation.authenticated ? [["bearer": [String]()]] : [[String: [String]]]()
            paths[operation.path, default: [:]][operation.method.rawValue.lowercased()] = entry
        }
        let document: [String: Any] = [
            "openapi": "3.1.0",
            "info": [
                "title": "collectod", "version": version,
                "description": "Logistics of local food aid: food bank supply, micro-processing, biowaste collection.",
            ],
            "paths": paths,
            "components": [
                "securitySchemes": ["bearer": ["type": "http", "scheme": "bearer"]],
                "schemas": [
                    "Error": [
                        "type": "object", "required": ["error"],
                        "properties": [
                            "error": [
                                "type": "object", "required": ["code", "message"],
                                "properties": [
                                    "code": ["type": "string"], "message": ["type": "string"], "field": ["type": "string"],
                                    "details": ["type": "array", "items": ["type": "string"]],
                                ],
                            ]
                        ],
                    ]
                ],
            ],
        ]
        return try JSONSerialization.data(withJSONObject: document, options: [.sortedKeys, .prettyPrinted])
    }

    private func responses(for operation: APIOperation) -> [String: Any] {
        let error: [String: Any] = ["content": ["application/json": ["schema": ["$ref": "#/components/schemas/Error"]]]]
        var success: [String: Any] = [
            "description": operation.successStatus.reasonPhrase,
            "content": [operation.contentType: [String: Any]()],
        ]
        if operation.paged {
            success["description"] = "\(operation.successStatus.reasonPhrase): one page of the list, as a JSON array"
            success["headers"] = Self.pageHeaders
        }
        var responses: [String: Any] = [String(operation.successStatus.code): success]
        if operation.authenticated {
            responses["401"] = error.merging(["description": "Not logged in"]) { $1 }
            responses["403"] = error.merging(["description": "Not allowed"]) { $1 }
        }
        if operation.requestBody != nil || !operation.queryParameters.isEmpty || operation.path.contains("{") {
            responses["400"] = error.merging(["description": "Malformed request"]) { $1 }
            responses["422"] = error.merging(["description": "Invalid field or broken rule"]) { $1 }
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
