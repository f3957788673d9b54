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

    /// The caller as `/me` describes them.
    struct Me: Codable, Sendable {
        var user: User
        var operatorStaff: Bool
    }

    let kernel: Kernel

    var publicEndpoints: Endpoints<AppRequestContext> {
        let endpoints = Endpoints<AppRequestContext>(tag: "auth")
        endpoints.post("auth/login", summary: "Log in with email and password; returns a bearer token", status: .ok, body: LogIn.self) {
            request, context in
            let body = try await request.decodeJSON(LogIn.self, context: context)
            let address = context.clientAddress(of: request, trusting: kernel.settings.trustedProxies)
            let session = try await kernel.identity.logIn(email: body.email, password: body.password, from: address)
            try await kernel.units.write(by: nil) { tx in
                try await tx.audit("log_in", entity: "user", id: session.userID.uuidString, organisation: nil)
            }
            return session
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
        endpoints.post("auth/logout", summary: "Revoke the token this request carries", status: .ok) { _, context in
            let caller = context.caller
            if let token = context.bearerToken {
                try await kernel.units.write(by: caller) { tx in
                    try await kernel.identity.revoke(token, in: tx)
                    try await tx.audit("log_out", entity: "user", id: caller.userID.uuidString, organisation: nil)
                }
            }
            return EmptyResponse()
        }
        endpoints.get("me", summary: "The logged-in user and their roles") { _, context in
            let caller = context.caller
            guard let user = try await kernel.units.read({ db in try await kernel.identity.user(caller.userID, in: db) }) else {
                throw KernelError.unauthenticated("the user no longer exists")
            }
            return Me(user: user, operatorStaff: caller.seesEverything)
        }
        return endpoints
    }
}
