import CollectoKernel
import Foundation

/// Turns waste waiting at collection points into pickups: one per point and
/// day, to the nearest destination that accepts the waste and still has
/// capacity that day, each carried by a non-food kernel logistics task (the
/// kernel never loads it with food).
struct PickupPlanner: Sendable {
    static let taskKind = "biowaste.pickup"

    /// What could not be planned, and why.
    struct Unplanned: Sendable, Codable, Hashable {
        var siteId: UUID
        var kg: Double
        var reason: String
    }

    struct Result: Sendable, Codable {
        var pickups: [BiowastePickup]
        var unplanned: [Unplanned]
    }

    let tasks: TaskService
    let timeZone: TimeZone

    /// Plans pickups on `day` for everything waiting and due by then (at one point, or everywhere).
    func plan(day: CalendarDate, site only: UUID? = nil, collector: UUID, in tx: Transaction) async throws -> Result {
        var bindings: [any SQLBindable] = [day]
        var sql = "SELECT * FROM biowaste_arrivals WHERE status = 'waiting' AND due_day <= ?"
        if let only {
            sql += " AND site_id = ?"
            bindings.append(only)
        }
        let waiting = try await tx.query(sql + " ORDER BY site_id, created_at, id", bindings).map(PointService.waste)
        let destinations = try await DestinationStore.all(in: tx)
        var result = Result(pickups: [], unplanned: [])
        for (site, items) in Dictionary(grouping: waiting, by: \.siteId).sorted(by: { $0.key.uuidString < $1.key.uuidString }) {
            let kg = Grams.kg(items.reduce(0) { $0 + Grams.of(kg: $1.estimatedKg) })
            let natures = Set(items.map(\.nature))
            guard let siteInfo = try await SiteService().get(site, in: tx) else { continue }
            var best: (Double, Destination)?
            for destination in destinations where natures.isSubset(of: Set(destination.accepts)) || destination.accepts.contains("*") {
                let booked = try await tx.scalarDouble(
                    "SELECT COALESCE(SUM(estimated_kg), 0) FROM biowaste_pickups WHERE destination_site_id = ? AND day = ? AND status <> 'failed'",
                    [destination.siteId, day])
                guard booked + kg <= destination.dailyCapacityKg,
                    let target = try await SiteService().get(destination.siteId, in: tx)
                else { continue }
                let distance = siteInfo.distanceKm(to: target)
                if best == nil || distance < best!.0 { best = (distance, destination) }
            }
            guard let destination = best?.1 else {
                result.unplanned.append(
                    .init(
                        siteId: site, kg: kg,
                        reason: "no destination accepts \(natures.sorted().joined(separator: ", ")) with capacity left on \(day)"))
                continue
            }
            let id = UUID()
            let litres = (kg / Biowaste.kgPerLitre).rounded()
            let window = TimeWindow(
                from: day.instant(at: LocalTime(hour: 7, minute: 0)!, in: timeZone),
                until: day.instant(at: LocalTime(hour: 19, minute: 0)!, in: timeZone))
            let task = try await tasks.create(
                .init(
                    kind: Self.taskKind, reference: id.uuidString.lowercased(), organisationId: collector,
                    pickup: .init(siteId: site, window: window), drop: .init(siteId: destination.siteId, window: window), kg: kg,
                    litres: litres, temperature: .ambient, isFood: false),
                in: tx)
            try await tx.execute(
                """
                INSERT INTO biowaste_pickups (id, site_id, destination_site_id, day, task_id, status, estimated_kg, estimated_litres, created_at)
                VALUES (?, ?, ?, ?, ?, 'planned', ?, ?, ?)
                """, [id, site, destination.siteId, day, task.id, (kg * 1000).rounded() / 1000, litres, tx.now])
            for item in items {
                try await tx.execute("UPDATE biowaste_arrivals SET status = 'planned', pickup_id = ? WHERE id = ?", [id, item.id])
            }
            result.pickups.append(try await PickupStore.load(id, in: tx))
        }
        return result
    }
}

/// Treatment sites and what they accept.
enum DestinationStore {
    struct Input: Sendable, Codable, StrictBody {
        enum Field: String, CodingKey, CaseIterable { case siteId, treatment, accepts, dailyCapacityKg }
        static let ranges: [FieldRange] = [.kilograms("dailyCapacityKg", 1...10_000_000)]
        var siteId: UUID
        var treatment: Treatment
        /// Natures of waste it takes (`biowaste`, `unfit_food`, `peelings`…), or `*` for all.
        var accepts: [String]
        var dailyCapacityKg: Double
    }

