import CollectoKernel
import Foundation

/// What a partner association declares about the people it serves: fair
/// allocation shares scarce products in proportion to households.
///
/// The households count that allocation reads is the one the food bank's staff
/// approved (`households`). A partner's change, its first declaration
/// included, waits in `pendingHouseholds` (with who asked and when) until the
/// food bank approves or rejects it; both sides read it on the profile. A
/// partner with no approved count yet (`households` nil) is allocated as if it
/// served 0 households: when stock is short it is served only from what the
/// others' shares leave, and its allocation note says so.
public struct PartnerProfile: Sendable, Codable, Hashable {
    public var organisationId: UUID
    /// The approved count, used by fair allocation; nil until the food bank approves one.
    public var households: Int?
    public var beneficiaries: Int
    public var updatedAt: Date
    /// The count the partner asked for, waiting for the food bank's decision.
    public var pendingHouseholds: Int? = nil
    /// The user who asked for ``pendingHouseholds``.
    public var pendingRequestedBy: UUID? = nil
    public var pendingRequestedAt: Date? = nil
    /// The last count the food bank rejected, and why (kept until the next request).
    public var rejectedHouseholds: Int? = nil
    public var rejectionReason: String? = nil
    /// When the food bank last approved or rejected a count the partner asked for.
    public var decidedAt: Date? = nil

    /// The households allowed: a partner serves at least one.
    static let householdsRange = 1...100_000
    static let beneficiariesRange = 0...500_000

    /// The body a partner sends to update its profile: from a partner, the
    /// households count waits for the food bank's approval; from the food
    /// bank's staff, it is approved at once.
    public struct Update: StrictBody, Sendable {
        public enum Field: String, CodingKey, CaseIterable { case households, beneficiaries }
        public static let ranges: [FieldRange] = [
            .integer("households", PartnerProfile.householdsRange), .integer("beneficiaries", PartnerProfile.beneficiariesRange),
        ]
        public var households: Int
        public var beneficiaries: Int

        func validate() throws {
            try Validate.range(households, PartnerProfile.householdsRange, field: "households")
            try Validate.range(beneficiaries, PartnerProfile.beneficiariesRange, field: "beneficiaries")
            if beneficiaries < households {
                throw KernelError.invalid(field: "beneficiaries", message: "beneficiaries cannot be fewer than households")
            }
        }
    }

    /// Why the food bank rejects a pending households count; no body at all is a rejection without a reason.
    public struct Rejection: StrictBody, Sendable {
        public enum Field: String, CodingKey, CaseIterable { case reason }
        /// At most 500 characters.
        public var reason: String?
    }
}
