import Foundation

/// Running accounts: an organisation's admins list its users, disable a
/// departed volunteer (every token ends at once), give or change a role and
/// take a membership away; anyone changes their own password; an admin
/// issues a one-time reset for a user who forgot theirs. Each change is
/// audited. The food bank's admins administer every organisation.
public struct Accounts: Sendable {
    /// A one-time password reset: the token is shown once, to the admin who hands it over.
    public struct PasswordReset: Sendable, Codable {
        public var token: String
        public var expiresAt: Date
        /// Where the user sets the new password (`POST /api/v1/auth/password-reset`).
        public var path: String
    }

    /// How long a reset may be used.
    public static let resetLifetime: TimeInterval = 24 * 3600

    /// The operator at the server's console (`collectod user …`): an admin of the whole network, audited as such.
    public static let console = Caller(
        userID: UUID(uuidString: "00000000-0000-0000-0000-000000000000")!, email: "console",
        roles: [UUID(uuidString: "00000000-0000-0000-0000-000000000000")!: .admin],
        operatorOrganisations: [UUID(uuidString: "00000000-0000-0000-0000-000000000000")!])

    let identity: IdentityService
    let units: UnitOfWorkRunner

    public init(identity: IdentityService, units: UnitOfWorkRunner) {
        self.identity = identity
        self.units = units
    }

    /// The users of an organisation, for its admins.
    public func list(organisation: UUID, by caller: Caller) async throws -> [User] {
        try caller.require(caller.canAdminister(organisation), "only the organisation's admins list its users")
        return try await units.read { db in
            var users: [User] = []
            for row in try await db.query(
                "SELECT user_id FROM kernel_memberships WHERE organisation_id = ? ORDER BY user_id", [organisation])
            {
                if let user = try await identity.user(try row.uuid("user_id"), in: db) { users.append(user) }
            }
            return users.sorted { ($0.displayName, $0.id.uuidString) < ($1.displayName, $1.id.uuidString) }
        }
    }

    /// Disables or enables a user; disabling ends every token of theirs.
    public func setDisabled(_ id: UUID, _ disabled: Bool, by caller: Caller) async throws -> User {
        guard id != caller.userID || !disabled else {
            throw KernelError.conflict(code: "cannot_disable_self", message: "ask another admin to disable your account")
        }
        return try await units.write(by: caller) { tx in
            let user = try await administered(id, by: caller, in: tx)
            try await tx.execute("UPDATE kernel_users SET disabled = ? WHERE id = ?", [disabled, id])
            let revoked = disabled ? try await identity.revokeAll(of: id, in: tx) : 0
            try await tx.audit(
                disabled ? "disable" : "enable", entity: "user", id: id.uuidString, organisation: user.memberships.first?.organisationId,
                details: disabled ? "\(revoked) token(s) ended" : nil)
            return try await reload(id, in: tx)
        }
    }

    /// Gives a user a role in an organisation, or changes it.
    public func setRole(_ id: UUID, organisation: UUID, role: Role, by caller: Caller) async throws -> User {
        try caller.require(caller.canAdminister(organisation), "only the organisation's admins give its roles")
        return try await units.write(by: caller) { tx in
            guard try await identity.user(id, in: tx) != nil else { throw KernelError.notFound(entity: "user", id: id.uuidString) }
            try await OrganisationService().requireExisting(organisation, in: tx)
            guard id != caller.userID || caller.operatorRole == .admin else {
                throw KernelError.conflict(code: "cannot_change_own_role", message: "ask another admin to change your role")
            }
            let changed = try await tx.execute(
                "UPDATE kernel_memberships SET role = ? WHERE user_id = ? AND organisation_id = ?", [role.rawValue, id, organisation])
            if changed == 0 {
                // Bringing someone in goes through an invitation they accept; only the network's admins add a membership.
                guard caller.operatorRole == .admin else { throw KernelError.notFound(entity: "user", id: id.uuidString) }
                try await tx.execute(
                    "INSERT INTO kernel_memberships (user_id, organisation_id, role) VALUES (?, ?, ?)", [id, organisation, role.rawValue])
            }
            try await tx.audit("role", entity: "user", id: id.uuidString, organisation: organisation, details: role.rawValue)
            return try await reload(id, in: tx)
        }
    }

    /// Takes a user out of an organisation; a user keeps at least one membership (disable them instead).
    public func removeMembership(_ id: UUID, organisation: UUID, by caller: Caller) async throws -> User {
        try caller.require(caller.canAdminister(organisation), "only the organisation's admins take its members away")
        return try await units.write(by: caller) { tx in
            guard let user = try await identity.user(id, in: tx), user.memberships.contains(where: { $0.organisationId == organisation })
            else { throw KernelError.notFound(entity: "membership", id: "\(id)/\(organisation)") }
            guard user.memberships.count > 1 else {
                throw KernelError.conflict(
                    code: "last_membership", message: "this is the user's only organisation: disable the user instead")
            }
            try await tx.execute("DELETE FROM kernel_memberships WHERE user_id = ? AND organisation_id = ?", [id, organisation])
            try await tx.audit("remove_membership", entity: "user", id: id.uuidString, organisation: organisation)
            return try await reload(id, in: tx)
        }
    }

    /// The caller changes their own password, giving the current one; their other tokens end.
    public func changeOwnPassword(current: String, new: String, by caller: Caller, keeping token: BearerToken?) async throws {
        guard try await identity.checkPassword(current, of: caller.userID) else {
            throw KernelError.invalid(field: "currentPassword", message: "the current password is not right")
        }
        let hash = try await identity.preparePassword(new, field: "newPassword")
        try await units.write(by: caller) { tx in
            try await tx.execute("UPDATE kernel_users SET password_hash = ? WHERE id = ?", [hash.value, caller.userID])
            try await tx.execute(
                "UPDATE kernel_tokens SET revoked_at = ? WHERE user_id = ? AND revoked_at IS NULL AND token_hash <> ?",
                [tx.now, caller.userID, token?.digest ?? ""])
            try await tx.audit("change_password", entity: "user", id: caller.userID.uuidString, organisation: nil)
        }
    }

