import CollectoKernel
import Foundation

/// Collection points, their containers and schedules, and the waste waiting
/// at them: pickup requests from the sites ("container full") and the
/// regular pickups the schedule makes due.
struct PointService: Sendable {
    struct PointInput: Sendable, Codable, StrictBody {
        enum Field: String, CodingKey, CaseIterable { case siteId, expectedKgPerWeek }
        static let ranges: [FieldRange] = [.kilograms("expectedKgPerWeek", 0...100_000)]
        var siteId: UUID
        var expectedKgPerWeek: Double
    }

    struct ContainerInput: Sendable, Codable, StrictBody {
        enum Field: String, CodingKey, CaseIterable { case type, volumeLitres, count, handling }
        static let ranges: [FieldRange] = [.number("volumeLitres", 10...40_000), .integer("count", 1...100)]
        var type: String
        var volumeLitres: Double
        var count: Int
        var handling: ContainerHandling
    }

    struct ScheduleInput: Sendable, Codable, StrictBody {
        enum Field: String, CodingKey, CaseIterable { case everyDays, firstDay }
        static let ranges: [FieldRange] = [.integer("everyDays", 1...90)]
        var everyDays: Int
        var firstDay: CalendarDate
    }

    struct Request: Sendable, Codable, StrictBody {
        enum Field: String, CodingKey, CaseIterable { case containerId, fillLevel, note }
        static let ranges: [FieldRange] = [.number("fillLevel", 0.05...1.5)]
        var containerId: UUID?
        /// 0 to 1: how full the container is.
        var fillLevel: Double
        var note: String?
    }

    /// A message to a producing site.
    struct Notice: Codable, Sendable {
        var message: String
        var at: Date
    }

    let timeZone: TimeZone

    func addPoint(_ input: PointInput, in tx: Transaction) async throws -> CollectionPoint {
        try Validate.range(input.expectedKgPerWeek, 0...100_000, field: "expectedKgPerWeek")
        guard try await SiteService().get(input.siteId, in: tx) != nil else {
            throw KernelError.invalid(field: "siteId", message: "no site \(input.siteId)")
        }
        guard try await tx.queryFirst("SELECT site_id FROM biowaste_collection_points WHERE site_id = ?", [input.siteId]) == nil else {
            throw BiowasteError.pointExists(site: input.siteId)
        }
        try await tx.execute(
            "INSERT INTO biowaste_collection_points (site_id, expected_kg_per_week, created_at) VALUES (?, ?, ?)",
            [input.siteId, input.expectedKgPerWeek, tx.now])
        return try await Self.point(input.siteId, in: tx)
    }

    /// Makes a site a collection point when waste first appears there.
    static func ensurePoint(_ site: UUID, in tx: Transaction) async throws {
        if try await tx.queryFirst("SELECT site_id FROM biowaste_collection_points WHERE site_id = ?", [site]) == nil {
            try await tx.execute(
                "INSERT INTO biowaste_collection_points (site_id, expected_kg_per_week, created_at) VALUES (?, 0, ?)", [site, tx.now])
        }
    }

    func addContainer(_ input: ContainerInput, point: UUID, in tx: Transaction) async throws -> CollectionPoint {
        try Validate.nonEmpty(input.type, field: "type", maxLength: 60)
        try Validate.range(input.volumeLitres, 10...40_000, field: "volumeLitres")
        try Validate.range(input.count, 1...100, field: "count")
        _ = try await Self.point(point, in: tx)
        try await tx.execute(
            "INSERT INTO biowaste_containers (id, site_id, type, volume_litres, count, handling, created_at) VALUES (?, ?, ?, ?, ?, ?, ?)",
            [UUID(), point, input.type, input.volumeLitres, input.count, input.handling.rawValue, tx.now])
        return try await Self.point(point, in: tx)
    }

