import CollectoKernel
import Foundation

/// Exchanges between associations: surpluses posted and claimed (first claim
/// wins, the transfer recorded), and shared equipment booked without overlap.
struct SharingService: Sendable {
    let timeZone: TimeZone

    func post(_ input: Surplus.Input, in tx: Transaction) async throws -> Surplus {
        try Validate.nonEmpty(input.description, field: "description", maxLength: 300)
        try Validate.range(input.quantity, 1...100_000, field: "quantity")
        if let useBy = input.useBy, useBy < CalendarDate(tx.now, in: timeZone) {
            throw KernelError.invalid(field: "useBy", message: "food past its use-by date cannot be passed on")
        }
        var site = input.siteId
        if site == nil {
            site = try await SiteService().list(organisations: nil, organisation: input.organisationId, in: tx).items.first?.id
        }
        guard let site, try await SiteService().get(site, in: tx)?.organisationId == input.organisationId else {
            throw KernelError.invalid(field: "siteId", message: "say where the surplus can be collected (one of your sites)")
        }
        if let order = input.sourceOrderId {
            guard try await OrderStore().order(order, in: tx)?.organisationId == input.organisationId else {
                throw KernelError.invalid(field: "sourceOrderId", message: "the order is not one of yours")
            }
        }
        let surplus = Surplus(
            id: UUID(), organisationId: input.organisationId, siteId: site, productId: input.productId, sourceOrderId: input.sourceOrderId,
            description: input.description, quantity: input.quantity, useBy: input.useBy, bestBefore: input.bestBefore, status: .posted,
            claimedBy: nil, transferredAt: nil, createdAt: tx.now)
        try await tx.execute(
            """
            INSERT INTO foodaid_surpluses (id, organisation_id, site_id, product_id, source_order_id, description, quantity, use_by, best_before,
                status, created_at, updated_at) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, 'posted', ?, ?)
            """,
            [
                surplus.id, surplus.organisationId, site, surplus.productId, surplus.sourceOrderId, surplus.description, surplus.quantity,
                surplus.useBy, surplus.bestBefore, tx.now, tx.now,
            ])
        return surplus
    }

    /// Moves a surplus on: `claim` (another partner, first wins), `transfer` (the poster hands it over), `withdraw`.
    func move(_ id: UUID, _ action: String, by organisation: UUID, in tx: Transaction) async throws -> Surplus {
        guard let surplus = try await surplus(id, in: tx) else { throw KernelError.notFound(entity: "surplus", id: id.uuidString) }
        let changed: Int
        switch action {
        case "claim":
            guard organisation != surplus.organisationId else {
                throw KernelError.invalid(field: "organisationId", message: "you posted it")
            }
            changed = try await tx.execute(
                "UPDATE foodaid_surpluses SET status = 'claimed', claimed_by = ?, updated_at = ? WHERE id = ? AND status = 'posted'",
                [organisation, tx.now, id])
        case "transfer":
            try requirePoster(surplus, organisation)
            changed = try await tx.execute(
                "UPDATE foodaid_surpluses SET status = 'transferred', transferred_at = ?, updated_at = ? WHERE id = ? AND status = 'claimed'",
                [tx.now, tx.now, id])
        default:
            try requirePoster(surplus, organisation)
            changed = try await tx.execute(
                "UPDATE foodaid_surpluses SET status = 'withdrawn', updated_at = ? WHERE id = ? AND status IN ('posted', 'claimed')",
                [tx.now, id])
        }
        guard changed == 1 else {
            throw FoodAidError.surplusStatus(surplus: id, status: surplus.status.rawValue, action: "\(action)")
        }
        return try await self.surplus(id, in: tx)!
    }

    private func requirePoster(_ surplus: Surplus, _ organisation: UUID) throws {
        guard surplus.organisationId == organisation else { throw KernelError.forbidden("only the partner that posted it does this") }
    }

    func surplus(_ id: UUID, in db: any SQLExecutor) async throws -> Surplus? {
        try await db.queryFirst("SELECT * FROM foodaid_surpluses WHERE id = ?", [id]).map(Self.surplus)
    }

    func surpluses(in db: any SQLExecutor) async throws -> [Surplus] {
        try await db.query("SELECT * FROM foodaid_surpluses ORDER BY created_at DESC, id").map(Self.surplus)
    }

    /// The surpluses a caller sees (posted ones for everyone; their own and the ones they claimed whatever their state),
    /// newest first, filtered and paged in SQL.
    func surpluses(visibleTo readable: Set<UUID>?, page: PageRequest, in db: any SQLExecutor) async throws -> Page<Surplus> {
        var query = SQLListQuery("SELECT * FROM foodaid_surpluses")
        if let readable {
            let ids = readable.sorted { $0.uuidString < $1.uuidString } as [any SQLBindable]
            let marks = ids.isEmpty ? "NULL" : Array(repeating: "?", count: ids.count).joined(separator: ", ")
            query.filter(
                "(status = 'posted' OR organisation_id IN (\(marks)) OR claimed_by IN (\(marks)))", values: ids + ids)
        }
        query.order(by: "created_at DESC, id", page: page)
        return try await query.page(in: db, each: Self.surplus)
    }

    static func surplus(_ row: SQLRow) throws -> Surplus {
        Surplus(
            id: try row.uuid("id"), organisationId: try row.uuid("organisation_id"), siteId: try row.uuid("site_id"),
            productId: try row.optionalUUID("product_id"), sourceOrderId: try row.optionalUUID("source_order_id"),
            description: try row.string("description"), quantity: try row.int("quantity"),
            useBy: row.isNull("use_by") ? nil : try row.calendarDate("use_by"),
            bestBefore: row.isNull("best_before") ? nil : try row.calendarDate("best_before"),
            status: try row.value(SurplusStatus.self, "status"), claimedBy: try row.optionalUUID("claimed_by"),
            transferredAt: try row.optionalInstant("transferred_at"), createdAt: try row.instant("created_at"))
    }

