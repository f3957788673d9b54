import Foundation

/// Creating and reading vehicles and their availability.
public struct VehicleService: Sendable {
    /// What a caller sends to create a vehicle.
    public struct Input: Sendable, Codable {
        public var ownerOrganisationId: UUID
        public var name: String
        public var plate: String
        public var capacityKg: Double
        public var capacityLitres: Double
        public var refrigerated: Bool
        public var sharedWith: [UUID]?
        public var availableWeekdays: [Weekday]?
        public var unavailableDays: [CalendarDate]?

        public init(
            ownerOrganisationId: UUID, name: String, plate: String, capacityKg: Double, capacityLitres: Double,
            refrigerated: Bool, sharedWith: [UUID]? = nil, availableWeekdays: [Weekday]? = nil, unavailableDays: [CalendarDate]? = nil
        ) {
            self.ownerOrganisationId = ownerOrganisationId
            self.name = name
            self.plate = plate
            self.capacityKg = capacityKg
            self.capacityLitres = capacityLitres
            self.refrigerated = refrigerated
            self.sharedWith = sharedWith
            self.availableWeekdays = availableWeekdays
            self.unavailableDays = unavailableDays
        }
    }

    /// What the owner's coordinators may change on a vehicle: everything but its owner. The weekdays and the
    /// sharing are kept when left out.
    public struct Changes: Sendable, Codable {
        public var name: String
        public var plate: String
        public var capacityKg: Double
        public var capacityLitres: Double
        public var refrigerated: Bool
        public var availableWeekdays: [Weekday]?
        public var sharedWith: [UUID]?

        public init(
            name: String, plate: String, capacityKg: Double, capacityLitres: Double, refrigerated: Bool,
            availableWeekdays: [Weekday]? = nil, sharedWith: [UUID]? = nil
        ) {
            self.name = name
            self.plate = plate
            self.capacityKg = capacityKg
            self.capacityLitres = capacityLitres
            self.refrigerated = refrigerated
            self.availableWeekdays = availableWeekdays
            self.sharedWith = sharedWith
        }
    }

    public init() {}

    /// `vehicle` with `changes`, checked as a new vehicle's fields are; not yet written.
    public func applying(_ changes: Changes, to vehicle: Vehicle, in tx: Transaction) async throws -> Vehicle {
        try Validate.nonEmpty(changes.name, field: "name", maxLength: 200)
        try Validate.nonEmpty(changes.plate, field: "plate", maxLength: 20)
        try Validate.range(changes.capacityKg, 1...40_000, field: "capacityKg")
        try Validate.range(changes.capacityLitres, 1...100_000, field: "capacityLitres")
        for organisation in changes.sharedWith ?? [] {
            try await OrganisationService().requireExisting(organisation, field: "sharedWith", in: tx)
        }
        let plate = changes.plate.uppercased().trimmingCharacters(in: .whitespaces)
        if try await tx.queryFirst("SELECT id FROM kernel_vehicles WHERE plate = ? AND id <> ?", [plate, vehicle.id]) != nil {
            throw KernelError.conflict(code: "plate_taken", message: "a vehicle with plate \(plate) exists")
        }
        var changed = vehicle
        changed.name = changes.name.trimmingCharacters(in: .whitespaces)
        changed.plate = plate
        changed.capacityKg = changes.capacityKg
        changed.capacityLitres = changes.capacityLitres
        changed.refrigerated = changes.refrigerated
        if let days = changes.availableWeekdays { changed.availableWeekdays = Weekday.allCases.filter(Set(days).contains) }
        if let shared = changes.sharedWith {
            changed.sharedWith = Array(Set(shared)).filter { $0 != vehicle.ownerOrganisationId }.sorted { $0.uuidString < $1.uuidString }
        }
        return changed
    }

    /// Writes a vehicle's changed fields and sharing.
    public func save(_ vehicle: Vehicle, in tx: Transaction) async throws {
        try await tx.execute(
            """
            UPDATE kernel_vehicles SET name = ?, plate = ?, capacity_kg = ?, capacity_litres = ?, refrigerated = ?, available_weekdays = ?
            WHERE id = ?
            """,
            [
                vehicle.name, vehicle.plate, vehicle.capacityKg, vehicle.capacityLitres, vehicle.refrigerated,
                vehicle.availableWeekdays.map(\.rawValue).joined(separator: ","), vehicle.id,
            ])
        try await tx.execute("DELETE FROM kernel_vehicle_shares WHERE vehicle_id = ?", [vehicle.id])
        for organisation in vehicle.sharedWith {
            try await tx.execute(
                "INSERT INTO kernel_vehicle_shares (vehicle_id, organisation_id) VALUES (?, ?)", [vehicle.id, organisation])
        }
    }

    /// Puts a vehicle back in service on a day it was marked out; whether it was.
    public func clearUnavailable(_ vehicleID: UUID, on day: CalendarDate, in tx: Transaction) async throws -> Bool {
        let found = try await tx.queryFirst(
            "SELECT reason FROM kernel_vehicle_unavailability WHERE vehicle_id = ? AND day = ?", [vehicleID, day])
        try await tx.execute("DELETE FROM kernel_vehicle_unavailability WHERE vehicle_id = ? AND day = ?", [vehicleID, day])
        return found != nil
    }

