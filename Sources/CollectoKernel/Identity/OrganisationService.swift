import Foundation

/// Creating and reading organisations.
public struct OrganisationService: Sendable {
    /// What a caller sends to create an organisation.
    public struct Input: Sendable, Codable {
        public var name: String
        public var kind: OrganisationKind
        public var contactEmail: String?
        public var phone: String?

        public init(name: String, kind: OrganisationKind, contactEmail: String? = nil, phone: String? = nil) {
            self.name = name
            self.kind = kind
            self.contactEmail = contactEmail
            self.phone = phone
        }
    }

    public init() {}

    public func create(_ input: Input, in tx: Transaction) async throws -> Organisation {
        try Validate.nonEmpty(input.name, field: "name", maxLength: 200)
        if let email = input.contactEmail { try Validate.email(email, field: "contactEmail") }
        let organisation = Organisation(
            name: input.name.trimmingCharacters(in: .whitespaces), kind: input.kind, contactEmail: input.contactEmail,
            phone: input.phone, createdAt: tx.now)
        if try await tx.queryFirst(
            "SELECT id FROM kernel_organisations WHERE kind = ? AND name = ?", [organisation.kind.rawValue, organisation.name]) != nil
        {
            throw KernelError.conflict(code: "organisation_exists", message: "a \(input.kind.rawValue) named \(organisation.name) exists")
        }
        try await tx.execute(
            "INSERT INTO kernel_organisations (id, name, kind, contact_email, phone, created_at) VALUES (?, ?, ?, ?, ?, ?)",
            [
                organisation.id, organisation.name, organisation.kind.rawValue, organisation.contactEmail, organisation.phone,
                organisation.createdAt,
            ])
        return organisation
    }

    public func get(_ id: UUID, in db: any SQLExecutor) async throws -> Organisation? {
        try await db.queryFirst("SELECT * FROM kernel_organisations WHERE id = ?", [id]).map(Organisation.init(row:))
    }

    public func requireExisting(_ id: UUID, field: String = "organisationId", in db: any SQLExecutor) async throws {
        guard try await get(id, in: db) != nil else {
            throw KernelError.invalid(field: field, message: "no organisation \(id)")
        }
    }

    /// The first organisation of a kind created (the food bank that issues documents), if any.
    public func first(ofKind kind: OrganisationKind, in db: any SQLExecutor) async throws -> Organisation? {
        try await db.queryFirst("SELECT * FROM kernel_organisations WHERE kind = ? ORDER BY created_at, id LIMIT 1", [kind.rawValue])
            .map(Organisation.init(row:))
    }

    /// Organisations a caller may read, optionally of one kind, filtered and paged in SQL, with how many match.
    public func list(visibleTo readable: Set<UUID>?, kind: OrganisationKind?, page: PageRequest? = nil, in db: any SQLExecutor)
        async throws -> Page<Organisation>
    {
        var query = SQLListQuery("SELECT * FROM kernel_organisations")
        query.filter("id", in: readable)
        query.filter("kind = ?", kind?.rawValue)
        query.order(by: "name, id", page: page)
        return try await query.page(in: db, each: Organisation.init(row:))
    }
}