    func declare(_ input: Equipment.Input, in tx: Transaction) async throws -> Equipment {
        try Validate.nonEmpty(input.name, field: "name", maxLength: 200)
        try Validate.nonEmpty(input.kind, field: "kind", maxLength: 60)
        try await OrganisationService().requireExisting(input.ownerId, field: "ownerId", in: tx)
        if let siteID = input.siteId {
            guard let site = try await SiteService().get(siteID, in: tx) else {
                throw KernelError.invalid(field: "siteId", message: "no site \(siteID)")
            }
            guard site.organisationId == input.ownerId else {
                throw KernelError.invalid(field: "siteId", message: "the site \(site.name) is not the owner's")
            }
        }
        let item = Equipment(
            id: UUID(), ownerId: input.ownerId, name: input.name, kind: input.kind, siteId: input.siteId, createdAt: tx.now)
        try await tx.execute(
            "INSERT INTO foodaid_equipment (id, owner_id, name, kind, site_id, created_at) VALUES (?, ?, ?, ?, ?, ?)",
            [item.id, item.ownerId, item.name, item.kind, item.siteId, tx.now])
        return item
    }

    /// The shared equipment, by name, paged in SQL.
    func equipment(page: PageRequest? = nil, in db: any SQLExecutor) async throws -> Page<Equipment> {
        var query = SQLListQuery("SELECT * FROM foodaid_equipment")
        query.order(by: "name, id", page: page)
        return try await query.page(in: db) { rows in try rows.map { try $0.decode(Equipment.self) } }
    }

    /// Books a piece of equipment; refused when it overlaps a booking already made.
    func book(_ equipment: UUID, _ input: EquipmentBooking.Input, in tx: Transaction) async throws -> EquipmentBooking {
        guard try await tx.queryFirst("SELECT id FROM foodaid_equipment WHERE id = ?", [equipment]) != nil else {
            throw KernelError.notFound(entity: "equipment", id: equipment.uuidString)
        }
        guard input.endsAt > input.startsAt else { throw KernelError.invalid(field: "endsAt", message: "a booking ends after it starts") }
        guard input.endsAt > tx.now else {
            throw KernelError.invalid(field: "endsAt", message: "a booking is for a time to come (it may have started)")
        }
        guard input.endsAt.timeIntervalSince(input.startsAt) <= 90 * 86_400 else {
            throw KernelError.invalid(field: "endsAt", message: "a booking lasts at most 90 days")
        }
        if let clash = try await tx.queryFirst(
            """
            SELECT id, starts_at, ends_at FROM foodaid_equipment_bookings
            WHERE equipment_id = ? AND status = 'booked' AND starts_at < ? AND ends_at > ? ORDER BY starts_at LIMIT 1
            """, [equipment, input.endsAt, input.startsAt])
        {
            throw FoodAidError.doubleBooking(
                equipment: equipment, startsAt: try clash.string("starts_at"), endsAt: try clash.string("ends_at"))
        }
        let booking = EquipmentBooking(
            id: UUID(), equipmentId: equipment, borrowerId: input.borrowerId, startsAt: input.startsAt, endsAt: input.endsAt,
            status: "booked",
            createdAt: tx.now)
        try await tx.execute(
            "INSERT INTO foodaid_equipment_bookings (id, equipment_id, borrower_id, starts_at, ends_at, status, created_at) VALUES (?, ?, ?, ?, ?, 'booked', ?)",
            [booking.id, equipment, input.borrowerId, input.startsAt, input.endsAt, tx.now])
        return booking
    }

    func bookings(of equipment: UUID, in db: any SQLExecutor) async throws -> [EquipmentBooking] {
        try await db.query("SELECT * FROM foodaid_equipment_bookings WHERE equipment_id = ? ORDER BY starts_at", [equipment]).map(
            Self.booking)
    }

    /// One booking of a piece of equipment, with the equipment's owner.
    func booking(_ id: UUID, of equipment: UUID, in db: any SQLExecutor) async throws -> (booking: EquipmentBooking, ownerId: UUID)? {
        guard
            let row = try await db.queryFirst(
                """
                SELECT b.*, e.owner_id FROM foodaid_equipment_bookings b JOIN foodaid_equipment e ON e.id = b.equipment_id
                WHERE b.id = ? AND b.equipment_id = ?
                """, [id, equipment])
        else { return nil }
        return (try Self.booking(row), try row.uuid("owner_id"))
    }

    /// Cancels a booking still to come or under way: the equipment is free again from now on.
    func cancel(_ booking: EquipmentBooking, in tx: Transaction) async throws -> EquipmentBooking {
        guard booking.status == "booked", booking.endsAt > tx.now else {
            throw FoodAidError.bookingClosed(booking: booking.id, status: booking.status == "booked" ? "over" : booking.status)
        }
        try await tx.execute("UPDATE foodaid_equipment_bookings SET status = 'cancelled' WHERE id = ?", [booking.id])
        var cancelled = booking
        cancelled.status = "cancelled"
        return cancelled
    }

    static func booking(_ row: SQLRow) throws -> EquipmentBooking {
        EquipmentBooking(
            id: try row.uuid("id"), equipmentId: try row.uuid("equipment_id"), borrowerId: try row.uuid("borrower_id"),
            startsAt: try row.instant("starts_at"), endsAt: try row.instant("ends_at"), status: try row.string("status"),
            createdAt: try row.instant("created_at"))
    }
}