    public func create(_ input: Input, in tx: Transaction) async throws -> Vehicle {
        try Validate.nonEmpty(input.name, field: "name", maxLength: 200)
        try Validate.nonEmpty(input.plate, field: "plate", maxLength: 20)
        try Validate.range(input.capacityKg, 1...40_000, field: "capacityKg")
        try Validate.range(input.capacityLitres, 1...100_000, field: "capacityLitres")
        try await OrganisationService().requireExisting(input.ownerOrganisationId, field: "ownerOrganisationId", in: tx)
        for organisation in input.sharedWith ?? [] {
            try await OrganisationService().requireExisting(organisation, field: "sharedWith", in: tx)
        }
        let plate = input.plate.uppercased().trimmingCharacters(in: .whitespaces)
        if try await tx.queryFirst("SELECT id FROM kernel_vehicles WHERE plate = ?", [plate]) != nil {
            throw KernelError.conflict(code: "plate_taken", message: "a vehicle with plate \(plate) exists")
        }
        let vehicle = Vehicle(
            id: UUID(), ownerOrganisationId: input.ownerOrganisationId, name: input.name, plate: plate,
            capacityKg: input.capacityKg, capacityLitres: input.capacityLitres, refrigerated: input.refrigerated,
            sharedWith: Array(Set(input.sharedWith ?? [])).filter { $0 != input.ownerOrganisationId }.sorted {
                $0.uuidString < $1.uuidString
            },
            availableWeekdays: input.availableWeekdays ?? [.monday, .tuesday, .wednesday, .thursday, .friday],
            unavailableDays: Array(Set(input.unavailableDays ?? [])).sorted(), createdAt: tx.now)
        try await tx.execute(
            """
            INSERT INTO kernel_vehicles (id, owner_organisation_id, name, plate, capacity_kg, capacity_litres, refrigerated,
                available_weekdays, created_at) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?)
            """,
            [
                vehicle.id, vehicle.ownerOrganisationId, vehicle.name, vehicle.plate, vehicle.capacityKg, vehicle.capacityLitres,
                vehicle.refrigerated, vehicle.availableWeekdays.map(\.rawValue).joined(separator: ","), vehicle.createdAt,
            ])
        for organisation in vehicle.sharedWith {
            try await tx.execute(
                "INSERT INTO kernel_vehicle_shares (vehicle_id, organisation_id) VALUES (?, ?)", [vehicle.id, organisation])
        }
        for day in vehicle.unavailableDays {
            try await tx.execute(
                "INSERT INTO kernel_vehicle_unavailability (vehicle_id, day, reason) VALUES (?, ?, ?)", [vehicle.id, day, "declared"])
        }
        return vehicle
    }

    /// Marks a vehicle unavailable on a day.
    public func markUnavailable(_ vehicleID: UUID, on day: CalendarDate, reason: String, in tx: Transaction) async throws {
        try Validate.nonEmpty(reason, field: "reason", maxLength: 500)
        try await tx.execute("DELETE FROM kernel_vehicle_unavailability WHERE vehicle_id = ? AND day = ?", [vehicleID, day])
        try await tx.execute(
            "INSERT INTO kernel_vehicle_unavailability (vehicle_id, day, reason) VALUES (?, ?, ?)", [vehicleID, day, reason])
    }

    public func get(_ id: UUID, in db: any SQLExecutor) async throws -> Vehicle? {
        guard let row = try await db.queryFirst("SELECT * FROM kernel_vehicles WHERE id = ?", [id]) else { return nil }
        return try await vehicle(row, in: db)
    }

    /// Vehicles usable by any of `organisations` (owned or shared with them), or all when nil; filtered and paged in SQL,
    /// with how many match.
    public func list(usableBy organisations: Set<UUID>?, page: PageRequest? = nil, in db: any SQLExecutor) async throws
        -> Page<Vehicle>
    {
        var query = SQLListQuery("SELECT * FROM kernel_vehicles")
        if let organisations {
            let ids = organisations.sorted { $0.uuidString < $1.uuidString }
            guard !ids.isEmpty else { return .empty(page) }
            let marks = Array(repeating: "?", count: ids.count).joined(separator: ", ")
            query.filter(
                "(owner_organisation_id IN (\(marks)) OR id IN (SELECT vehicle_id FROM kernel_vehicle_shares WHERE organisation_id IN (\(marks))))",
                values: (ids + ids) as [any SQLBindable])
        }
        query.order(by: "name, id", page: page)
        return try await query.page(in: db) { rows in
            var vehicles: [Vehicle] = []
            for row in rows { vehicles.append(try await vehicle(row, in: db)) }
            return vehicles
        }
    }

    private func vehicle(_ row: SQLRow, in db: any SQLExecutor) async throws -> Vehicle {
        let id = try row.uuid("id")
        let shares = try await db.query(
            "SELECT organisation_id FROM kernel_vehicle_shares WHERE vehicle_id = ? ORDER BY organisation_id", [id]
        ).map { try $0.uuid("organisation_id") }
        let unavailable = try await db.query(
            "SELECT day FROM kernel_vehicle_unavailability WHERE vehicle_id = ? ORDER BY day", [id]
        ).map { try $0.calendarDate("day") }
        return Vehicle(
            id: id, ownerOrganisationId: try row.uuid("owner_organisation_id"), name: try row.string("name"),
            plate: try row.string("plate"), capacityKg: try row.double("capacity_kg"), capacityLitres: try row.double("capacity_litres"),
            refrigerated: try row.bool("refrigerated"), sharedWith: shares,
            availableWeekdays: try row.string("available_weekdays").split(separator: ",").compactMap { Weekday(rawValue: String($0)) },
            unavailableDays: unavailable, createdAt: try row.instant("created_at"))
    }
}
