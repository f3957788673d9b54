import CollectoKernel
import Foundation

/// Produce offered to the workshop — by sorting at the food bank (a kernel
/// event) or declared directly (a farm, a market) — and what became of it:
/// accepted and brought in (or already on site), refused with a reason.
public struct Intake: Sendable, Codable, Hashable {
    public var id: UUID
    public var workshopId: UUID
    /// `event` or `declared`.
    public var source: String
    public var sourceModule: String?
    public var sourceReference: String?
    public var sourceSiteId: UUID
    public var sourceOrganisationId: UUID
    /// Guessed from the product's name until the workshop confirms it.
    public var produceKind: ProduceKind?
    public var category: String
    public var productName: String?
    public var kg: Double
    /// The last day the produce may be cooked.
    public var spoilDate: CalendarDate
    public var status: IntakeStatus
    public var reason: String?
    public var taskId: UUID?
    public var lotId: UUID?
    public var createdAt: Date
    public var decidedAt: Date?
}

/// Where an intake is.
public enum IntakeStatus: String, Sendable, AcceptedValues, CaseIterable, Hashable {
    /// Offered, waiting for the workshop's decision.
    case proposed
    /// Accepted; a round brings it in.
    case accepted
    /// Weighed in: it is an input lot.
    case arrived
    case refused
    /// The round could not collect it.
    case lost
    /// Its source was recalled before it was weighed in.
    case recalled
}
