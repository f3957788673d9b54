import Crypto
import Foundation
import Hummingbird
import Logging

/// A log-in in the browser: the same bearer token the API issues, held in an
/// `HttpOnly`, `SameSite=Lax` cookie (and `Secure` when the deployment serves TLS).
/// Tokens live in the database, so several instances on one PostgreSQL database
/// share the sessions, and log-out, a disabled account or a revoked token end them.
///
/// The cookie is read by the pages only: the API still asks for `Authorization:
/// Bearer`, so a page of another site cannot make a browser call it.
public enum WebSession {
    static let cookieName = "collectod_session"
    /// The organisation a person who belongs to several of one kind acts for in this browser (a choice, not a right:
    /// the caller must still belong to it, and each use case checks their role there).
    static let actingCookieName = "collectod_acting"

    /// The token a form must echo (`csrf`) to change anything: a keyed hash of
    /// the session's token, which a page of another site cannot read nor compute.
    public static func csrfToken(for token: BearerToken) -> String {
        let key = SymmetricKey(data: Data(token.value.utf8))
        let code = HMAC<SHA256>.authenticationCode(for: Data("collectod web form".utf8), using: key)
        return code.map { String(format: "%02x", $0) }.joined()
    }

    /// Whether `sent` is the session's form token, compared in constant time.
    static func accepts(_ sent: String?, for token: BearerToken) -> Bool {
        guard let sent else { return false }
        let expected = Array(csrfToken(for: token).utf8)
        let given = Array(sent.utf8)
        guard expected.count == given.count else { return false }
        return zip(expected, given).reduce(0) { $0 | ($1.0 ^ $1.1) } == 0
    }

    /// The cookie that holds a fresh log-in.
    static func cookie(_ session: IdentityService.Session, secure: Bool, now: Date) -> Cookie {
        Cookie(
            name: cookieName, value: session.token, maxAge: max(0, Int(session.expiresAt.timeIntervalSince(now))), path: "/",
            secure: secure, httpOnly: true, sameSite: .lax)
    }

    /// The cookie that remembers, for a year, which of their organisations a person acts for in this browser.
    static func actingCookie(_ organisation: UUID, secure: Bool) -> Cookie {
        Cookie(
            name: actingCookieName, value: organisation.uuidString.lowercased(), maxAge: 366 * 24 * 3600, path: "/", secure: secure,
            httpOnly: true, sameSite: .lax)
    }

    /// The log-in form's token, held both in this cookie and in the form: a page of another site can make a browser
    /// post the form, but cannot read the cookie to fill the field, so it cannot log the browser in to an account of
    /// its choosing (log-in CSRF).
    static let logInCookieName = "collectod_login"

    /// A fresh log-in form token: 32 random bytes, in hex.
    static func newLogInToken() -> String {
        SymmetricKey(size: .bits256).withUnsafeBytes { bytes in bytes.map { String(format: "%02x", $0) }.joined() }
    }

    /// Whether `token` looks like one ``newLogInToken()`` made.
    static func isLogInToken(_ token: String?) -> Bool {
        guard let token else { return false }
        return token.count == 64 && token.allSatisfy(\.isHexDigit)
    }

    /// The cookie that holds the log-in form's token for an hour.
    static func logInCookie(_ token: String, secure: Bool) -> Cookie {
        Cookie(name: logInCookieName, value: token, maxAge: 3600, path: "/", secure: secure, httpOnly: true, sameSite: .strict)
    }

    /// Whether the log-in form's echoed token is the cookie's, compared in constant time.
    static func logInAccepted(field: String?, cookie: String?) -> Bool {
        guard let field, let cookie, isLogInToken(cookie) else { return false }
        let given = Array(field.utf8)
        let expected = Array(cookie.utf8)
        guard given.count == expected.count else { return false }
        return zip(given, expected).reduce(0) { $0 | ($1.0 ^ $1.1) } == 0
    }

    /// The cookie that ends the log-in in the browser.
    static func clearing(secure: Bool) -> Cookie {
        Cookie(name: cookieName, value: "", maxAge: 0, path: "/", secure: secure, httpOnly: true, sameSite: .lax)
    }
}

/// Resolves the session cookie into the request's ``Caller`` for the pages. A
/// cookie whose token expired or was revoked leaves the request anonymous: the
/// page then asks to log in again, never answers an error.
struct WebSessionMiddleware: RouterMiddleware {
    typealias Context = AppRequestContext
    let identity: IdentityService

    func handle(_ request: Request, context: Context, next: (Request, Context) async throws -> Response) async throws -> Response {
        guard context.caller == nil, let value = request.cookies[WebSession.cookieName]?.value, !value.isEmpty else {
            return try await next(request, context)
        }
        let token = BearerToken(value: value)
        var context = context
        if var caller = try? await identity.authenticate(token) {
            if let acting = request.cookies[WebSession.actingCookieName].flatMap({ UUID(uuidString: $0.value) }) {
                caller = caller.acting(for: acting)
            }
            context.caller = caller
            context.bearerToken = token
            context.logger[metadataKey: "user"] = .string(caller.userID.uuidString.lowercased())
        }
        return try await next(request, context)
    }
}
