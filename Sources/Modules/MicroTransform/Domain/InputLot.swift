import CollectoKernel
import Foundation

/// Produce weighed in at the workshop: what batches draw from, first to spoil first.
public struct InputLot: Sendable, Codable, Hashable {
    public var id: UUID
    public var workshopId: UUID
    public var intakeId: UUID
    public var produceKind: ProduceKind
    public var productName: String?
    public var kg: Double
    public var leftKg: Double
    public var spoilDate: CalendarDate
    public var status: InputLotStatus
    /// When it was weighed in; nil while it is expected.
    public var receivedAt: Date?
    /// What spoiled, was lost on the way or was recalled: weight in = used in batches + left + written off.
    public var writtenOffKg: Double? = nil
}

/// Where an input lot is.
public enum InputLotStatus: String, Sendable, AcceptedValues, CaseIterable, Hashable {
    /// Accepted and on its way: planned with its estimated weight.
    case expected
    case available, used, spoiled, recalled
}
