import Foundation

/// A workshop as the registry holds it and the API answers it: the
/// organisation and its name (read from the kernel, never copied), the
/// kitchen's site, how many kilograms of produce it takes in a day, and when
/// it was registered.
struct RegisteredWorkshop: Sendable, Codable, Hashable {
    var organisationId: UUID
    var name: String
    var siteId: UUID
    var dailyCapacityKg: Double
    var createdAt: Date

    /// What planning and intake need of it.
    var workshop: Workshop { Workshop(organisationId: organisationId, siteId: siteId) }
}
