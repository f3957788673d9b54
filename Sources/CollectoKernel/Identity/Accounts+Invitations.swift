import Foundation

/// An organisation's admin brings a person in by email: the answer is the same
/// whether or not the email already has an account (a partner's admin must not
/// learn who else uses collectod). A new email gets an account with the
/// password the admin chose; every email gets an invitation, and the person
/// joins the organisation when they accept it, after logging in.
extension Accounts {
    /// A pending invitation of an email to a role in an organisation.
    public struct Invitation: Sendable, Codable, Hashable {
        public var id: UUID
        public var email: String
        public var organisationId: UUID
        public var role: Role
        public var invitedAt: Date
    }

    /// What an admin is told after inviting: the same for a new and a known email.
    public struct InvitationReceipt: Sendable, Codable {
        public var email: String
        public var invitations: [Invitation]
        public var message: String
    }

    /// An admin's request to bring someone in.
    public struct InvitationRequest: Sendable {
        public var email: String
        public var displayName: String
        public var password: String
        public var memberships: [User.Membership]

        public init(email: String, displayName: String, password: String, memberships: [User.Membership]) {
            self.email = email
            self.displayName = displayName
            self.password = password
            self.memberships = memberships
        }
    }

    /// Invites `request.email` to each membership the caller administers;
    /// creates the account first when the email has none. The password is
    /// hashed in both cases, so that both answers take as long.
    public func invite(_ request: InvitationRequest, by caller: Caller) async throws -> InvitationReceipt {
        let email = IdentityService.normalised(request.email)
        try Validate.email(email, field: "email")
        try Validate.nonEmpty(request.displayName, field: "displayName", maxLength: 200)
        guard !request.memberships.isEmpty else {
            throw KernelError.invalid(field: "memberships", message: "invite to at least one organisation")
        }
        for membership in request.memberships {
            try caller.require(
                caller.canAdminister(membership.organisationId), "you do not administer organisation \(membership.organisationId)")
        }
        let password = try await identity.preparePassword(request.password)
        return try await units.write(by: caller) { tx in
            try await recordInvitation(
                email: email, displayName: request.displayName, password: password, memberships: request.memberships, by: caller, in: tx)
        }
    }

    /// The invitation's writes, inside the caller's transaction (an invitation alone, or a partner's onboarding
    /// with its organisation and site): the account when the email has none, then one invitation per membership.
    func recordInvitation(
        email: String, displayName: String, password: PasswordHash, memberships: [User.Membership], by caller: Caller, in tx: Transaction
    ) async throws -> InvitationReceipt {
        try await identity.checkMemberships(memberships, in: tx)
        if try await tx.queryFirst("SELECT id FROM kernel_users WHERE email = ?", [email]) == nil {
            let account = try await identity.createAccount(
                email: email, displayName: displayName, password: password, memberships: [], in: tx)
            // Told to the network's admins only: the inviting organisation's audit reads the same either way.
            try await tx.audit("create", entity: "user", id: account.id.uuidString, organisation: nil, details: "invited")
        }
        var invitations: [Invitation] = []
        for membership in memberships {
            let invitation = Invitation(
                id: UUID(), email: email, organisationId: membership.organisationId, role: membership.role, invitedAt: tx.now)
            try await tx.execute(
                "DELETE FROM kernel_invitations WHERE email = ? AND organisation_id = ?", [email, membership.organisationId])
            try await tx.execute(
                """
                INSERT INTO kernel_invitations (id, email, organisation_id, role, invited_by, invited_at)
                VALUES (?, ?, ?, ?, ?, ?)
                """,
                [invitation.id, email, membership.organisationId, membership.role.rawValue, caller.userID, tx.now])
            try await tx.audit(
                "invite", entity: "invitation", id: invitation.id.uuidString, organisation: membership.organisationId,
                details: "\(email) as \(membership.role.rawValue)")
            invitations.append(invitation)
        }
        return InvitationReceipt(
            email: email, invitations: invitations,
            message:
                "\(email) is invited: they log in (with the password you chose if the email had no account, else with their own) and accept"
        )
    }

