import Foundation
import Hummingbird

/// What a page handler reads: the request, the logged-in caller, the page's
/// language, and the form it was sent (already checked for its CSRF token).
public struct WebRequest: Sendable {
    public let request: Request
    public let context: AppRequestContext
    let signedIn: Caller?
    /// The texts of the page's language.
    public let texts: Texts
    /// The token every form of the page carries.
    public let csrf: String
    /// The form body of a POST (empty for a GET).
    let formBody: String

    /// The logged-in caller (pages that are not public are never reached without one).
    public var caller: Caller {
        get throws {
            guard let signedIn else { throw KernelError.unauthenticated("log in first") }
            return signedIn
        }
    }

    /// A path parameter that must be a UUID; a bad one is a 404 page (no such thing).
    public func uuid(_ name: String) throws -> UUID {
        guard let text = context.parameters.get(name), let id = UUID(uuidString: text) else {
            throw KernelError.notFound(entity: "page", id: context.parameters.get(name) ?? name)
        }
        return id
    }

    /// A query parameter, as sent.
    public func query(_ name: String) -> String? {
        request.uri.queryParameters.get(name)
    }

    /// The form decoded into `type`. Repeated fields are keyed by an id
    /// (`quantity[<productId>]` decodes into a dictionary), never by an index.
    /// - Throws: ``KernelError/invalid(field:message:)`` when the form does not fit the type.
    public func form<Form: Decodable>(_ type: Form.Type) throws -> Form {
        do {
            return try URLEncodedFormDecoder().decode(Form.self, from: formBody)
        } catch {
            throw KernelError.invalid(field: "form", message: "the form could not be read: \(error)")
        }
    }

    /// The field an error names: its own, or the `field` among its values (a quota names the line it refuses there).
    public static func field(of error: any DomainError) -> String? {
        if let field = error.field { return field }
        if case .text(let field)? = error.values["field"] { return field }
        return nil
    }

    /// A fresh idempotency key for a form the page shows: sending the form twice does the change once.
    public func idempotencyKey() -> String { UUID().uuidString.lowercased() }

    /// A refusal said in the page's language: the text of `error_<code>_<field>`, or of
    /// `error_<code>`, with the error's values when the catalogue has one, else the use case's own message.
    public func say(_ error: any DomainError) -> String {
        let keys = (error.field.map { ["error_\(error.code)_\($0)"] } ?? []) + ["error_" + error.code]
        guard let key = keys.first(where: texts.has) else { return error.message }
        var values = error.values.mapValues { value -> String in
            switch value {
            case .text(let text): text
            case .integer(let number): texts.count(number)
            case .number(let number): texts.number(number, decimals: 3)
            case .texts(let list): list.joined(separator: ", ")
            }
        }
        values["message"] = error.message
        if let field = error.field { values["field"] = field }
        return texts(key, values)
    }
}
