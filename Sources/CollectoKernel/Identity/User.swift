import Foundation

/// A person who logs in, with a role in each organisation they belong to.
public struct User: Sendable, Codable, Hashable {
    /// A user's role in one organisation.
    public struct Membership: Sendable, Codable, Hashable {
        public var organisationId: UUID
        public var role: Role
        public init(organisationId: UUID, role: Role) {
            self.organisationId = organisationId
            self.role = role
        }
    }

    public var id: UUID
    public var email: String
    public var displayName: String
    public var disabled: Bool
    public var memberships: [Membership]
    public var createdAt: Date
}
