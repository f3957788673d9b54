import CollectoKernel
import Foundation

/// Emergency parcels: compositions per household size, requests from
/// referring social services, preparation from stock first-expiring first,
/// hand-over.
struct ParcelService: Sendable {
    let stock: StockService

    /// A new composition for a range of household sizes no active one serves.
    func define(_ input: ParcelComposition.Input, in tx: Transaction) async throws -> ParcelComposition {
        try await check(input, replacing: nil, in: tx)
        let composition = ParcelComposition(
            id: UUID(), name: input.name, householdMin: input.householdMin, householdMax: input.householdMax, active: true,
            lines: input.lines, createdAt: tx.now)
        try await tx.execute(
            "INSERT INTO foodaid_parcel_compositions (id, name, household_min, household_max, active, created_at) VALUES (?, ?, ?, ?, 1, ?)",
            [composition.id, composition.name, composition.householdMin, composition.householdMax, tx.now])
        try await insertLines(of: composition.id, input.lines, in: tx)
        return composition
    }

    /// Changes an active composition: its name, range and lines (requests
    /// already prepared keep what they reserved).
    func update(_ id: UUID, with input: ParcelComposition.Input, in tx: Transaction) async throws -> ParcelComposition {
        let current = try await composition(id, in: tx)
        guard current.active else { throw FoodAidError.compositionRetired(composition: id) }
        try await check(input, replacing: id, in: tx)
        try await tx.execute(
            "UPDATE foodaid_parcel_compositions SET name = ?, household_min = ?, household_max = ? WHERE id = ?",
            [input.name, input.householdMin, input.householdMax, id])
        try await tx.execute("DELETE FROM foodaid_parcel_composition_lines WHERE composition_id = ?", [id])
        try await insertLines(of: id, input.lines, in: tx)
        return try await composition(id, in: tx)
    }

    /// Retires a composition: no request is prepared with it any more, and its range is free for another.
    func retire(_ id: UUID, in tx: Transaction) async throws -> ParcelComposition {
        let current = try await composition(id, in: tx)
        guard current.active else { throw FoodAidError.compositionRetired(composition: id) }
        try await tx.execute("UPDATE foodaid_parcel_compositions SET active = 0 WHERE id = ?", [id])
        return try await composition(id, in: tx)
    }

    /// The rules of a composition: a name, a range of 1 to 20 people that no
    /// other active composition covers, and active products listed once each.
    private func check(_ input: ParcelComposition.Input, replacing id: UUID?, in tx: Transaction) async throws {
        try Validate.nonEmpty(input.name, field: "name", maxLength: 200)
        try Validate.range(input.householdMin, 1...20, field: "householdMin")
        try Validate.range(input.householdMax, input.householdMin...20, field: "householdMax")
        guard !input.lines.isEmpty else { throw KernelError.invalid(field: "lines", message: "a parcel holds at least one product") }
        var seen: Set<UUID> = []
        for (index, line) in input.lines.enumerated() {
            try Validate.range(line.quantity, 1...1000, field: "lines[\(index)].quantity")
            guard seen.insert(line.productId).inserted else {
                throw KernelError.invalid(
                    field: "lines[\(index)].productId", message: "each product appears once; give \(line.productId) one quantity")
            }
            guard try await CatalogueService().get(line.productId, in: tx)?.active == true else {
                throw KernelError.invalid(field: "lines[\(index)].productId", message: "no active product \(line.productId)")
            }
        }
        if let clash = try await compositions(in: tx).first(where: {
            $0.id != id && ($0.householdMin...$0.householdMax).overlaps(input.householdMin...input.householdMax)
        }) {
            throw FoodAidError.compositionOverlap(
                composition: clash.id, name: clash.name, householdMin: clash.householdMin, householdMax: clash.householdMax)
        }
    }

    private func insertLines(of id: UUID, _ lines: [ParcelComposition.Line], in tx: Transaction) async throws {
        for line in lines {
            try await tx.execute(
                "INSERT INTO foodaid_parcel_composition_lines (composition_id, product_id, quantity) VALUES (?, ?, ?)",
                [id, line.productId, line.quantity])
        }
    }

    /// One composition, active or retired.
    func composition(_ id: UUID, in db: any SQLExecutor) async throws -> ParcelComposition {
        guard let row = try await db.queryFirst("SELECT * FROM foodaid_parcel_compositions WHERE id = ?", [id]) else {
            throw KernelError.notFound(entity: "parcel composition", id: id.uuidString)
        }
        return try await composition(row, in: db)
    }

    /// The active compositions, smallest households first.
    func compositions(in db: any SQLExecutor) async throws -> [ParcelComposition] {
        var result: [ParcelComposition] = []
        for row in try await db.query("SELECT * FROM foodaid_parcel_compositions WHERE active = 1 ORDER BY household_min, name") {
            result.append(try await composition(row, in: db))
        }
        return result
    }

    private func composition(_ row: SQLRow, in db: any SQLExecutor) async throws -> ParcelComposition {
        let id = try row.uuid("id")
        let lines = try await db.query(
            "SELECT product_id, quantity FROM foodaid_parcel_composition_lines WHERE composition_id = ? ORDER BY product_id", [id]
        ).map { ParcelComposition.Line(productId: try $0.uuid("product_id"), quantity: try $0.int("quantity")) }
        return ParcelComposition(
            id: id, name: try row.string("name"), householdMin: try row.int("household_min"), householdMax: try row.int("household_max"),
            active: try row.bool("active"), lines: lines, createdAt: try row.instant("created_at"))
    }

