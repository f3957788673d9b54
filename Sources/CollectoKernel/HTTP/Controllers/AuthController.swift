import Foundation
import Hummingbird

/// Log-in, log-out and "who am I".
struct AuthController {
    /// The log-in body.
    struct LogIn: StrictBody, Sendable {
        enum Field: String, CodingKey, CaseIterable { case email, password }
        var email: String
        var password: String
    }

    /// A password set with a one-time reset.
    struct PasswordReset: StrictBody, Sendable {
        enum Field: String, CodingKey, CaseIterable { case token, newPassword }
        var token: String
        var newPassword: String
    }

    let kernel: Kernel

    var publicEndpoints: Endpoints<AppRequestContext> {
        let endpoints = Endpoints<AppRequestContext>(tag: "auth")
        endpoints.post(
            "auth/login", summary: "Log in with email and password; returns a bearer token", status: .ok, body: LogIn.self,
            rateLimited: true
        ) {
            request, context in
            let body = try await request.decodeJSON(LogIn.self, context: context)
            let address = context.clientAddress(of: request, trusting: kernel.settings.trustedProxies)
            return try await SessionUseCases(identity: kernel.identity, units: kernel.units).logIn(
                email: body.email, password: body.password, from: address)
        }
        endpoints.post(
            "auth/password-reset", summary: "Set a new password with a one-time reset an admin issued", status: .ok,
            body: PasswordReset.self
        ) { request, context in
            let body = try await request.decodeJSON(PasswordReset.self, context: context)
            try await Accounts(identity: kernel.identity, units: kernel.units).reset(token: body.token, newPassword: body.newPassword)
            return EmptyResponse()
        }
        return endpoints
    }

    var endpoints: Endpoints<AuthenticatedContext> {
        let endpoints = Endpoints<AuthenticatedContext>(tag: "auth")
        let sessions = SessionUseCases(identity: kernel.identity, units: kernel.units)
        endpoints.post("auth/logout", summary: "Revoke the token this request carries", status: .ok) { _, context in
            try await sessions.logOut(context.bearerToken, by: context.caller)
            return EmptyResponse()
        }
        endpoints.get("me", summary: "The logged-in user and their roles") { _, context in
            try await sessions.me(by: context.caller)
        }
        return endpoints
    }
}
