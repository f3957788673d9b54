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

    /// A `datetime-local` field's value (`2026-12-05T09:00`) as the instant it names in `zone`; nil when it is
    /// not one.
    public static func instant(fromLocal text: String?, in zone: TimeZone) -> Date? {
        let parts = (text ?? "").trimmingCharacters(in: .whitespaces).split(separator: "T").map(String.init)
        guard parts.count == 2, let day = CalendarDate(parts[0]), let time = LocalTime(String(parts[1].prefix(5))) else { return nil }
        return day.instant(at: time, in: zone)
    }

    /// An instant as a `datetime-local` field's value in `zone`.
    public static func localField(_ instant: Date, in zone: TimeZone) -> String {
        var calendar = Calendar(identifier: .gregorian)
        calendar.timeZone = zone
        let parts = calendar.dateComponents([.year, .month, .day, .hour, .minute], from: instant)
        return String(
            format: "%04d-%02d-%02dT%02d:%02d", parts.year ?? 2000, parts.month ?? 1, parts.day ?? 1, parts.hour ?? 0, parts.minute ?? 0)
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