    static func save(_ input: Input, in tx: Transaction) async throws -> Destination {
        try Validate.range(input.dailyCapacityKg, 1...10_000_000, field: "dailyCapacityKg")
        guard !input.accepts.isEmpty else { throw KernelError.invalid(field: "accepts", message: "say what it accepts") }
        guard let site = try await SiteService().get(input.siteId, in: tx),
            try await OrganisationService().get(site.organisationId, in: tx)?.kind == .treatmentSite
        else { throw KernelError.invalid(field: "siteId", message: "not a treatment site's site") }
        try await tx.execute("DELETE FROM biowaste_destinations WHERE site_id = ?", [input.siteId])
        try await tx.execute(
            "INSERT INTO biowaste_destinations (site_id, treatment, accepts, daily_capacity_kg, created_at) VALUES (?, ?, ?, ?, ?)",
            [input.siteId, input.treatment.rawValue, input.accepts.sorted().joined(separator: ","), input.dailyCapacityKg, tx.now])
        return try await all(in: tx).first { $0.siteId == input.siteId }!
    }

    static func all(in db: any SQLExecutor) async throws -> [Destination] {
        let rows = try await db.query("SELECT * FROM biowaste_destinations ORDER BY site_id")
        let sites = try await SiteService().sites(Set(try rows.map { try $0.uuid("site_id") }), in: db)
        return try rows.map {
            let site = try $0.uuid("site_id")
            return Destination(
                siteId: site, name: sites[site]?.name ?? site.uuidString,
                treatment: try $0.value(Treatment.self, "treatment"),
                accepts: try $0.string("accepts").split(separator: ",").map(String.init),
                dailyCapacityKg: try $0.double("daily_capacity_kg"))
        }.sorted { ($0.name, $0.siteId.uuidString) < ($1.name, $1.siteId.uuidString) }
    }
}

/// Pickups as stored.
enum PickupStore {
    static func load(_ id: UUID, in db: any SQLExecutor) async throws -> BiowastePickup {
        guard let row = try await db.queryFirst("SELECT * FROM biowaste_pickups WHERE id = ?", [id]) else {
            throw KernelError.notFound(entity: "pickup", id: id.uuidString)
        }
        return try await pickup(row, in: db)
    }

    /// The pickup, or nil when there is none with this id.
    static func find(_ id: UUID, in db: any SQLExecutor) async throws -> BiowastePickup? {
        guard let row = try await db.queryFirst("SELECT * FROM biowaste_pickups WHERE id = ?", [id]) else { return nil }
        return try await pickup(row, in: db)
    }

    static func pickup(_ row: SQLRow, in db: any SQLExecutor) async throws -> BiowastePickup {
        let id = try row.uuid("id")
        let containers = try await db.query(
            "SELECT * FROM biowaste_pickup_containers WHERE pickup_id = ? ORDER BY container_id", [id]
        ).map {
            BiowastePickup.ContainerRecord(
                containerId: try $0.uuid("container_id"), kg: try $0.optionalDouble("kg"), refused: try $0.bool("refused"),
                reason: try $0.optionalString("reason"))
        }
        return BiowastePickup(
            id: id, siteId: try row.uuid("site_id"), destinationSiteId: try row.uuid("destination_site_id"),
            day: try row.calendarDate("day"),
            taskId: try row.optionalUUID("task_id"), status: try row.string("status"), estimatedKg: try row.double("estimated_kg"),
            estimatedLitres: try row.double("estimated_litres"), collectedKg: try row.optionalInt("collected_grams").map(Grams.kg),
            deliveredKg: try row.optionalInt("delivered_grams").map(Grams.kg), containers: containers)
    }

    /// Pickups, newest day first; `organisations` (nil: all) keeps those at the
    /// sites of these organisations; filtered and paged in SQL.
    static func list(
        day: CalendarDate?, site: UUID?, organisations: Set<UUID>? = nil, page: PageRequest? = nil, in db: any SQLExecutor
    ) async throws -> Page<BiowastePickup> {
        var query = SQLListQuery("SELECT * FROM biowaste_pickups")
        // The organisations' sites, from the kernel.
        let sites = try await organisations.asyncMap {
            try await Set(SiteService().list(organisations: $0, organisation: nil, in: db).items.map(\.id))
        }
        query.filter("site_id", in: sites)
        query.filter("day = ?", day)
        query.filter("site_id = ?", site)
        query.order(by: "day DESC, site_id, id", page: page)
        return try await query.page(in: db) { rows in
            var pickups: [BiowastePickup] = []
            for row in rows { pickups.append(try await pickup(row, in: db)) }
            return pickups
        }
    }
}
