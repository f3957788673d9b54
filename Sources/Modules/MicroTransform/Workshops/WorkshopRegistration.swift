import CollectoKernel
import Foundation

/// What registering a workshop asks: a `processing_workshop` organisation,
/// one of its sites as the kitchen, and the produce it takes in a day.
struct WorkshopRegistration: Sendable, Codable, StrictBody {
    enum Field: String, CodingKey, CaseIterable { case organisationId, siteId, dailyCapacityKg }
    /// The kilograms a workshop may take in a day.
    static let capacityRange: ClosedRange<Double> = 1...100_000
    /// A workshop's daily capacity when the registration gives none.
    static let defaultCapacityKg = 400.0
    static let ranges: [FieldRange] = [.kilograms("dailyCapacityKg", capacityRange)]

    var organisationId: UUID
    var siteId: UUID
    var dailyCapacityKg: Double?
}

/// What changing a workshop asks: another of its organisation's sites as the
/// kitchen, another daily capacity, or both; what is left out stays.
struct WorkshopChange: Sendable, Codable, StrictBody {
    enum Field: String, CodingKey, CaseIterable { case siteId, dailyCapacityKg }
    static let ranges: [FieldRange] = [.kilograms("dailyCapacityKg", WorkshopRegistration.capacityRange)]

    var siteId: UUID?
    var dailyCapacityKg: Double?
}
