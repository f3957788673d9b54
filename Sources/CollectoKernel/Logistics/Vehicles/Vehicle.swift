import Foundation

/// A van or truck, owned by one organisation and possibly shared with others.
public struct Vehicle: Sendable, Codable, Hashable {
    public var id: UUID
    public var ownerOrganisationId: UUID
    public var name: String
    public var plate: String
    public var capacityKg: Double
    public var capacityLitres: Double
    public var refrigerated: Bool
    /// Organisations other than the owner that may plan rounds with it.
    public var sharedWith: [UUID]
    /// Weekdays it is normally available.
    public var availableWeekdays: [Weekday]
    /// Days it is not available (servicing, lent out), whatever the weekday.
    public var unavailableDays: [CalendarDate]
    public var createdAt: Date

    public init(
        id: UUID, ownerOrganisationId: UUID, name: String, plate: String, capacityKg: Double, capacityLitres: Double,
        refrigerated: Bool, sharedWith: [UUID], availableWeekdays: [Weekday], unavailableDays: [CalendarDate], createdAt: Date
    ) {
        self.id = id
        self.ownerOrganisationId = ownerOrganisationId
        self.name = name
        self.plate = plate
        self.capacityKg = capacityKg
        self.capacityLitres = capacityLitres
        self.refrigerated = refrigerated
        self.sharedWith = sharedWith
        self.availableWeekdays = availableWeekdays
        self.unavailableDays = unavailableDays
        self.createdAt = createdAt
    }

    /// Whether the vehicle can be used on `day`.
    public func isAvailable(on day: CalendarDate) -> Bool {
        availableWeekdays.contains(day.weekday) && !unavailableDays.contains(day)
    }

    /// Whether `organisation` may use the vehicle.
    public func isUsable(by organisation: UUID) -> Bool {
        organisation == ownerOrganisationId || sharedWith.contains(organisation)
    }
}
