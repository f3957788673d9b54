import CollectoKernel
import Foundation

/// From allocation to the partner: validation, picking (FEFO lots), shipping
/// on a round or handing over at the warehouse, and the partner's receipt.
struct FulfilmentService: Sendable {
    /// One line of a picking list: which lot to take from, how many units.
    struct Pick: Sendable, Codable {
        var productId: UUID
        var productName: String
        var lotId: UUID
        var useBy: CalendarDate?
        var bestBefore: CalendarDate?
        /// Goes out past its best-before date: label it so.
        var pastBestBefore: Bool
        var units: Int
        var kg: Double
    }

    /// What a partner reports on receipt.
    struct Receipt: Sendable, Codable, StrictBody {
        enum Field: String, CodingKey, CaseIterable { case lines }
        static let ranges: [FieldRange] = [.integer("lines[].received", 0...1_000_000), .kilograms("lines[].receivedKg", 0...100_000)]
        /// One product as received.
        struct Line: Sendable, Codable {
            var productId: UUID
            var received: Int
            var receivedKg: Double?
            var discrepancy: String?
        }
        var lines: [Line]
    }

    let stock: StockService
    let tasks: TaskService
    let timeZone: TimeZone

    func advance(_ orderID: UUID, from expected: OrderStatus, to next: OrderStatus, in tx: Transaction) async throws -> PartnerOrder {
        let order = try await load(orderID, in: tx)
        guard order.status == expected else {
            throw FoodAidError.orderStatus(order: order.id, status: order.status.rawValue, expected: expected.rawValue)
        }
        try await OrderStore().setStatus(next, of: orderID, in: tx)
        return try await load(orderID, in: tx)
    }

    /// The lots to pick for an order, first-expiring first.
    func pickingList(_ orderID: UUID, in db: any SQLExecutor) async throws -> [Pick] {
        let window = try await OrderStore().window(try await load(orderID, in: db).windowId, in: db)!
        var picks: [Pick] = []
        for (lotID, units) in try await stock.reservations(of: orderID, in: db) {
            guard let lot = try await stock.lot(lotID, in: db), let product = try await CatalogueService().get(lot.productId, in: db) else {
                continue
            }
            picks.append(
                Pick(
                    productId: product.id, productName: product.name, lotId: lot.id, useBy: lot.useBy, bestBefore: lot.bestBefore,
                    pastBestBefore: stock.rules.isPastBestBefore(lot, on: window.deliveryDay), units: units,
                    kg: Double(units) * product.unitWeightKg))
        }
        return picks.sorted { ($0.productName, $0.expiry) < ($1.productName, $1.expiry) }
    }

    /// What an order holds or has received, lot by lot: reserved units before shipping, shipped units after.
    func shippedOrReserved(_ orderID: UUID, on day: CalendarDate, in db: any SQLExecutor) async throws -> [Pick] {
        let rows = try await db.query(
            """
            SELECT lot_id, SUM(reserved_change) AS held, SUM(CASE WHEN kind = 'shipment' THEN -on_hand_change ELSE 0 END) AS sent
            FROM foodaid_movements WHERE order_id = ? GROUP BY lot_id ORDER BY lot_id
            """, [orderID])
        var picks: [Pick] = []
        for row in rows {
            let units = try row.int("held") + row.int("sent")
            guard units > 0, let lot = try await stock.lot(try row.uuid("lot_id"), in: db),
                let product = try await CatalogueService().get(lot.productId, in: db)
            else { continue }
            picks.append(
                Pick(
                    productId: product.id, productName: product.name, lotId: lot.id, useBy: lot.useBy, bestBefore: lot.bestBefore,
                    pastBestBefore: stock.rules.isPastBestBefore(lot, on: day), units: units, kg: Double(units) * product.unitWeightKg))
        }
        return picks.sorted { ($0.productName, $0.expiry) < ($1.productName, $1.expiry) }
    }

