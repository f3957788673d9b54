import Foundation
import HTTPTypes

/// The people of an organisation, for its admins: who has an account with which
/// role, the invitations not yet accepted, inviting someone, changing a role,
/// and disabling an account (which ends its sessions at once). The food bank's
/// admins choose the organisation (`?organisation=`); others see their own.
struct UserPages: Sendable {
    let accounts: Accounts
    let organisations: OrganisationUseCases

    var pages: WebPages {
        let pages = WebPages()
        pages.get("/users") { request in try await list(request) }
        pages.post("/users/invite") { request in try await invite(request) }
        pages.post("/users/:id/role") { request in
            let form = try request.form(RoleForm.self)
            let organisation = try Self.organisation(request, form.organisation)
            guard let role = form.role.flatMap(Role.init(rawValue:)) else { throw KernelError.invalid(field: "role", message: "a role") }
            _ = try await accounts.setRole(try request.uuid("id"), organisation: organisation, role: role, by: try request.caller)
            return .redirect(Self.path(organisation), notice: "user_role_changed")
        }
        for (action, disabled) in [("disable", true), ("enable", false)] {
            pages.post("/users/:id/\(action)") { request in
                let form = try request.form(RoleForm.self)
                let organisation = try Self.organisation(request, form.organisation)
                do {
                    _ = try await accounts.setDisabled(try request.uuid("id"), disabled, by: try request.caller)
                } catch let error as any DomainError where error.code == "cannot_disable_self" {
                    return try await list(request, problem: request.say(error), status: .conflict)
                }
                return .redirect(Self.path(organisation), notice: disabled ? "user_disabled" : "user_enabled")
            }
        }
        return pages
    }

    struct RoleForm: Decodable {
        var organisation: String?
        var role: String?
    }

    struct InviteForm: Decodable {
        var organisation: String?
        var email: String?
        var displayName: String?
        var role: String?
        var password: String?
    }

    static func path(_ organisation: UUID) -> String { "/users?organisation=\(organisation.uuidString.lowercased())" }

    /// The organisation the page is about: the one asked, else the first the caller administers.
    static func organisation(_ request: WebRequest, _ asked: String?) throws -> UUID {
        let caller = try request.caller
        if let asked, let id = UUID(uuidString: asked) { return id }
        if let own = caller.roles.filter({ $0.value == .admin }).keys.sorted(by: { $0.uuidString < $1.uuidString }).first { return own }
        throw KernelError.forbidden("only an organisation's admins manage its people")
    }

    struct Model: Sendable {
        typealias Choice = WebChoice
        struct Person: Sendable {
            let id: String
            let name: String
            let email: String
            let role: String
            let roles: [Choice]
            let disabled: Bool
            let isSelf: Bool
            let idempotency: String
        }
        struct Pending: Sendable {
            let email: String
            let role: String
            let since: String
        }
        let organisation: String
        let organisationName: String
        let people: [Person]
        let invitations: [Pending]
        let roles: [Choice]
        let typed: [String: String]
        let fieldError: [String: String]
        let problem: String?
        let idempotency: String
    }

    func list(
        _ request: WebRequest, typed: InviteForm? = nil, errors: [String: String] = [:], problem: String? = nil,
        status: HTTPResponse.Status = .ok
    ) async throws -> WebAnswer {
        let caller = try request.caller
        let t = request.texts
        let organisation = try Self.organisation(request, request.query("organisation") ?? typed?.organisation)
        let people = try await accounts.list(organisation: organisation, by: caller)
        let invitations = try await accounts.invitations(organisation: organisation, by: caller)
        let name = try await organisations.names(of: [organisation], by: caller)[organisation] ?? ""
        func roles(_ selected: Role?) -> [Model.Choice] {
            Role.allCases.map { Model.Choice(value: $0.rawValue, label: t("role_" + $0.rawValue), selected: $0 == selected) }
        }
        let model = Model(
            organisation: organisation.uuidString.lowercased(), organisationName: name,
            people: people.map { user in
                let role = user.memberships.first { $0.organisationId == organisation }?.role
                return Model.Person(
                    id: user.id.uuidString.lowercased(), name: user.displayName, email: user.email,
                    role: role.map { t("role_" + $0.rawValue) } ?? "",
                    roles: roles(role), disabled: user.disabled, isSelf: user.id == caller.userID, idempotency: request.idempotencyKey())
            },
            invitations: invitations.map {
                Model.Pending(email: $0.email, role: t("role_" + $0.role.rawValue), since: t.instant($0.invitedAt))
            },
            roles: roles(typed?.role.flatMap(Role.init(rawValue:)) ?? .member),
            typed: ["email": typed?.email ?? "", "displayName": typed?.displayName ?? ""], fieldError: errors, problem: problem,
            idempotency: request.idempotencyKey())
        return .page("users", title: t("users_title", ["organisation": name]), model: model, status: status)
    }

    func invite(_ request: WebRequest) async throws -> WebAnswer {
        let caller = try request.caller
        let form = try request.form(InviteForm.self)
        let organisation = try Self.organisation(request, form.organisation)
        let role = form.role.flatMap(Role.init(rawValue:)) ?? .member
        do {
            _ = try await accounts.invite(
                Accounts.InvitationRequest(
                    email: (form.email ?? "").trimmingCharacters(in: .whitespaces),
                    displayName: (form.displayName ?? "").trimmingCharacters(in: .whitespaces), password: form.password ?? "",
                    memberships: [User.Membership(organisationId: organisation, role: role)]),
                by: caller)
            return .redirect(Self.path(organisation), notice: "user_invited")
        } catch let error as any DomainError where error.code != "forbidden" {
            let field = WebRequest.field(of: error) ?? "email"
            return try await list(
                request, typed: form, errors: [["displayName", "password"].contains(field) ? field : "email": request.say(error)],
                status: .unprocessableContent)
        }
    }
}
