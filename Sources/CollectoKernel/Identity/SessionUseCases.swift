import Foundation

/// Logging in and out, and who one is: the API's `/auth` routes and the log-in
/// page call these, so that the throttle and the audit entries are the same.
public struct SessionUseCases: Sendable {
    let identity: IdentityService
    let units: UnitOfWorkRunner

    public init(identity: IdentityService, units: UnitOfWorkRunner) {
        self.identity = identity
        self.units = units
    }

    /// Checks the password (slowed down after wrong ones, per account and per
    /// address) and issues a token; the log-in is audited.
    public func logIn(email: String, password: String, from address: String?) async throws -> IdentityService.Session {
        let session = try await identity.logIn(email: email, password: password, from: address)
        try await units.write(by: nil) { tx in
            try await tx.audit("log_in", entity: "user", id: session.userId.uuidString, organisation: nil)
        }
        return session
    }

    /// Ends the token the request carries.
    public func logOut(_ token: BearerToken?, by caller: Caller) async throws {
        guard let token else { return }
        try await units.write(by: caller) { tx in
            try await identity.revoke(token, in: tx)
            try await tx.audit("log_out", entity: "user", id: caller.userID.uuidString, organisation: nil)
        }
    }

    /// The caller as `/me` describes them: their account, and whether they are food-bank staff.
    public struct Me: Codable, Sendable {
        public var user: User
        public var operatorStaff: Bool
    }

    /// The language the caller chose for the web interface, if they chose one.
    public func language(of caller: Caller) async throws -> String? {
        try await units.read { db in
            try await db.queryFirst("SELECT language FROM kernel_users WHERE id = ?", [caller.userID])?.optionalString("language")
        }
    }

    /// Keeps the caller's choice of language (`fr` or `en`) for every page they open, on any device.
    public func setLanguage(_ language: String, by caller: Caller) async throws {
        guard let chosen = WebLanguage(rawValue: language) else {
            throw KernelError.invalid(
                field: "language", message: "language must be one of " + WebLanguage.allCases.map(\.rawValue).joined(separator: ", "))
        }
        try await units.write(by: caller) { tx in
            try await tx.execute("UPDATE kernel_users SET language = ? WHERE id = ?", [chosen.rawValue, caller.userID])
            try await tx.audit("set_language", entity: "user", id: caller.userID.uuidString, organisation: nil, details: chosen.rawValue)
        }
    }

    /// The caller's own account.
    public func me(by caller: Caller) async throws -> Me {
        guard let user = try await units.read({ db in try await identity.user(caller.userID, in: db) }) else {
            throw KernelError.unauthenticated("the user no longer exists")
        }
        return Me(user: user, operatorStaff: caller.seesEverything)
    }
}