    /// Ships a prepared order: its units leave stock, and a delivery window gets a kernel task to the partner's site.
    func ship(_ orderID: UUID, in tx: Transaction) async throws -> PartnerOrder {
        let order = try await load(orderID, in: tx)
        guard order.status == .prepared else {
            throw FoodAidError.orderStatus(order: order.id, status: order.status.rawValue, expected: "prepared")
        }
        let window = try await OrderStore().window(order.windowId, in: tx)!
        var grams = 0
        var temperature = TemperatureClass.ambient
        var shipped: [UUID: (units: Int, grams: Int)] = [:]
        for (lotID, units, weight) in try await stock.ship(order: orderID, in: tx) {
            guard let lot = try await stock.lot(lotID, in: tx), let product = try await CatalogueService().get(lot.productId, in: tx) else {
                continue
            }
            grams += weight
            shipped[product.id, default: (0, 0)].units += units
            shipped[product.id, default: (0, 0)].grams += weight
            if product.temperature == .frozen || (product.temperature == .chilled && temperature == .ambient) {
                temperature = product.temperature
            }
        }
        for line in order.lines {
            let sent = shipped[line.productId] ?? (0, 0)
            try await tx.execute(
                "UPDATE foodaid_order_lines SET shipped = ?, shipped_grams = ? WHERE order_id = ? AND product_id = ?",
                [sent.units, sent.grams, orderID, line.productId])
        }
        var next = OrderStatus.collected
        var taskID: UUID?
        if window.fulfilment == .delivery {
            guard let site = order.deliverySiteId else {
                throw KernelError.invalid(field: "deliverySiteId", message: "the partner has no site to deliver to")
            }
            let day = window.deliveryDay
            let span = TimeWindow(
                from: day.instant(at: LocalTime(hour: 7, minute: 0)!, in: timeZone),
                until: day.instant(at: LocalTime(hour: 19, minute: 0)!, in: timeZone))
            let task = try await tasks.create(
                .init(
                    kind: "foodaid.partner_delivery", reference: orderID.uuidString.lowercased(), organisationId: order.organisationId,
                    pickup: .init(siteId: window.warehouseSiteId, window: span), drop: .init(siteId: site, window: span),
                    kg: Grams.kg(grams),
                    litres: Grams.kg(grams) * 2.5, temperature: temperature, isFood: true),
                in: tx)
            taskID = task.id
            next = .shipped
        }
        try await tx.execute(
            "UPDATE foodaid_orders SET status = ?, task_id = ?, shipped_at = ?, updated_at = ? WHERE id = ?",
            [next.rawValue, taskID, tx.now, tx.now, orderID])
        return try await load(orderID, in: tx)
    }

    /// The partner's receipt: quantities and weights as received, with any discrepancy.
    func receive(_ orderID: UUID, _ receipt: Receipt, in tx: Transaction) async throws -> PartnerOrder {
        let order = try await load(orderID, in: tx)
        guard order.status == .shipped || order.status == .collected else {
            throw FoodAidError.orderStatus(order: order.id, status: order.status.rawValue, expected: "shipped or collected")
        }
        let products = Set(order.lines.map(\.productId))
        for (index, line) in receipt.lines.enumerated() {
            guard products.contains(line.productId) else {
                throw KernelError.invalid(field: "lines[\(index)].productId", message: "product \(line.productId) is not on the order")
            }
            try Validate.range(line.received, 0...1_000_000, field: "lines[\(index)].received")
            if let kg = line.receivedKg { try Validate.range(kg, 0...100_000, field: "lines[\(index)].receivedKg") }
            try await tx.execute(
                "UPDATE foodaid_order_lines SET received = ?, received_grams = ?, discrepancy = ? WHERE order_id = ? AND product_id = ?",
                [line.received, line.receivedKg.map(Grams.of), line.discrepancy, orderID, line.productId])
        }
        try await OrderStore().setStatus(.received, of: orderID, in: tx)
        return try await load(orderID, in: tx)
    }

    func load(_ id: UUID, in db: any SQLExecutor) async throws -> PartnerOrder {
        try await Self.loadOrder(id, in: db)
    }

    static func loadOrder(_ id: UUID, in db: any SQLExecutor) async throws -> PartnerOrder {
        guard let order = try await OrderStore().order(id, in: db) else { throw KernelError.notFound(entity: "order", id: id.uuidString) }
        return order
    }
}

extension FulfilmentService.Pick {
    var expiry: String { (useBy ?? bestBefore)?.description ?? "9999" }
}
