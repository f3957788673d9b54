import CollectoKernel
import Foundation
import HTTPTypes
import Hummingbird
import HummingbirdTesting

/// Pages over Hummingbird's test client, as a browser sends them: the session
/// cookie, forms URL-encoded with the session's CSRF token.
extension TestClientProtocol {
    /// GETs a page, logged in with `session` (a token the API or the log-in page issued) or anonymous; `acting` is
    /// the organisation the browser remembers its person acts for.
    public func page(_ path: String, session: String? = nil, language: String? = nil, acting: UUID? = nil) async throws -> TestResponse {
        var headers: HTTPFields = [:]
        if let session { headers[.cookie] = Self.cookies(session: session, acting: acting) }
        if let language { headers[.acceptLanguage] = language }
        return try await execute(uri: path, method: .get, headers: headers)
    }

    /// POSTs a form; `csrf: true` adds the session's token as the page's forms do.
    public func submit(
        _ path: String, session: String?, fields: [(String, String)], csrf: Bool = true, idempotency: String? = nil, acting: UUID? = nil
    ) async throws -> TestResponse {
        var all = fields
        if csrf, let session { all.append(("csrf", WebSession.csrfToken(for: BearerToken(value: session)))) }
        if let idempotency { all.append(("idempotency", idempotency)) }
        var headers: HTTPFields = [.contentType: "application/x-www-form-urlencoded"]
        if let session { headers[.cookie] = Self.cookies(session: session, acting: acting) }
        let body = all.map { "\(Self.formEncoded($0.0))=\(Self.formEncoded($0.1))" }.joined(separator: "&")
        return try await execute(uri: path, method: .post, headers: headers, body: ByteBuffer(string: body))
    }

    /// Logs in through the log-in page as a browser does: opens it (which sets the form's token in a cookie and in a
    /// hidden field), then posts the form with both.
    public func logInThroughThePage(_ fields: [(String, String)]) async throws -> TestResponse {
        let page = try await execute(uri: "/", method: .get)
        let cookie =
            page.headers[values: .setCookie].first { $0.hasPrefix("collectod_login=") }?
            .split(separator: ";").first.map(String.init) ?? ""
        let token = String(buffer: page.body).firstMatch(of: /name="loginToken" value="([0-9a-f]+)"/).map { String($0.1) } ?? ""
        let body = (fields + [("loginToken", token)]).map { "\(Self.formEncoded($0.0))=\(Self.formEncoded($0.1))" }.joined(separator: "&")
        return try await execute(
            uri: "/login", method: .post, headers: [.contentType: "application/x-www-form-urlencoded", .cookie: cookie],
            body: ByteBuffer(string: body))
    }

    /// The cookies a browser sends: its session, and the organisation it remembers its person acts for.
    static func cookies(session: String, acting: UUID?) -> String {
        "collectod_session=\(session)" + (acting.map { "; collectod_acting=\($0.uuidString.lowercased())" } ?? "")
    }

    static func formEncoded(_ text: String) -> String {
        var allowed = CharacterSet.alphanumerics
        allowed.insert(charactersIn: "-._*")
        return text.addingPercentEncoding(withAllowedCharacters: allowed) ?? text
    }
}

extension TestResponse {
    /// Where a redirect points.
    public var location: String? { headers[.location] }

    /// The session token a log-in set in its cookie.
    public var sessionCookie: String? {
        headers[values: .setCookie].compactMap { field -> String? in
            guard field.hasPrefix("collectod_session=") else { return nil }
            return field.dropFirst("collectod_session=".count).split(separator: ";").first.map(String.init)
        }.first
    }
}
