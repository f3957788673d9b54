import CollectoKernel
import Foundation

/// Stock in lots, changed only through recorded movements so that what is on
/// hand (and reserved) is always the sum of a lot's movements.
struct StockService: Sendable {
    let rules: ShelfLifeRules

    /// A new lot to put in stock.
    struct Receipt: Sendable, Codable, StrictBody {
        enum Field: String, CodingKey, CaseIterable {
            case productId, siteId, quantity, kg, useBy, bestBefore, originKind, originReference
        }
        static let ranges: [FieldRange] = [.integer("quantity", 1...1_000_000), .kilograms("kg", 0.001...50_000)]
        var productId: UUID
        var siteId: UUID
        var quantity: Int
        var useBy: CalendarDate?
        var bestBefore: CalendarDate?
        /// Purchase unless said otherwise.
        var originKind: LotOrigin?
        var originReference: String?
        /// The weight on the scale; the quantity times the product's unit weight when absent.
        var kg: Double? = nil
    }

    /// Receives a new lot. Food past its use-by date is refused; a lot from a
    /// blocked source (``SourceBlocks``) is received under the same block.
    func receive(_ receipt: Receipt, today: CalendarDate, in tx: Transaction) async throws -> Lot {
        try Validate.range(receipt.quantity, 1...1_000_000, field: "quantity")
        guard let product = try await CatalogueService().get(receipt.productId, in: tx) else {
            throw KernelError.invalid(field: "productId", message: "no product \(receipt.productId)")
        }
        guard try await SiteService().get(receipt.siteId, in: tx) != nil else {
            throw KernelError.invalid(field: "siteId", message: "no site \(receipt.siteId)")
        }
        if let useBy = receipt.useBy, useBy < today {
            throw KernelError.invalid(field: "useBy", message: "the use-by date \(useBy) has passed: this food cannot enter stock")
        }
        if receipt.useBy == nil && receipt.bestBefore == nil && product.category != .hygiene {
            throw KernelError.invalid(field: "useBy", message: "food enters stock with a use-by or a best-before date")
        }
        if let kg = receipt.kg { try Validate.range(kg, 0.001...50_000, field: "kg") }
        let origin = receipt.originKind ?? .purchase
        var reference = receipt.originReference ?? ""
        // A pickup's or a workshop output's id, written as every recall and balance looks it up.
        if origin == .pickup || origin == .processing {
            guard let id = UUID(uuidString: reference.trimmingCharacters(in: .whitespaces)) else {
                throw KernelError.invalid(field: "originReference", message: "a lot from a \(origin.rawValue) names its id")
            }
            reference = id.uuidString.lowercased()
            if origin == .pickup, try await PickupService.load(id, in: tx) == nil {
                throw KernelError.invalid(field: "originReference", message: "no pickup \(id)")
            }
            if origin == .processing, try await !SourceBlocks.isAnnounced(output: reference, in: tx) {
                throw KernelError.invalid(field: "originReference", message: "no workshop announced an output lot \(id)")
            }
        }
        // Goods from a blocked source enter stock blocked: a recalled source never yields an available unit.
        let block = try await SourceBlocks.block(origin: origin, reference: reference, in: tx)
        // What the lot weighs as received, and its category as it was then: reports never read today's catalogue.
        let grams = receipt.kg.map(Grams.of) ?? Grams.of(kg: Double(receipt.quantity) * product.unitWeightKg)
        let lot = Lot(
            id: UUID(), productId: product.id, siteId: receipt.siteId, useBy: receipt.useBy, bestBefore: receipt.bestBefore,
            originKind: origin, originReference: reference, status: block?.status ?? .available, onHand: 0,
            reserved: 0, createdAt: tx.now)
        try await tx.execute(
            """
            INSERT INTO foodaid_lots (id, product_id, site_id, use_by, best_before, origin_kind, origin_reference, status, on_hand,
                reserved, created_at, grams_on_hand, category, funding_origin, blocked_by, block_reason, blocked_at)
                VALUES (?, ?, ?, ?, ?, ?, ?, ?, 0, 0, ?, 0, ?, ?, ?, ?, ?)
            """,
            [
                lot.id, lot.productId, lot.siteId, lot.useBy, lot.bestBefore, lot.originKind.rawValue, lot.originReference,
                lot.status.rawValue, lot.createdAt, product.category.rawValue, product.fundingOrigin.rawValue, block?.by.rawValue,
                block?.reason, block.map { _ in tx.now },
            ])
        try await record(lot.id, .receipt, onHand: receipt.quantity, reserved: 0, grams: grams, reason: nil, order: nil, in: tx)
        return try await self.lot(lot.id, in: tx)!
    }