    func request(_ input: ParcelRequest.Input, in tx: Transaction) async throws -> ParcelRequest {
        try Validate.range(input.householdSize, 1...20, field: "householdSize")
        try Validate.range(input.parcels, 1...100, field: "parcels")
        // A day already over wherever the deployment is (a day before today in UTC) is no day to hand parcels over.
        guard input.neededBy >= CalendarDate(tx.now, in: .gmt).adding(days: -1) else {
            throw KernelError.invalid(field: "neededBy", message: "\(input.neededBy) has passed")
        }
        guard try await OrganisationService().get(input.referrerId, in: tx) != nil else {
            throw KernelError.invalid(field: "referrerId", message: "no organisation \(input.referrerId)")
        }
        let request = ParcelRequest(
            id: UUID(), referrerId: input.referrerId, householdSize: input.householdSize, parcels: input.parcels, neededBy: input.neededBy,
            compositionId: nil, status: .requested, createdAt: tx.now, updatedAt: tx.now)
        try await tx.execute(
            """
            INSERT INTO foodaid_parcel_requests (id, referrer_id, household_size, parcels, needed_by, status, created_at, updated_at)
            VALUES (?, ?, ?, ?, ?, 'requested', ?, ?)
            """, [request.id, request.referrerId, request.householdSize, request.parcels, request.neededBy, tx.now, tx.now])
        return request
    }

    /// Reserves the parcels' products first-expiring first; refuses, naming what is short, rather than prepare incomplete parcels.
    func prepare(_ id: UUID, in tx: Transaction) async throws -> ParcelRequest {
        let request = try await load(id, in: tx)
        guard request.status == .requested else {
            throw FoodAidError.parcelStatus(request: request.id, status: request.status.rawValue)
        }
        guard
            let composition = try await compositions(in: tx).first(where: {
                (request.householdSize...request.householdSize).overlaps($0.householdMin...$0.householdMax)
            })
        else {
            throw FoodAidError.noComposition(householdSize: request.householdSize)
        }
        var short: [String] = []
        for line in composition.lines {
            guard let product = try await CatalogueService().get(line.productId, in: tx) else { continue }
            let wanted = line.quantity * request.parcels
            let got = try await stock.reserve(product: product, quantity: wanted, for: id, shipDay: request.neededBy, in: tx)
            if got < wanted { short.append("\(product.name): \(got) of \(wanted)") }
        }
        guard short.isEmpty else {
            throw FoodAidError.stockShort(parcels: request.parcels, shortages: short)
        }
        try await tx.execute(
            "UPDATE foodaid_parcel_requests SET status = 'prepared', composition_id = ?, updated_at = ? WHERE id = ?",
            [composition.id, tx.now, id])
        return try await load(id, in: tx)
    }

    func handOver(_ id: UUID, in tx: Transaction) async throws -> ParcelRequest {
        let request = try await load(id, in: tx)
        guard request.status == .prepared else {
            throw FoodAidError.parcelStatus(request: request.id, status: request.status.rawValue)
        }
        _ = try await stock.ship(order: id, in: tx)
        try await tx.execute("UPDATE foodaid_parcel_requests SET status = 'handed_over', updated_at = ? WHERE id = ?", [tx.now, id])
        return try await load(id, in: tx)
    }

    func cancel(_ id: UUID, in tx: Transaction) async throws -> ParcelRequest {
        let request = try await load(id, in: tx)
        guard request.status == .requested || request.status == .prepared else {
            throw FoodAidError.parcelStatus(request: request.id, status: request.status.rawValue)
        }
        try await stock.release(order: id, reason: "parcel request cancelled", in: tx)
        try await tx.execute("UPDATE foodaid_parcel_requests SET status = 'cancelled', updated_at = ? WHERE id = ?", [tx.now, id])
        return try await load(id, in: tx)
    }

    func load(_ id: UUID, in db: any SQLExecutor) async throws -> ParcelRequest {
        guard let request = try await find(id, in: db) else { throw KernelError.notFound(entity: "parcel request", id: id.uuidString) }
        return request
    }

    /// Parcel requests of the organisations a caller reads (all when nil), by the day they are needed, paged in SQL.
    func requests(visibleTo readable: Set<UUID>?, page: PageRequest, in db: any SQLExecutor) async throws -> Page<ParcelRequest> {
        var query = SQLListQuery("SELECT * FROM foodaid_parcel_requests")
        query.filter("referrer_id", in: readable)
        query.order(by: "needed_by, created_at, id", page: page)
        return try await query.page(in: db, each: Self.request)
    }

    /// The parcel request, or nil when there is none with this id.
    func find(_ id: UUID, in db: any SQLExecutor) async throws -> ParcelRequest? {
        try await db.queryFirst("SELECT * FROM foodaid_parcel_requests WHERE id = ?", [id]).map(Self.request)
    }

    static func request(_ row: SQLRow) throws -> ParcelRequest {
        ParcelRequest(
            id: try row.uuid("id"), referrerId: try row.uuid("referrer_id"), householdSize: try row.int("household_size"),
            parcels: try row.int("parcels"), neededBy: try row.calendarDate("needed_by"),
            compositionId: try row.optionalUUID("composition_id"),
            status: try row.value(ParcelRequestStatus.self, "status"), createdAt: try row.instant("created_at"),
            updatedAt: try row.instant("updated_at"))
    }
}
