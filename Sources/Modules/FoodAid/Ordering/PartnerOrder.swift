import CollectoKernel
import Foundation

/// A partner's order in a window, line by line, from draft to closed.
public struct PartnerOrder: Sendable, Codable, Hashable {
    /// One product on the order, with every quantity the flow records.
    public struct Line: Sendable, Codable, Hashable {
        public var productId: UUID
        public var requested: Int
        public var allocated: Int?
        /// Why the allocation is what it is.
        public var allocationNote: String?
        public var shipped: Int?
        public var shippedKg: Double?
        public var received: Int?
        public var receivedKg: Double?
        public var discrepancy: String?
        /// The partner confirmed ordering above its quota.
        public var quotaAcknowledged: Bool
    }

    public var id: UUID
    public var windowId: UUID
    public var organisationId: UUID
    public var status: OrderStatus
    /// `HH:mm-HH:mm` on the window's day, for collection windows.
    public var collectionSlot: String?
    public var deliverySiteId: UUID?
    /// The kernel logistics task carrying a delivered order.
    public var taskId: UUID?
    public var lines: [Line]
    public var createdAt: Date
    public var submittedAt: Date?
    public var updatedAt: Date
}

/// Where an order is in its life.
public enum OrderStatus: String, Sendable, AcceptedValues, CaseIterable {
    case draft, submitted, allocated, validated, prepared, shipped, collected, received, closed, cancelled
}
