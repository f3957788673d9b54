import CollectoKernel
import Foundation

/// What a partner association declares about the people it serves: fair
/// allocation shares scarce products in proportion to households.
public struct PartnerProfile: Sendable, Codable, Hashable {
    public var organisationId: UUID
    public var households: Int
    public var beneficiaries: Int
    public var updatedAt: Date

    /// The body a partner sends to update its profile.
    public struct Update: StrictBody, Sendable {
        public enum Field: String, CodingKey, CaseIterable { case households, beneficiaries }
        public static let ranges: [FieldRange] = [.integer("households", 0...100_000), .integer("beneficiaries", 0...500_000)]
        public var households: Int
        public var beneficiaries: Int

        func validate() throws {
            try Validate.range(households, 0...100_000, field: "households")
            try Validate.range(beneficiaries, 0...500_000, field: "beneficiaries")
            if beneficiaries < households {
                throw KernelError.invalid(field: "beneficiaries", message: "beneficiaries cannot be fewer than households")
            }
        }
    }
}
