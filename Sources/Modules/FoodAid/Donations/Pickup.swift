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
    /// The driver's weighing on arrival, then the sorting's total once sorted.
    public var receivedKg: Double?
    public var sortedAt: Date?
    public var createdAt: Date
    /// The driver's weighing, kept after sorting.
    public var driverKg: Double?
    /// Why the sorting's total differs from the driver's weighing, when it does by more than 2% or 0.5 kg.
    public var weightDifferenceReason: String?

    /// The driver's weighing in grams.
    var driverGrams: Int? { driverKg.map { Grams.of(kg: $0) } }
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