    /// Sets a user's password outright: the network's admins only (the console's `collectod user password`); every token ends.
    public func setPassword(of id: UUID, to password: String, by caller: Caller) async throws {
        try caller.require(caller.operatorRole == .admin, "only the network's admins set a password; others issue a reset")
        let hash = try await identity.preparePassword(password)
        try await units.write(by: caller) { tx in
            let user = try await administered(id, by: caller, in: tx)
            try await tx.execute("UPDATE kernel_users SET password_hash = ? WHERE id = ?", [hash.value, id])
            _ = try await identity.revokeAll(of: id, in: tx)
            try await tx.audit("set_password", entity: "user", id: id.uuidString, organisation: user.memberships.first?.organisationId)
        }
    }

    /// One user: the caller themselves, or a user of an organisation they administer (404 otherwise).
    public func user(_ id: UUID, by caller: Caller) async throws -> User {
        try await units.read { db in try await selfOrAdministered(id, by: caller, in: db) }
    }

    /// Ends every token of the caller or of a user they administer; returns how many ended.
    public func revokeTokens(of id: UUID, by caller: Caller) async throws -> Int {
        try await units.write(by: caller) { tx in
            let user = try await selfOrAdministered(id, by: caller, in: tx)
            let revoked = try await identity.revokeAll(of: id, in: tx)
            try await tx.audit(
                "revoke_tokens", entity: "user", id: id.uuidString, organisation: user.memberships.first?.organisationId,
                details: "\(revoked) token(s)")
            return revoked
        }
    }

    private func selfOrAdministered(_ id: UUID, by caller: Caller, in db: any SQLExecutor) async throws -> User {
        guard let user = try await identity.user(id, in: db),
            id == caller.userID || user.memberships.contains(where: { caller.canAdminister($0.organisationId) })
        else { throw KernelError.notFound(entity: "user", id: id.uuidString) }
        return user
    }

    /// The user with this email, for their admins.
    public func user(email: String, by caller: Caller) async throws -> User {
        let normalised = email.trimmingCharacters(in: .whitespaces).lowercased()
        return try await units.read { db in
            guard let row = try await db.queryFirst("SELECT id FROM kernel_users WHERE email = ?", [normalised]) else {
                throw KernelError.notFound(entity: "user", id: normalised)
            }
            return try await administered(try row.uuid("id"), by: caller, in: db)
        }
    }

    /// An admin issues a one-time reset for a user of theirs.
    public func issueReset(for id: UUID, by caller: Caller) async throws -> PasswordReset {
        let token = BearerToken.generate()
        return try await units.write(by: caller) { tx in
            let user = try await administered(id, by: caller, in: tx)
            let expires = tx.now.addingTimeInterval(Self.resetLifetime)
            try await tx.execute(
                "INSERT INTO kernel_password_resets (token_hash, user_id, issued_at, expires_at, issued_by) VALUES (?, ?, ?, ?, ?)",
                [token.digest, id, tx.now, expires, caller.userID])
            try await tx.audit(
                "issue_password_reset", entity: "user", id: id.uuidString, organisation: user.memberships.first?.organisationId)
            return PasswordReset(token: token.value, expiresAt: expires, path: "/api/v1/auth/password-reset")
        }
    }

    /// Sets a new password with a reset, once; every token of the user ends.
    public func reset(token: String, newPassword: String) async throws {
        let hash = try await identity.preparePassword(newPassword, field: "newPassword")
        let digest = BearerToken(value: token).digest
        try await units.write(by: nil) { tx in
            guard
                let row = try await tx.queryFirst(
                    "SELECT user_id FROM kernel_password_resets WHERE token_hash = ? AND used_at IS NULL AND expires_at > ?",
                    [digest, tx.now])
            else { throw KernelError.invalid(field: "token", message: "this reset is unknown, used or expired: ask an admin for another") }
            let user = try row.uuid("user_id")
            try await tx.execute("UPDATE kernel_password_resets SET used_at = ? WHERE token_hash = ?", [tx.now, digest])
            try await tx.execute("UPDATE kernel_users SET password_hash = ? WHERE id = ?", [hash.value, user])
            _ = try await identity.revokeAll(of: user, in: tx)
            try await tx.audit("reset_password", entity: "user", id: user.uuidString, organisation: nil)
        }
    }

    /// The user, for an action on their whole account (disable, password, tokens): the caller administers one of
    /// their organisations (404 otherwise: nothing is told of others' users) and every one of them (403 otherwise:
    /// a partner's admin does not lock out a person the food bank or another partner also counts on).
    private func administered(_ id: UUID, by caller: Caller, in db: any SQLExecutor) async throws -> User {
        guard let user = try await identity.user(id, in: db), user.memberships.contains(where: { caller.canAdminister($0.organisationId) })
        else { throw KernelError.notFound(entity: "user", id: id.uuidString) }
        guard user.memberships.allSatisfy({ caller.canAdminister($0.organisationId) }) else {
            throw KernelError.forbidden("this person also belongs to an organisation you do not administer: ask the food bank's admins")
        }
        return user
    }

    func reload(_ id: UUID, in db: any SQLExecutor) async throws -> User {
        guard let user = try await identity.user(id, in: db) else { throw KernelError.notFound(entity: "user", id: id.uuidString) }
        return user
    }
}