    func setSchedule(_ input: ScheduleInput, point: UUID, in tx: Transaction) async throws -> CollectionPoint {
        try Validate.range(input.everyDays, 1...90, field: "everyDays")
        _ = try await Self.point(point, in: tx)
        try await tx.execute("DELETE FROM biowaste_schedules WHERE site_id = ?", [point])
        try await tx.execute(
            "INSERT INTO biowaste_schedules (site_id, every_days, first_day) VALUES (?, ?, ?)", [point, input.everyDays, input.firstDay])
        return try await Self.point(point, in: tx)
    }

    /// A site says a container is (nearly) full.
    func request(_ input: Request, point: UUID, in tx: Transaction) async throws -> WasteToCollect {
        try Validate.range(input.fillLevel, 0.05...1.5, field: "fillLevel")
        let collectionPoint = try await Self.point(point, in: tx)
        let containers = collectionPoint.containers.filter { input.containerId == nil || $0.id == input.containerId }
        guard !containers.isEmpty else {
            throw KernelError.invalid(
                field: input.containerId == nil ? "containerId" : "containerId", message: "no such container at this point")
        }
        let litres = containers.reduce(0) { $0 + $1.volumeLitres * Double($1.count) }
        return try await Self.addWaiting(
            site: point, source: "request", eventID: nil, nature: "biowaste", kg: litres * input.fillLevel * Biowaste.kgPerLitre,
            fillLevel: input.fillLevel, container: input.containerId, note: input.note, due: CalendarDate(tx.now, in: timeZone), in: tx)
    }

    /// Regular pickups due between the days, once per point and day.
    func scheduleDue(from: CalendarDate, until: CalendarDate, in tx: Transaction) async throws -> [WasteToCollect] {
        guard from <= until, from.days(until: until) <= 92 else {
            throw KernelError.invalid(field: "until", message: "a period of at most three months, ending after it starts")
        }
        var created: [WasteToCollect] = []
        for row in try await tx.query("SELECT * FROM biowaste_schedules ORDER BY site_id") {
            let site = try row.uuid("site_id")
            let every = try row.int("every_days")
            let first = try row.calendarDate("first_day")
            let point = try await Self.point(site, in: tx)
            // The first due day on or after `from`, reached in one step rather than walked to from the schedule's start.
            let behind = first.days(until: from)
            var day = behind > 0 ? first.adding(days: (behind + every - 1) / every * every) : first
            while day <= until {
                if day >= from,
                    try await tx.queryFirst(
                        "SELECT id FROM biowaste_arrivals WHERE site_id = ? AND source = 'schedule' AND due_day = ?", [site, day]) == nil
                {
                    created.append(
                        try await Self.addWaiting(
                            site: site, source: "schedule", eventID: nil, nature: "biowaste",
                            kg: point.expectedKgPerWeek * Double(every) / 7, fillLevel: nil, container: nil, note: nil, due: day, in: tx))
                }
                day = day.adding(days: every)
            }
        }
        return created
    }

    static func addWaiting(
        site: UUID, source: String, eventID: Int64?, nature: String, kg: Double, fillLevel: Double?, container: UUID?, note: String?,
        due: CalendarDate, producedBy producer: (module: String, reference: String)? = nil, in tx: Transaction
    ) async throws -> WasteToCollect {
        let id = UUID()
        try await tx.execute(
            """
            INSERT INTO biowaste_arrivals (id, site_id, source, event_id, nature, estimated_kg, fill_level, container_id, note, due_day,
                status, source_module, source_reference, created_at) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, 'waiting', ?, ?, ?)
            """,
            [
                id, site, source, eventID, nature, (kg * 1000).rounded() / 1000, fillLevel, container, note, due, producer?.module,
                producer?.reference.lowercased(), tx.now,
            ])
        return try await waiting(id, in: tx)
    }

    /// Waste waiting or planned at one point, the soonest due first.
    static func pending(at site: UUID, in db: any SQLExecutor) async throws -> [WasteToCollect] {
        try await db.query(
            "SELECT * FROM biowaste_arrivals WHERE site_id = ? AND status IN ('waiting', 'planned') ORDER BY due_day, id", [site]
        ).map(waste)
    }

