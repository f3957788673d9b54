import CollectoKernel
import Foundation

/// One collection at a donor: from an accepted offer or a regular round, then
/// weighed on arrival and sorted.
public struct Pickup: Sendable, Codable, Hashable {
    public var id: UUID
    public var donorId: UUID
    public var siteId: UUID
    public var warehouseSiteId: UUID
    public var offerId: UUID?
    public var day: CalendarDate
    public var status: PickupStatus
    public var taskId: UUID?
    public var receivedKg: Double?
    public var sortedAt: Date?
    public var createdAt: Date
}

/// Where a pickup is in its life.
public enum PickupStatus: String, Sendable, AcceptedValues, CaseIterable {
    case planned
    /// The round dropped it at the warehouse.
    case received
    case sorted
    /// Nothing was collected.
    case failed
}
