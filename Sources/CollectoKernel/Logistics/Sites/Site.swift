import Foundation

/// A place goods are picked up or dropped: a warehouse, a partner's premises,
/// a donor's shop, a workshop, a treatment platform.
public struct Site: Sendable, Codable, Hashable {
    public var id: UUID
    public var organisationId: UUID
    public var name: String
    public var address: String
    public var postcode: String?
    public var city: String?
    public var latitude: Double
    public var longitude: Double
    public var openingHours: OpeningHours
    public var storageClasses: [TemperatureClass]
    /// Minutes a vehicle spends at this site per stop (parking, loading, paperwork).
    public var serviceMinutes: Int
    public var createdAt: Date

    public init(
        id: UUID = UUID(), organisationId: UUID, name: String, address: String, postcode: String? = nil, city: String? = nil,
        latitude: Double, longitude: Double, openingHours: OpeningHours = .init(), storageClasses: [TemperatureClass] = [.ambient],
        serviceMinutes: Int = 10, createdAt: Date
    ) {
        self.id = id
        self.organisationId = organisationId
        self.name = name
        self.address = address
        self.postcode = postcode
        self.city = city
        self.latitude = latitude
        self.longitude = longitude
        self.openingHours = openingHours
        self.storageClasses = storageClasses
        self.serviceMinutes = serviceMinutes
        self.createdAt = createdAt
    }

    init(row: SQLRow) throws {
        self.init(
            id: try row.uuid("id"), organisationId: try row.uuid("organisation_id"), name: try row.string("name"),
            address: try row.string("address"), postcode: try row.optionalString("postcode"), city: try row.optionalString("city"),
            latitude: try row.double("latitude"), longitude: try row.double("longitude"),
            openingHours: try row.json("opening_hours"),
            storageClasses: try row.string("storage_classes").split(separator: ",").compactMap { TemperatureClass(rawValue: String($0)) },
            serviceMinutes: try row.int("service_minutes"), createdAt: try row.instant("created_at"))
    }

    /// Great-circle distance to another site, in kilometres.
    public func distanceKm(to other: Site) -> Double {
        GeoDistance.haversineKm(latitude, longitude, other.latitude, other.longitude)
    }
}

/// Straight-line distances on the Earth's surface.
public enum GeoDistance {
    public static func haversineKm(_ lat1: Double, _ lon1: Double, _ lat2: Double, _ lon2: Double) -> Double {
        let radius = 6371.0088
        let dLat = (lat2 - lat1) * .pi / 180
        let dLon = (lon2 - lon1) * .pi / 180
        let a =
            sin(dLat / 2) * sin(dLat / 2)
            + cos(lat1 * .pi / 180) * cos(lat2 * .pi / 180) * sin(dLon / 2) * sin(dLon / 2)
        return 2 * radius * asin(min(1, sqrt(a)))
    }
}
