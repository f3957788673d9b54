import Foundation

/// Brings a new partner association (or any member organisation) into the
/// network in one go, as the food bank's admin does when a new social grocery
/// joins: the organisation, its site with opening hours, and an invitation of
/// its first admin. All or nothing: one transaction, so that a refused site
/// never leaves an organisation behind without a place or a person.
public struct PartnerOnboarding: Sendable {
    /// What the onboarding form sends. The site's and the admin's fields are named as the form names them
    /// (`siteName`, `address`…, `adminEmail`…), so that an error names the field it is about.
    public struct Input: Sendable {
        public var name: String
        public var kind: OrganisationKind
        public var contactEmail: String?
        public var phone: String?
        public var site: SiteService.Input
        public var adminEmail: String
        public var adminName: String
        public var adminPassword: String

        public init(
            name: String, kind: OrganisationKind, contactEmail: String?, phone: String?, site: SiteService.Input, adminEmail: String,
            adminName: String, adminPassword: String
        ) {
            self.name = name
            self.kind = kind
            self.contactEmail = contactEmail
            self.phone = phone
            self.site = site
            self.adminEmail = adminEmail
            self.adminName = adminName
            self.adminPassword = adminPassword
        }
    }

    /// What was created.
    public struct Result: Sendable {
        public var organisation: Organisation
        public var site: Site
        public var invitation: Accounts.InvitationReceipt
    }

    let identity: IdentityService
    let units: UnitOfWorkRunner

    public init(identity: IdentityService, units: UnitOfWorkRunner) {
        self.identity = identity
        self.units = units
    }

    public func callAsFunction(_ input: Input, by caller: Caller) async throws -> Result {
        try caller.require(caller.operatorRole == .admin, "only the food bank's admins bring a new organisation in with its first admin")
        guard input.kind != .foodBank else { throw KernelError.invalid(field: "kind", message: "the network has its food bank") }
        let email = IdentityService.normalised(input.adminEmail)
        try await Self.renamed(["email": "adminEmail"]) { try Validate.email(email, field: "email") }
        try Validate.nonEmpty(input.adminName, field: "adminName", maxLength: 200)
        let password = try await identity.preparePassword(input.adminPassword, field: "adminPassword")
        let accounts = Accounts(identity: identity, units: units)
        return try await units.write(by: caller) { tx in
            let organisation = try await OrganisationService().create(
                .init(name: input.name, kind: input.kind, contactEmail: input.contactEmail, phone: input.phone), in: tx)
            try await tx.audit("create", entity: "organisation", id: organisation.id.uuidString, organisation: organisation.id)
            var siteInput = input.site
            siteInput.organisationId = organisation.id
            let site = try await Self.renamed(["name": "siteName"]) { try await SiteService().create(siteInput, in: tx) }
            try await tx.audit("create", entity: "site", id: site.id.uuidString, organisation: organisation.id)
            let invitation = try await accounts.recordInvitation(
                email: email, displayName: input.adminName, password: password,
                memberships: [User.Membership(organisationId: organisation.id, role: .admin)], by: caller, in: tx)
            return Result(organisation: organisation, site: site, invitation: invitation)
        }
    }

    /// Runs `body`, naming an invalid field as the form names it.
    static func renamed<T>(_ names: [String: String], _ body: () async throws -> T) async throws -> T {
        do {
            return try await body()
        } catch KernelError.invalid(let field, let message) where names[field] != nil {
            throw KernelError.invalid(field: names[field] ?? field, message: message)
        }
    }
}
