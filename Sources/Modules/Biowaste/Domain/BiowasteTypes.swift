import CollectoKernel
import Foundation

/// A site that produces biowaste, with its containers and expected production.
public struct CollectionPoint: Sendable, Codable, Hashable {
    public var siteId: UUID
    public var organisationId: UUID
    public var name: String
    public var expectedKgPerWeek: Double
    public var containers: [Container]
    /// Regular pickups every so many days, when set.
    public var everyDays: Int?
    /// What the containers hold when full, at the density the module assumes.
    public var capacityKg: Double { containers.reduce(0) { $0 + $1.volumeLitres * Double($1.count) } * Biowaste.kgPerLitre }
}

/// Containers of one type at a collection point.
public struct Container: Sendable, Codable, Hashable {
    public var id: UUID
    public var type: String
    public var volumeLitres: Double
    public var count: Int
    /// Swapped for clean ones, or emptied on the spot.
    public var handling: ContainerHandling
}

/// How a container is collected.
public enum ContainerHandling: String, Sendable, AcceptedValues, CaseIterable, Hashable {
    case swap, empty
}

/// A treatment site that takes biowaste: what it accepts and how much a day.
public struct Destination: Sendable, Codable, Hashable {
    public var siteId: UUID
    public var name: String
    public var treatment: Treatment
    public var accepts: [String]
    public var dailyCapacityKg: Double
}

/// What happens to biowaste at its destination.
public enum Treatment: String, Sendable, AcceptedValues, CaseIterable, Hashable {
    case composting, methanisation
}

/// Biowaste waiting to be collected at a point: from an event, a request or the schedule.
public struct WasteToCollect: Sendable, Codable, Hashable {
    public var id: UUID
    public var siteId: UUID
    /// `event`, `request`, `schedule` or `forecast`.
    public var source: String
    public var nature: String
    public var estimatedKg: Double
    public var fillLevel: Double?
    public var containerId: UUID?
    public var note: String?
    public var dueDay: CalendarDate
    /// `waiting`, `planned`, `collected`, `refused`.
    public var status: String
    public var pickupId: UUID?
    public var createdAt: Date
    /// The module whose event produced it (`foodaid`, `microtransform`), for waste reported by an event.
    public var sourceModule: String?
    /// What it came from in that module: the sorted pickup, the batch (as the event named it, in lower case).
    public var sourceReference: String?
}

/// A planned collection at a point, carried by a kernel task to a destination.
public struct BiowastePickup: Sendable, Codable, Hashable {
    /// The weight and outcome of one container type at the pickup.
    public struct ContainerRecord: Sendable, Codable, Hashable {
        public var containerId: UUID
        public var kg: Double?
        public var refused: Bool
        public var reason: String?
    }
    public var id: UUID
    public var siteId: UUID
    public var destinationSiteId: UUID
    public var day: CalendarDate
    public var taskId: UUID?
    /// `planned`, `collected`, `refused`, `delivered`, `failed`.
    public var status: String
    public var estimatedKg: Double
    public var estimatedLitres: Double
    public var collectedKg: Double?
    public var deliveredKg: Double?
    public var containers: [ContainerRecord]
}

/// One line of the chronological register the collector keeps.
public struct RegisterEntry: Sendable, Codable, Hashable {
    public var id: Int
    public var at: Date
    /// `collection`, `refusal`, `delivery` or `correction`.
    public var kind: String
    public var producerOrganisationId: UUID
    public var producerSiteId: UUID
    public var nature: String
    public var kg: Double
    public var carrierOrganisationId: UUID?
    public var vehicleId: UUID?
    public var destinationSiteId: UUID?
    public var treatment: String?
    public var pickupId: UUID?
    public var containerId: UUID?
    public var correctsEntry: Int?
    public var note: String?
}

/// Constants of the biowaste trade the module assumes.
public enum Biowaste {
    /// Density of sorted food waste in a bin, kg per litre (0.4–0.6 in practice).
    public static let kgPerLitre = 0.5
}
