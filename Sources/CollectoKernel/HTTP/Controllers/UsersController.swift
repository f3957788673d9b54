import Foundation
import Hummingbird

/// Users: an organisation's admin invites people to it, runs its users'
/// accounts and revokes their tokens; a person accepts their invitations.
struct UsersController {
    /// The body to invite someone (creating their account if the email has none).
    struct NewUser: StrictBody, Sendable {
        enum Field: String, CodingKey, CaseIterable { case email, displayName, password, memberships }
        var email: String
        var displayName: String
        var password: String
        var memberships: [User.Membership]
    }

    let kernel: Kernel

    /// A role in an organisation.
    struct RoleBody: StrictBody, Sendable {
        enum Field: String, CodingKey, CaseIterable { case role }
        var role: Role
    }

    /// One's own password change.
    struct PasswordChange: StrictBody, Sendable {
        enum Field: String, CodingKey, CaseIterable { case currentPassword, newPassword }
        var currentPassword: String
        var newPassword: String
    }

    var endpoints: Endpoints<AuthenticatedContext> {
        let endpoints = Endpoints<AuthenticatedContext>(tag: "users")
        let accounts = Accounts(identity: kernel.identity, units: kernel.units)
        endpoints.post(
            "users",
            summary:
                "Invite someone by email to roles in organisations the caller administers (an account is made if the email has none; the answer is the same either way)",
            status: .accepted, body: NewUser.self
        ) { request, context in
            let body = try await request.decodeJSON(NewUser.self, context: context)
            return try await accounts.invite(
                .init(email: body.email, displayName: body.displayName, password: body.password, memberships: body.memberships),
                by: context.caller)
        }
        endpoints.get("invitations", summary: "The pending invitations of an organisation (its admins)", query: [.uuid("organisationId")]) {
            request, context in
            guard let organisation = try request.query("organisationId", { UUID(uuidString: $0) }) else {
                throw KernelError.invalid(field: "organisationId", message: "name the organisation: ?organisationId=")
            }
            return try await accounts.invitations(organisation: organisation, by: context.caller)
        }
        endpoints.delete("invitations/{id}", summary: "Withdraw an invitation (the organisation's admins)") { _, context in
            try await accounts.withdraw(try context.uuid("id"), by: context.caller)
            return EmptyResponse()
        }
        endpoints.get("me/invitations", summary: "The invitations waiting for one's own email") { _, context in
            try await accounts.ownInvitations(by: context.caller)
        }
        endpoints.post("me/invitations/{id}/accept", summary: "Accept an invitation: join the organisation with its role", status: .ok) {
            _, context in
            try await accounts.accept(try context.uuid("id"), by: context.caller)
        }
        endpoints.post("me/invitations/{id}/decline", summary: "Turn an invitation down", status: .ok) { _, context in
            try await accounts.decline(try context.uuid("id"), by: context.caller)
            return EmptyResponse()
        }
        endpoints.get("users/{id}", summary: "One user (themselves, or a user of an organisation the caller administers)") { _, context in
            try await accounts.user(try context.uuid("id"), by: context.caller)
        }
        endpoints.get("users", summary: "The users of an organisation (its admins)", query: [.uuid("organisationId")]) { request, context in
            guard let organisation = try request.query("organisationId", { UUID(uuidString: $0) }) else {
                throw KernelError.invalid(field: "organisationId", message: "name the organisation: ?organisationId=")
            }
            return try await accounts.list(organisation: organisation, by: context.caller)
        }
        for (action, disabled) in [("disable", true), ("enable", false)] {
            endpoints.post(
                "users/{id}/\(action)", summary: disabled ? "Disable a user: every token ends at once" : "Enable a disabled user",
                status: .ok
            ) { _, context in
                try await accounts.setDisabled(try context.uuid("id"), disabled, by: context.caller)
            }
        }
        endpoints.put(
            "users/{id}/memberships/{organisationId}", summary: "Give a user a role in an organisation, or change it", body: RoleBody.self
        ) { request, context in
            let body = try await request.decodeJSON(RoleBody.self, context: context)
            return try await accounts.setRole(
                try context.uuid("id"), organisation: try context.uuid("organisationId"), role: body.role, by: context.caller)
        }
        endpoints.delete("users/{id}/memberships/{organisationId}", summary: "Take a user out of an organisation") { _, context in
            try await accounts.removeMembership(
                try context.uuid("id"), organisation: try context.uuid("organisationId"), by: context.caller)
        }
        endpoints.post("me/password", summary: "Change one's own password; other tokens end", status: .ok, body: PasswordChange.self) {
            request, context in
            let body = try await request.decodeJSON(PasswordChange.self, context: context)
            try await accounts.changeOwnPassword(
                current: body.currentPassword, new: body.newPassword, by: context.caller, keeping: context.bearerToken)
            return EmptyResponse()
        }
        endpoints.post("users/{id}/password-reset", summary: "Issue a one-time password reset for a user (their admins)") { _, context in
            try await accounts.issueReset(for: try context.uuid("id"), by: context.caller)
        }
        endpoints.post("users/{id}/revoke-tokens", summary: "Revoke every token of a user", status: .ok) { _, context in
            ["revoked": try await accounts.revokeTokens(of: try context.uuid("id"), by: context.caller)]
        }
        return endpoints
    }
}
