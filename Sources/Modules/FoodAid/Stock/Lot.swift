import CollectoKernel
import Foundation

/// A quantity of one product at one warehouse with one date: what stock is
/// counted in, reserved from and shipped from, first-expiring first.
public struct Lot: Sendable, Codable, Hashable {
    public var id: UUID
    public var productId: UUID
    public var siteId: UUID
    /// Use-by date (DLC): never goes out after it.
    public var useBy: CalendarDate?
    /// Best-before date (DDM): may go out for a while after it, labelled.
    public var bestBefore: CalendarDate?
    /// Where it came from.
    public var originKind: LotOrigin
    /// The pickup, purchase order or processing batch it came from.
    public var originReference: String
    public var status: LotStatus
    /// Units in the warehouse (the sum of the lot's movements).
    public var onHand: Int
    /// Units promised to orders and not yet shipped.
    public var reserved: Int
    public var createdAt: Date
    /// Why and by whom the lot is blocked, while it is quarantined or recalled.
    public var block: LotBlock?

    public init(
        id: UUID, productId: UUID, siteId: UUID, useBy: CalendarDate?, bestBefore: CalendarDate?, originKind: LotOrigin,
        originReference: String, status: LotStatus, onHand: Int, reserved: Int, createdAt: Date, block: LotBlock? = nil
    ) {
        self.id = id
        self.productId = productId
        self.siteId = siteId
        self.useBy = useBy
        self.bestBefore = bestBefore
        self.originKind = originKind
        self.originReference = originReference
        self.status = status
        self.onHand = onHand
        self.reserved = reserved
        self.createdAt = createdAt
        self.block = block
    }

    /// Units that may still be promised.
    public var free: Int { max(0, onHand - reserved) }

    /// The date that decides its place in FEFO order.
    public var expiry: CalendarDate? { useBy ?? bestBefore }
}

/// Who blocked a lot, why and when. Food-bank staff may lift a quarantine
/// they raised; a recall, or a block that came from a workshop's recall, is for good.
public struct LotBlock: Sendable, Codable, Hashable {
    public var by: LotBlockSource
    public var reason: String
    public var at: Date
}

/// Where a lot's block came from.
public enum LotBlockSource: String, Sendable, AcceptedValues, CaseIterable {
    /// The food bank's own staff.
    case staff
    /// A recall by the workshop that made the processed food.
    case processing
}

/// Whether a lot may go out.
public enum LotStatus: String, Sendable, AcceptedValues, CaseIterable {
    case available
    /// Blocked pending a decision (a doubt, a recall under investigation).
    case quarantined
    /// Withdrawn for good.
    case recalled
    /// Nothing left.
    case depleted
}

/// What changed a lot's quantities.
public enum MovementKind: String, Sendable, AcceptedValues, CaseIterable {
    case receipt
    case reservation
    case release
    case picking
    case shipment
    case adjustment
    case loss
}
