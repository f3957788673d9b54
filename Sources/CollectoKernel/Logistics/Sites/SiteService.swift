import Foundation

/// Creating, reading and changing sites, with the caller's rights checked.
public struct SiteService: Sendable {
    /// What a caller sends to create or replace a site.
    public struct Input: Sendable, Codable {
        public var organisationId: UUID
        public var name: String
        public var address: String
        public var postcode: String?
        public var city: String?
        public var latitude: Double
        public var longitude: Double
        public var openingHours: OpeningHours?
        public var storageClasses: [TemperatureClass]?
        public var serviceMinutes: Int?

        public init(
            organisationId: UUID, name: String, address: String, postcode: String? = nil, city: String? = nil,
            latitude: Double, longitude: Double, openingHours: OpeningHours? = nil, storageClasses: [TemperatureClass]? = nil,
            serviceMinutes: Int? = nil
        ) {
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
        }

        func validate() throws {
            try Validate.nonEmpty(name, field: "name", maxLength: 200)
            try Validate.nonEmpty(address, field: "address", maxLength: 500)
            try Validate.latitude(latitude)
            try Validate.longitude(longitude)
            if let serviceMinutes { try Validate.range(serviceMinutes, 0...480, field: "serviceMinutes") }
            if let (day, range) = openingHours?.invalidRanges.first {
                throw KernelError.invalid(
                    field: "openingHours.\(day.rawValue)", message: "opening range \(range.from)-\(range.until) ends before it starts")
            }
        }
    }

    public init() {}

    public func create(_ input: Input, in tx: Transaction) async throws -> Site {
        try input.validate()
        try await OrganisationService().requireExisting(input.organisationId, in: tx)
        let site = Site(
            organisationId: input.organisationId, name: input.name, address: input.address, postcode: input.postcode,
            city: input.city, latitude: input.latitude, longitude: input.longitude, openingHours: input.openingHours ?? .init(),
            storageClasses: input.storageClasses ?? [.ambient], serviceMinutes: input.serviceMinutes ?? 10, createdAt: tx.now)
        try await tx.execute(
            """
            INSERT INTO kernel_sites (id, organisation_id, name, address, postcode, city, latitude, longitude,
                opening_hours, storage_classes, service_minutes, created_at)
            VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)
            """,
            [
                site.id, site.organisationId, site.name, site.address, site.postcode, site.city, site.latitude, site.longitude,
                try JSONText.encode(site.openingHours), site.storageClasses.map(\.rawValue).joined(separator: ","),
                site.serviceMinutes, site.createdAt,
            ])
        return site
    }

    /// Replaces a site's description; a site never moves to another organisation.
    public func update(_ id: UUID, with input: Input, in tx: Transaction) async throws -> Site {
        try input.validate()
        guard var site = try await get(id, in: tx) else { throw KernelError.notFound(entity: "site", id: id.uuidString) }
        guard input.organisationId == site.organisationId else {
            throw KernelError.invalid(field: "organisationId", message: "a site cannot move to another organisation")
        }
        site.name = input.name
        site.address = input.address
        site.postcode = input.postcode
        site.city = input.city
        site.latitude = input.latitude
        site.longitude = input.longitude
        site.openingHours = input.openingHours ?? site.openingHours
        site.storageClasses = input.storageClasses ?? site.storageClasses
        site.serviceMinutes = input.serviceMinutes ?? site.serviceMinutes
        try await tx.execute(
            """
            UPDATE kernel_sites SET name = ?, address = ?, postcode = ?, city = ?, latitude = ?, longitude = ?,
                opening_hours = ?, storage_classes = ?, service_minutes = ? WHERE id = ?
            """,
            [
                site.name, site.address, site.postcode, site.city, site.latitude, site.longitude, try JSONText.encode(site.openingHours),
                site.storageClasses.map(\.rawValue).joined(separator: ","), site.serviceMinutes, id,
            ])
        return site
    }

    public func get(_ id: UUID, in db: any SQLExecutor) async throws -> Site? {
        try await db.queryFirst("SELECT * FROM kernel_sites WHERE id = ?", [id]).map(Site.init(row:))
    }

    /// Sites of the organisations in `organisations` (all when nil), optionally of one, filtered and paged in SQL,
    /// with how many match.
    public func list(organisations: Set<UUID>?, organisation: UUID?, page: PageRequest? = nil, in db: any SQLExecutor) async throws
        -> Page<Site>
    {
        var query = SQLListQuery("SELECT * FROM kernel_sites")
        query.filter("organisation_id", in: organisations)
        query.filter("organisation_id = ?", organisation)
        query.order(by: "name, id", page: page)
        return try await query.page(in: db, each: Site.init(row:))
    }

    /// An organisation's first site (its main address: a partner's delivery site), if it has one.
    public func firstSite(of organisation: UUID, in db: any SQLExecutor) async throws -> Site? {
        try await db.queryFirst("SELECT * FROM kernel_sites WHERE organisation_id = ? ORDER BY created_at, id LIMIT 1", [organisation])
            .map(Site.init(row:))
    }

    /// The first site of the first organisation of a kind (the food bank's warehouse), if there is one.
    public func firstSite(ofKind kind: OrganisationKind, in db: any SQLExecutor) async throws -> Site? {
        try await db.queryFirst(
            """
            SELECT s.* FROM kernel_sites s JOIN kernel_organisations o ON o.id = s.organisation_id
            WHERE o.kind = ? ORDER BY o.created_at, o.id, s.created_at, s.id LIMIT 1
            """, [kind.rawValue]
        ).map(Site.init(row:))
    }

    /// Sites by id, for the round checks.
    public func sites(_ ids: Set<UUID>, in db: any SQLExecutor) async throws -> [UUID: Site] {
        var result: [UUID: Site] = [:]
        for id in ids {
            if let site = try await get(id, in: db) { result[id] = site }
        }
        return result
    }
}

/// JSON text for columns that hold a structured value.
public enum JSONText {
    public static func encode<T: Encodable>(_ value: T) throws -> String {
        let encoder = JSONEncoder()
        encoder.outputFormatting = [.sortedKeys]
        return String(decoding: try encoder.encode(value), as: UTF8.self)
    }
}
