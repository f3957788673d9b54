import CollectoKernel
import Foundation

/// Pickups at donors: created from accepted offers and from donors' usual
/// days, carried by kernel tasks, then sorted into stock, produce for
/// processing and unfit food.
struct PickupService: Sendable {
    let tasks: TaskService
    let timeZone: TimeZone

    /// A pickup and its logistics task; `latestPickupAt` is when the goods
    /// must be collected at the latest (the use-by margin at take-over).
    func create(
        donor: UUID, site: UUID, warehouse: UUID, offer: UUID?, window: TimeWindow, kg: Double, temperature: TemperatureClass,
        latestPickupAt: Date? = nil, in tx: Transaction
    ) async throws -> Pickup {
        guard try await SiteService().get(warehouse, in: tx) != nil else {
            throw KernelError.invalid(field: "warehouseSiteId", message: "no site \(warehouse)")
        }
        let id = UUID()
        let task = try await tasks.create(
            .init(
                kind: "foodaid.donor_pickup", reference: id.uuidString.lowercased(), organisationId: donor,
                pickup: .init(siteId: site, window: window),
                drop: .init(siteId: warehouse, window: TimeWindow(from: window.from, until: window.until.addingTimeInterval(4 * 3600))),
                kg: kg, litres: kg * 2.5, temperature: temperature, isFood: true, latestPickupAt: latestPickupAt),
            in: tx)
        let pickup = Pickup(
            id: id, donorId: donor, siteId: site, warehouseSiteId: warehouse, offerId: offer, day: CalendarDate(window.from, in: timeZone),
            status: .planned, taskId: task.id, receivedKg: nil, sortedAt: nil, createdAt: tx.now, driverKg: nil,
            weightDifferenceReason: nil)
        try await tx.execute(
            """
            INSERT INTO foodaid_pickups (id, donor_id, site_id, warehouse_site_id, offer_id, day, status, task_id, created_at)
            VALUES (?, ?, ?, ?, ?, ?, 'planned', ?, ?)
            """, [id, donor, site, warehouse, offer, pickup.day, task.id, tx.now])
        return pickup
    }

    /// Creates the regular pickups of every donor whose usual days fall between `from` and `until` (once per donor and day).
    func scheduleRegular(from: CalendarDate, until: CalendarDate, warehouse: UUID, estimatedKg: Double, in tx: Transaction) async throws
        -> [Pickup]
    {
        guard from <= until, from.days(until: until) <= 31 else {
            throw KernelError.invalid(field: "until", message: "schedule from 1 to 31 days at a time")
        }
        var created: [Pickup] = []
        for profile in try await DonorProfileStore().all(in: tx) where !profile.usualPickupDays.isEmpty {
            var site = profile.siteId
            if site == nil {
                site = try await SiteService().list(organisations: nil, organisation: profile.organisationId, in: tx).items.first?.id
            }
            guard let site else { continue }
            var day = from
            while day <= until {
                defer { day = day.adding(days: 1) }
                guard profile.usualPickupDays.contains(day.weekday) else { continue }
                if try await tx.queryFirst("SELECT id FROM foodaid_pickups WHERE donor_id = ? AND day = ?", [profile.organisationId, day])
                    != nil
                {
                    continue
                }
                let window = TimeWindow(
                    from: day.instant(at: LocalTime(hour: 8, minute: 0)!, in: timeZone),
                    until: day.instant(at: LocalTime(hour: 12, minute: 0)!, in: timeZone))
                created.append(
                    try await create(
                        donor: profile.organisationId, site: site, warehouse: warehouse, offer: nil, window: window, kg: estimatedKg,
                        temperature: .chilled, in: tx))
            }
        }
        return created
    }

    func get(_ id: UUID, in db: any SQLExecutor) async throws -> Pickup? {
        try await db.queryFirst("SELECT * FROM foodaid_pickups WHERE id = ?", [id]).map(Self.pickup)
    }

    /// Pickups by day and donor, of `donors` only (all when nil), filtered and paged in SQL.
    func list(
        day: CalendarDate?, donor: UUID?, donors: Set<UUID>? = nil, page: PageRequest? = nil, in db: any SQLExecutor
    ) async throws -> Page<Pickup> {
        var query = SQLListQuery("SELECT * FROM foodaid_pickups")
        query.filter("day = ?", day)
        query.filter("donor_id = ?", donor)
        query.filter("donor_id", in: donors)
        query.order(by: "day, id", page: page)
        return try await query.page(in: db, each: Self.pickup)
    }

    /// Follows the round: a pickup dropped at the warehouse is received with the weight the driver recorded.
    static let arrivals = EventHandler.on(TaskStopRecorded.self, name: "foodaid.pickup_arrivals") { event, _, tx in
        guard event.kind == "foodaid.donor_pickup", let id = UUID(uuidString: event.reference) else { return }
        if event.outcome == .failed {
            try await tx.execute("UPDATE foodaid_pickups SET status = 'failed' WHERE id = ? AND status = 'planned'", [id])
        } else if event.action == .drop {
            try await recordArrival(id, driverKg: event.actualKg, in: tx)
        }
    }

    /// The pickup reached the warehouse, with the weight the driver recorded (if any).
    static func recordArrival(_ id: UUID, driverKg: Double?, in tx: Transaction) async throws {
        try await tx.execute(
            "UPDATE foodaid_pickups SET status = 'received', driver_grams = ? WHERE id = ? AND status = 'planned'",
            [driverKg.map(Grams.of), id])
    }

    static func pickup(_ row: SQLRow) throws -> Pickup {
        Pickup(
            id: try row.uuid("id"), donorId: try row.uuid("donor_id"), siteId: try row.uuid("site_id"),
            warehouseSiteId: try row.uuid("warehouse_site_id"), offerId: try row.optionalUUID("offer_id"), day: try row.calendarDate("day"),
            status: try row.value(PickupStatus.self, "status"), taskId: try row.optionalUUID("task_id"),
            receivedKg: try (row.optionalInt("received_grams") ?? row.optionalInt("driver_grams")).map(Grams.kg),
            sortedAt: try row.optionalInstant("sorted_at"),
            createdAt: try row.instant("created_at"), driverKg: try row.optionalInt("driver_grams").map(Grams.kg),
            weightDifferenceReason: try row.optionalString("weight_difference_reason"))
    }
}