    /// Waste waiting for a pickup at every point, the soonest due first.
    /// Waste waiting at every point, the first due first, paged in SQL, with how much is waiting.
    static func waiting(page: PageRequest? = nil, in db: any SQLExecutor) async throws -> Page<WasteToCollect> {
        var query = SQLListQuery("SELECT * FROM biowaste_arrivals")
        query.filter("status = ?", "waiting")
        query.order(by: "due_day, site_id, id", page: page)
        return try await query.page(in: db, each: waste)
    }

    /// What the collector told a site, the newest first.
    static func notices(at site: UUID, in db: any SQLExecutor) async throws -> [Notice] {
        try await db.query("SELECT * FROM biowaste_notices WHERE site_id = ? ORDER BY created_at DESC", [site]).map {
            Notice(message: try $0.string("message"), at: try $0.instant("created_at"))
        }
    }

    static func waiting(_ id: UUID, in db: any SQLExecutor) async throws -> WasteToCollect {
        guard let row = try await db.queryFirst("SELECT * FROM biowaste_arrivals WHERE id = ?", [id]) else {
            throw KernelError.notFound(entity: "waste to collect", id: id.uuidString)
        }
        return try waste(row)
    }

    static func waste(_ row: SQLRow) throws -> WasteToCollect {
        WasteToCollect(
            id: try row.uuid("id"), siteId: try row.uuid("site_id"), source: try row.string("source"), nature: try row.string("nature"),
            estimatedKg: try row.double("estimated_kg"), fillLevel: try row.optionalDouble("fill_level"),
            containerId: try row.optionalUUID("container_id"), note: try row.optionalString("note"),
            dueDay: try row.calendarDate("due_day"),
            status: try row.string("status"), pickupId: try row.optionalUUID("pickup_id"), createdAt: try row.instant("created_at"),
            sourceModule: try row.optionalString("source_module"), sourceReference: try row.optionalString("source_reference"))
    }

    static func point(_ site: UUID, in db: any SQLExecutor) async throws -> CollectionPoint {
        guard
            let row = try await db.queryFirst(
                """
                SELECT p.*, sc.every_days FROM biowaste_collection_points p
                LEFT JOIN biowaste_schedules sc ON sc.site_id = p.site_id WHERE p.site_id = ?
                """, [site])
        else { throw KernelError.notFound(entity: "collection point", id: site.uuidString) }
        return try await point(row, in: db)
    }

    /// The points at these sites (nil: every point), in the order they were
    /// registered, one page of them, with how many there are.
    static func points(at sites: Set<UUID>?, page: PageRequest?, in db: any SQLExecutor) async throws -> Page<CollectionPoint> {
        var query = SQLListQuery(
            """
            SELECT p.*, sc.every_days FROM biowaste_collection_points p
            LEFT JOIN biowaste_schedules sc ON sc.site_id = p.site_id
            """)
        query.filter("p.site_id", in: sites)
        query.order(by: "p.created_at, p.site_id", page: page)
        return try await query.page(in: db) { rows in
            var points: [CollectionPoint] = []
            for row in rows { points.append(try await point(row, in: db)) }
            return points
        }
    }

    static func point(_ row: SQLRow, in db: any SQLExecutor) async throws -> CollectionPoint {
        let site = try row.uuid("site_id")
        // The site's owner and name, from the kernel.
        guard let place = try await SiteService().get(site, in: db) else {
            throw KernelError.notFound(entity: "collection point", id: site.uuidString)
        }
        let containers = try await db.query("SELECT * FROM biowaste_containers WHERE site_id = ? ORDER BY type, id", [site]).map {
            Container(
                id: try $0.uuid("id"), type: try $0.string("type"), volumeLitres: try $0.double("volume_litres"),
                count: try $0.int("count"),
                handling: try $0.value(ContainerHandling.self, "handling"))
        }
        return CollectionPoint(
            siteId: site, organisationId: place.organisationId, name: place.name,
            expectedKgPerWeek: try row.double("expected_kg_per_week"), containers: containers, everyDays: try row.optionalInt("every_days"))
    }
}
