import CollectoKernel
import Foundation

/// A period in which a group of partners order for one delivery or collection day.
public struct OrderingWindow: Sendable, Codable, Hashable {
    public var id: UUID
    public var name: String
    public var warehouseSiteId: UUID
    public var opensAt: Date
    public var cutoffAt: Date
    public var deliveryDay: CalendarDate
    public var fulfilment: Fulfilment
    /// Preparation capacity: the window closes early once submitted orders reach it.
    public var maxKg: Double?
    public var maxOrders: Int?
    public var status: WindowStatus
    /// The partners that may order in it; empty means every partner association.
    public var partnerIds: [UUID]
    public var createdAt: Date

    /// Whether a partner may order in this window.
    public func admits(_ partner: UUID) -> Bool {
        partnerIds.isEmpty || partnerIds.contains(partner)
    }
}

/// How orders of a window reach the partners.
public enum Fulfilment: String, Sendable, AcceptedValues {
    /// The food bank delivers on a round.
    case delivery
    /// Partners collect at the warehouse in a slot.
    case collection
}

/// Where a window is in its life.
public enum WindowStatus: String, Sendable, AcceptedValues {
    case open
    /// Closed early: preparation capacity reached.
    case full
    /// Allocation ran at cut-off.
    case allocated
}
