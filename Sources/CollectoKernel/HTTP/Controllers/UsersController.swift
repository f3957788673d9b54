import Foundation
import Hummingbird

/// Users: an organisation's admin adds users to it and revokes their tokens.
struct UsersController {
    /// The body to create a user.
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
        endpoints.post("users", summary: "Create a user with roles in organisations the caller administers", body: NewUser.self) {
            request, context in
            let body = try await request.decodeJSON(NewUser.self, context: context)
            for membership in body.memberships {
                try context.caller.require(
                    context.caller.canAdminister(membership.organisationId),
                    "you do not administer organisation \(membership.organisationId)")
            }
            let password = try await kernel.identity.preparePassword(body.password)
            return try await kernel.units.write(by: context.caller) { tx in
                let user = try await kernel.identity.createUser(
                    email: body.email, displayName: body.displayName, password: password, memberships: body.memberships, in: tx)
                for membership in body.memberships {
                    try await tx.audit(
                        "create", entity: "user", id: user.id.uuidString, organisation: membership.organisationId,
                        details: "role \(membership.role.rawValue)")
                }
                return user
            }
        }
        endpoints.get("users/{id}", summary: "One user (themselves, or a user of an organisation the caller administers)") { _, context in
            let id = try context.uuid("id")
            guard let user = try await kernel.units.read({ db in try await kernel.identity.user(id, in: db) }),
                id == context.caller.userID || user.memberships.contains(where: { context.caller.canAdminister($0.organisationId) })
            else { throw KernelError.notFound(entity: "user", id: id.uuidString) }
            return user
        }
        let accounts = Accounts(identity: kernel.identity, units: kernel.units)
        endpoints.get("users", summary: "The users of an organisation (its admins)", query: ["organisationId"]) { request, context in
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
            let id = try context.uuid("id")
            let caller = context.caller
            return try await kernel.units.write(by: caller) { tx in
                guard let user = try await kernel.identity.user(id, in: tx),
                    id == caller.userID || user.memberships.contains(where: { caller.canAdminister($0.organisationId) })
                else { throw KernelError.notFound(entity: "user", id: id.uuidString) }
                let revoked = try await kernel.identity.revokeAll(of: id, in: tx)
                try await tx.audit(
                    "revoke_tokens", entity: "user", id: id.uuidString, organisation: user.memberships.first?.organisationId,
                    details: "\(revoked) token(s)")
                return ["revoked": revoked]
            }
        }
        return endpoints
    }
}
