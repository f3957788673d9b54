import CollectoKernel
import Foundation

/// A partner's soft limit on one product per ordering window, set by the food
/// bank's staff (to share out a product that is often short, or to fit a small
/// association's storage). Above it the basket warns beside the product and the
/// partner orders more only by saying so; allocation itself stays fair.
public struct PartnerQuota: Sendable, Codable, Hashable {
    public var organisationId: UUID
    public var productId: UUID
    public var productCode: String
    public var productName: String
    public var unitsPerWindow: Int
    /// Who set it last, and when (unknown for quotas from before they were set through collectod).
    public var setBy: UUID?
    public var setAt: Date?

    /// The units a quota may be: a quota of 0 would forbid a product, which the catalogue's "not offered" does.
    static let unitsRange = 1...100_000

    /// The body that sets a partner's quota on a product.
    public struct Setting: StrictBody, Sendable {
        public enum Field: String, CodingKey, CaseIterable { case unitsPerWindow }
        public static let ranges: [FieldRange] = [.integer("unitsPerWindow", PartnerQuota.unitsRange)]
        public var unitsPerWindow: Int

        public init(unitsPerWindow: Int) { self.unitsPerWindow = unitsPerWindow }
    }
}