    /// The pending invitations of an organisation, for its admins.
    public func invitations(organisation: UUID, by caller: Caller) async throws -> [Invitation] {
        try caller.require(caller.canAdminister(organisation), "only the organisation's admins see its invitations")
        return try await units.read { db in
            try await db.query(
                "SELECT * FROM kernel_invitations WHERE organisation_id = ? ORDER BY invited_at, email", [organisation]
            ).map { try $0.decode(Invitation.self) }
        }
    }

    /// The invitations waiting for the caller's own email.
    public func ownInvitations(by caller: Caller) async throws -> [Invitation] {
        try await units.read { db in
            try await db.query("SELECT * FROM kernel_invitations WHERE email = ? ORDER BY invited_at", [caller.email])
                .map { try $0.decode(Invitation.self) }
        }
    }

    /// The invitations waiting for the caller, each with the name of the organisation it is from: the person
    /// invited may know who invites them before joining.
    public func ownInvitationsNamed(by caller: Caller) async throws -> [(invitation: Invitation, organisation: String)] {
        let invitations = try await ownInvitations(by: caller)
        return try await units.read { db in
            var named: [(invitation: Invitation, organisation: String)] = []
            for invitation in invitations {
                named.append((invitation, try await OrganisationService().get(invitation.organisationId, in: db)?.name ?? ""))
            }
            return named
        }
    }

    /// The caller joins the organisation with the invited role (a role they
    /// already had there is replaced); the invitation is used up.
    public func accept(_ id: UUID, by caller: Caller) async throws -> User {
        try await units.write(by: caller) { tx in
            let invitation = try await ownInvitation(id, of: caller, in: tx)
            let member = try await tx.queryFirst(
                "SELECT role FROM kernel_memberships WHERE user_id = ? AND organisation_id = ?", [caller.userID, invitation.organisationId])
            if member == nil {
                try await tx.execute(
                    "INSERT INTO kernel_memberships (user_id, organisation_id, role) VALUES (?, ?, ?)",
                    [caller.userID, invitation.organisationId, invitation.role.rawValue])
            } else {
                try await tx.execute(
                    "UPDATE kernel_memberships SET role = ? WHERE user_id = ? AND organisation_id = ?",
                    [invitation.role.rawValue, caller.userID, invitation.organisationId])
            }
            try await tx.execute("DELETE FROM kernel_invitations WHERE id = ?", [id])
            try await tx.audit(
                "accept_invitation", entity: "user", id: caller.userID.uuidString, organisation: invitation.organisationId,
                details: "role \(invitation.role.rawValue)")
            return try await reload(caller.userID, in: tx)
        }
    }

    /// The caller turns an invitation down.
    public func decline(_ id: UUID, by caller: Caller) async throws {
        try await units.write(by: caller) { tx in
            let invitation = try await ownInvitation(id, of: caller, in: tx)
            try await tx.execute("DELETE FROM kernel_invitations WHERE id = ?", [id])
            try await tx.audit(
                "decline_invitation", entity: "invitation", id: id.uuidString, organisation: invitation.organisationId,
                details: invitation.email)
        }
    }

    /// An admin withdraws an invitation of their organisation.
    public func withdraw(_ id: UUID, by caller: Caller) async throws {
        try await units.write(by: caller) { tx in
            let row = try await tx.queryFirst("SELECT * FROM kernel_invitations WHERE id = ?", [id])
            guard let invitation = try row?.decode(Invitation.self), caller.canAdminister(invitation.organisationId) else {
                throw KernelError.notFound(entity: "invitation", id: id.uuidString)
            }
            try await tx.execute("DELETE FROM kernel_invitations WHERE id = ?", [id])
            try await tx.audit(
                "withdraw_invitation", entity: "invitation", id: id.uuidString, organisation: invitation.organisationId,
                details: invitation.email)
        }
    }

    /// The invitation, when it is addressed to the caller's email (404 otherwise).
    private func ownInvitation(_ id: UUID, of caller: Caller, in db: any SQLExecutor) async throws -> Invitation {
        guard let row = try await db.queryFirst("SELECT * FROM kernel_invitations WHERE id = ? AND email = ?", [id, caller.email])
        else { throw KernelError.notFound(entity: "invitation", id: id.uuidString) }
        return try row.decode(Invitation.self)
    }
}
