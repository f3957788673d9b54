import CollectoKernel
import Foundation

/// What a donor declares it can give, and what the food bank decided.
public struct DonationOffer: Sendable, Codable, Hashable {
    /// One kind of goods in the offer.
    public struct Line: Sendable, Codable, Hashable {
        public var lineNo: Int
        public var productId: UUID?
        public var category: ProductCategory
        public var description: String
        public var estimatedKg: Double
        /// What the food bank accepted of it (nil until decided; 0 when refused).
        public var acceptedKg: Double?
        public var useBy: CalendarDate?
        public var bestBefore: CalendarDate?
        public var temperature: TemperatureClass
    }

    public var id: UUID
    public var donorId: UUID
    public var siteId: UUID
    public var availableFrom: Date
    public var availableUntil: Date
    public var status: OfferStatus
    public var decisionReason: String?
    /// The partner that claimed a broadcast offer.
    public var claimedBy: UUID?
    public var pickupId: UUID?
    public var lines: [Line]
    public var createdAt: Date
    public var updatedAt: Date
}

/// Where an offer is in its life.
public enum OfferStatus: String, Sendable, AcceptedValues, CaseIterable {
    case offered
    case accepted
    case partiallyAccepted = "partially_accepted"
    case declined
    /// Offered to nearby partners; the first to claim it collects it.
    case broadcast
    case claimed
}