    /// Changes a lot's quantities and records why, in one step, with the
    /// weight that moved: given for a receipt; otherwise the units' share of
    /// the lot's weight on hand, the last unit out taking what is left, so that
    /// a lot's movements add up to its weight to the gram.
    @discardableResult
    func record(
        _ lot: UUID, _ kind: MovementKind, onHand: Int, reserved: Int, grams given: Int? = nil, reason: String?, order: UUID?,
        in tx: Transaction
    ) async throws -> Int {
        let grams: Int
        if let given {
            grams = given
        } else if onHand == 0 {
            grams = 0
        } else {
            grams = try await Self.share(of: lot, units: onHand, in: tx)
        }
        try await tx.execute(
            """
            INSERT INTO foodaid_movements (lot_id, kind, on_hand_change, reserved_change, reason, order_id, user_id, at, grams)
            VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?)
            """, [lot, kind.rawValue, onHand, reserved, reason, order, tx.caller?.userID, tx.now, grams])
        try await tx.execute(
            """
            UPDATE foodaid_lots SET on_hand = on_hand + ?, reserved = reserved + ?, grams_on_hand = grams_on_hand + ?,
                status = CASE WHEN status = 'available' AND on_hand + ? <= 0 THEN 'depleted'
                              WHEN status = 'depleted' AND on_hand + ? > 0 THEN 'available' ELSE status END
            WHERE id = ?
            """, [onHand, reserved, grams, onHand, onHand, lot])
        guard let row = try await tx.queryFirst("SELECT on_hand, reserved FROM foodaid_lots WHERE id = ?", [lot]),
            try row.int("on_hand") >= 0, try row.int("reserved") >= 0, try row.int("reserved") <= row.int("on_hand"),
            try row.int("on_hand") <= Self.maximumUnitsInALot
        else {
            throw FoodAidError.stockInsufficient(lot: lot, movement: kind.rawValue)
        }
        return grams
    }

    /// No lot holds more: a count beyond it is a typing mistake, not a delivery.
    static let maximumUnitsInALot = 1_000_000

    /// The weight of `units` units of a lot (negative when they leave): their share of its weight on hand, all of it for
    /// the last ones, or the weight per unit the lot was received with when none is on hand.
    static func share(of lot: UUID, units: Int, in db: any SQLExecutor) async throws -> Int {
        guard let row = try await db.queryFirst("SELECT on_hand, grams_on_hand FROM foodaid_lots WHERE id = ?", [lot]) else { return 0 }
        let onHand = try row.int("on_hand")
        let grams = try row.optionalInt("grams_on_hand") ?? 0
        if onHand > 0 {
            if onHand + units == 0 { return -grams }
            return Grams.whole(
                Double(units) * Double(grams) / Double(onHand), rounding: .toNearestOrAwayFromZero, in: -Grams.maximum...Grams.maximum)
        }
        let receipt = try await db.queryFirst(
            "SELECT on_hand_change, grams FROM foodaid_movements WHERE lot_id = ? AND kind = 'receipt' ORDER BY id LIMIT 1", [lot])
        guard let receipt, let received = try receipt.optionalInt("grams"), try receipt.int("on_hand_change") > 0 else { return 0 }
        return Grams.whole(
            Double(units) * Double(received) / Double(try receipt.int("on_hand_change")), rounding: .toNearestOrAwayFromZero,
            in: -Grams.maximum...Grams.maximum)
    }

    /// An adjustment (a count that differs) or a loss, with its reason. A loss
    /// may take units promised to orders (they are in the warehouse, and broke
    /// there): what the lot's free units do not cover is withdrawn from the
    /// reservations first (``withdrawReserved(_:from:reason:in:)``). Nothing
    /// takes more than is on hand.
    func correct(_ lotID: UUID, kind: MovementKind, change: Int, reason: String, in tx: Transaction) async throws -> Lot {
        guard kind == .adjustment || kind == .loss else {
            throw KernelError.invalid(field: "kind", message: "only adjustment and loss can be recorded by hand")
        }
        try Validate.nonEmpty(reason, field: "reason", maxLength: 500)
        try Validate.range(change, -100_000...100_000, field: "change")
        guard change != 0, kind == .adjustment || change < 0 else {
            throw KernelError.invalid(field: "change", message: kind == .loss ? "a loss is a negative change" : "the change cannot be 0")
        }
        guard let before = try await lot(lotID, in: tx) else { throw KernelError.notFound(entity: "lot", id: lotID.uuidString) }
        if kind == .loss, -change <= before.onHand, -change > before.free {
            try await withdrawReserved(-change - before.free, from: before, reason: reason, in: tx)
        }
        try await record(lotID, kind, onHand: change, reserved: 0, reason: reason, order: nil, in: tx)
        return try await lot(lotID, in: tx)!
    }

