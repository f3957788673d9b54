import Foundation

/// The OpenAPI links between operations: an answer that carries the `id` of
/// what it made or read leads to the operations on that thing. `POST
/// /foodaid/offers` answers an offer, whose `id` fills `{id}` in
/// `/foodaid/offers/{id}/accept`; `PUT /foodaid/windows/{id}/order` answers an
/// order, which `/foodaid/orders/{id}/submit` takes. A client (and
/// schemathesis's stateful phase) follows them instead of guessing ids.
enum OperationLinks {
    /// The links of `operation`'s success answer, keyed by the target's operation id.
    static func links(from operation: APIOperation, among operations: [APIOperation]) -> [String: Any] {
        guard let shape = operation.responseShape, shape.unreadable == nil, !operation.paged,
            shape.fields.contains(where: { $0.path == "id" && $0.kind == .uuid }),
            let collection = collection(of: operation)
        else { return [:] }
        var links: [String: Any] = [:]
        for target in operations where target != operation {
            let parts = target.path.split(separator: "/").map(String.init)
            guard let index = parts.firstIndex(of: "{id}"), index > 0, Self.names(parts[index - 1], collection) else { continue }
            links[OpenAPIDocument.operationID(target)] = [
                "operationId": OpenAPIDocument.operationID(target), "parameters": ["id": "$response.body#/id"],
            ]
        }
        return links
    }

    /// The last plain segment of the operation's path: what its answer is one of (`offers`, `order`, `batches`).
    static func collection(of operation: APIOperation) -> String? {
        operation.path.split(separator: "/").map(String.init).last { !$0.hasPrefix("{") }
    }

    /// Whether a path's segment and an answer's collection name the same things (`orders` and `order` do).
    static func names(_ segment: String, _ collection: String) -> Bool {
        segment == collection || segment == collection + "s" || segment + "s" == collection
    }
}
