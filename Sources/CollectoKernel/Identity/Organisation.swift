import Foundation

/// A food bank, partner association, donor, supplier, workshop, city service
/// or treatment site: who owns sites, vehicles, tasks and users.
public struct Organisation: Sendable, Codable, Hashable {
    public var id: UUID
    public var name: String
    public var kind: OrganisationKind
    public var contactEmail: String?
    public var phone: String?
    public var createdAt: Date

    public init(id: UUID = UUID(), name: String, kind: OrganisationKind, contactEmail: String? = nil, phone: String? = nil, createdAt: Date)
    {
        self.id = id
        self.name = name
        self.kind = kind
        self.contactEmail = contactEmail
        self.phone = phone
        self.createdAt = createdAt
    }

    init(row: SQLRow) throws {
        guard let kind = OrganisationKind(rawValue: try row.string("kind")) else {
            throw StorageError.unexpectedValue(column: "kind", expected: "organisation kind")
        }
        self.init(
            id: try row.uuid("id"), name: try row.string("name"), kind: kind,
            contactEmail: try row.optionalString("contact_email"), phone: try row.optionalString("phone"),
            createdAt: try row.instant("created_at"))
    }
}
