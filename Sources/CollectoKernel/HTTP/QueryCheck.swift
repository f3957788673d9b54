import Foundation
import Hummingbird

/// Refuses, before a handler runs, a query that breaks what the route declares of
/// its parameters: a parameter given twice, or a value not of its type.
///
/// Each handler still parses the parameters it reads; this check makes sure that
/// a parameter a handler would skip (a `format` it only compares, an `until` that
/// a `month` overrides) is refused as the API description says, never ignored.
enum QueryCheck {
    /// - Throws: ``KernelError/invalid(field:message:)`` naming the first parameter that breaks its declaration.
    static func check(_ request: Request, declared parameters: [APIParameter]) throws {
        let query = request.uri.queryParameters
        for parameter in parameters {
            let values = query[values: Substring(parameter.name)].map(String.init)
            guard let value = values.first else { continue }
            if values.count > 1 {
                throw KernelError.invalid(
                    field: parameter.name, message: "query parameter \(parameter.name) is given \(values.count) times: give it once")
            }
            if !parameter.value.acceptsQuery(value) {
                throw KernelError.invalid(field: parameter.name, message: parameter.value.refusal(of: value, name: parameter.name))
            }
        }
    }
}

extension APIParameter.Value {
    /// Whether `text` is a value of this type given in a query (a text holds at most 200 characters).
    func acceptsQuery(_ text: String) -> Bool {
        if case .text = self { return !text.isEmpty && text.count <= 200 }
        return accepts(text)
    }

    /// Why `text` is refused, saying what the parameter takes.
    func refusal(of text: String, name: String) -> String {
        let shown = text.count > 40 ? String(text.prefix(40)) + "…" : text
        let expected =
            switch self {
            case .text: "a text of 1 to 200 characters"
            case .uuid: "a UUID"
            case .date: "a day, YYYY-MM-DD"
            case .month: "a month, YYYY-MM"
            case .wholeNumber(let range): "a whole number from \(range.lowerBound) to \(range.upperBound)"
            case .boolean: "true or false"
            case .oneOf(let values): "one of " + values.joined(separator: ", ")
            }
        return "query parameter \(name) has a bad value: \(shown) (expected \(expected))"
    }
}
