import CollectoKernel
import Foundation

/// Food a partner has too much of and offers to the others; the transfer is
/// recorded so that a recall still finds where it went.
public struct Surplus: Sendable, Codable, Hashable {
    public var id: UUID
    public var organisationId: UUID
    public var siteId: UUID
    public var productId: UUID?
    /// The order it was delivered in, for traceability.
    public var sourceOrderId: UUID?
    public var description: String
    public var quantity: Int
    public var useBy: CalendarDate?
    public var bestBefore: CalendarDate?
    public var status: SurplusStatus
    public var claimedBy: UUID?
    public var transferredAt: Date?
    public var createdAt: Date

    /// What a partner posts.
    struct Input: Sendable, Codable, StrictBody {
        enum Field: String, CodingKey, CaseIterable {
            case organisationId, siteId, productId, sourceOrderId, description, quantity, useBy, bestBefore
        }
        static let ranges: [FieldRange] = [.integer("quantity", 1...100_000)]
        var organisationId: UUID
        var siteId: UUID?
        var productId: UUID?
        var sourceOrderId: UUID?
        var description: String
        var quantity: Int
        var useBy: CalendarDate?
        var bestBefore: CalendarDate?
    }
}

/// Where a surplus is in its life.
public enum SurplusStatus: String, Sendable, AcceptedValues, CaseIterable {
    case posted, claimed, transferred, withdrawn
}

/// A shared piece of equipment (cold-room space, scales, trolleys) and its bookings.
public struct Equipment: Sendable, Codable, Hashable {
    public var id: UUID
    public var ownerId: UUID
    public var name: String
    public var kind: String
    public var siteId: UUID?
    public var createdAt: Date

    /// What an owner declares.
    struct Input: Sendable, Codable, StrictBody {
        enum Field: String, CodingKey, CaseIterable { case ownerId, name, kind, siteId }
        var ownerId: UUID
        var name: String
        var kind: String
        var siteId: UUID?
    }
}

/// One organisation's use of a piece of equipment for a period.
public struct EquipmentBooking: Sendable, Codable, Hashable {
    public var id: UUID
    public var equipmentId: UUID
    public var borrowerId: UUID
    public var startsAt: Date
    public var endsAt: Date
    public var status: String
    public var createdAt: Date

    /// What a borrower asks for.
    struct Input: Sendable, Codable, StrictBody {
        enum Field: String, CodingKey, CaseIterable { case borrowerId, startsAt, endsAt }
        var borrowerId: UUID
        var startsAt: Date
        var endsAt: Date
    }
}