    /// Reserves `quantity` units of a product for an order, first-expiring first,
    /// from lots that may go out on `day` (and still may on `shipDay`).
    /// Returns how many units it could reserve (at most `quantity`).
    func reserve(product: Product, quantity: Int, for order: UUID, shipDay: CalendarDate, in tx: Transaction) async throws -> Int {
        var remaining = quantity
        for lot in try await outgoingLots(product: product, on: shipDay, in: tx) where remaining > 0 {
            let take = min(lot.free, remaining)
            guard take > 0 else { continue }
            try await record(lot.id, .reservation, onHand: 0, reserved: take, reason: nil, order: order, in: tx)
            remaining -= take
        }
        return quantity - remaining
    }

    /// Lots of a product that may go out on `day`, in FEFO order.
    func outgoingLots(product: Product, on day: CalendarDate, in db: any SQLExecutor) async throws -> [Lot] {
        let lots = try await db.query(
            "SELECT * FROM foodaid_lots WHERE product_id = ? AND status = 'available' AND on_hand > reserved", [product.id]
        ).map(Self.lot)
        return ShelfLifeRules.fefo(lots.filter { rules.mayGoOut($0, category: product.category, on: day) })
    }

    /// Units of each product that may be promised for `day`.
    func freeUnits(on day: CalendarDate, products: [Product], in db: any SQLExecutor) async throws -> [UUID: Int] {
        var free: [UUID: Int] = [:]
        for product in products {
            free[product.id] = try await outgoingLots(product: product, on: day, in: db).reduce(0) { $0 + $1.free }
        }
        return free
    }

    /// What an order still holds reserved, per lot.
    func reservations(of order: UUID, in db: any SQLExecutor) async throws -> [(lot: UUID, units: Int)] {
        try await db.query(
            """
            SELECT lot_id, SUM(reserved_change) AS units FROM foodaid_movements WHERE order_id = ?
            GROUP BY lot_id HAVING SUM(reserved_change) > 0 ORDER BY lot_id
            """, [order]
        ).map { (try $0.uuid("lot_id"), try $0.int("units")) }
    }

    /// Gives back what an order holds.
    func release(order: UUID, reason: String, in tx: Transaction) async throws {
        for (lot, units) in try await reservations(of: order, in: tx) {
            try await record(lot, .release, onHand: 0, reserved: -units, reason: reason, order: order, in: tx)
        }
    }

    /// Ships what an order holds: the units leave the warehouse, with their weight.
    func ship(order: UUID, in tx: Transaction) async throws -> [(lot: UUID, units: Int, grams: Int)] {
        var shipped: [(lot: UUID, units: Int, grams: Int)] = []
        for (lot, units) in try await reservations(of: order, in: tx) {
            let grams = try await record(lot, .shipment, onHand: -units, reserved: -units, reason: nil, order: order, in: tx)
            shipped.append((lot, units, -grams))
        }
        return shipped
    }

    func lot(_ id: UUID, in db: any SQLExecutor) async throws -> Lot? {
        try await db.queryFirst("SELECT * FROM foodaid_lots WHERE id = ?", [id]).map(Self.lot)
    }

    static func lot(_ row: SQLRow) throws -> Lot {
        Lot(
            id: try row.uuid("id"), productId: try row.uuid("product_id"), siteId: try row.uuid("site_id"),
            useBy: row.isNull("use_by") ? nil : try row.calendarDate("use_by"),
            bestBefore: row.isNull("best_before") ? nil : try row.calendarDate("best_before"),
            originKind: try row.value(LotOrigin.self, "origin_kind"),
            originReference: try row.string("origin_reference"), status: try row.value(LotStatus.self, "status"),
            onHand: try row.int("on_hand"), reserved: try row.int("reserved"), createdAt: try row.instant("created_at"),
            block: try row.optionalString("blocked_by").map { source in
                guard let by = LotBlockSource(rawValue: source) else {
                    throw StorageError.unexpectedValue(column: "blocked_by", expected: "staff or processing")
                }
                return LotBlock(by: by, reason: try row.optionalString("block_reason") ?? "", at: try row.instant("blocked_at"))
            })
    }
}
