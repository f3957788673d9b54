import CollectoKernel
import Foundation

/// Reads and writes windows and orders.
struct OrderStore: Sendable {
    func window(_ id: UUID, in db: any SQLExecutor) async throws -> OrderingWindow? {
        guard let row = try await db.queryFirst("SELECT * FROM foodaid_windows WHERE id = ?", [id]) else { return nil }
        let partners = try await db.query(
            "SELECT organisation_id FROM foodaid_window_partners WHERE window_id = ? ORDER BY organisation_id", [id]
        ).map { try $0.uuid("organisation_id") }
        return OrderingWindow(
            id: id, name: try row.string("name"), warehouseSiteId: try row.uuid("warehouse_site_id"), opensAt: try row.instant("opens_at"),
            cutoffAt: try row.instant("cutoff_at"), deliveryDay: try row.calendarDate("delivery_day"),
            fulfilment: try row.value(Fulfilment.self, "fulfilment"), maxKg: try row.optionalDouble("max_kg"),
            maxOrders: try row.optionalInt("max_orders"), status: try row.value(WindowStatus.self, "status"),
            partnerIds: partners, createdAt: try row.instant("created_at"))
    }

    /// Windows, latest cut-off first, paged in SQL; with `organisations`, only
    /// those open to every partner or to one of these.
    func windows(admitting organisations: [UUID]?, page: PageRequest?, in db: any SQLExecutor) async throws -> Page<OrderingWindow> {
        var query = SQLListQuery("SELECT id FROM foodaid_windows")
        if let organisations {
            let open = "NOT EXISTS (SELECT 1 FROM foodaid_window_partners p WHERE p.window_id = foodaid_windows.id)"
            let marks = Array(repeating: "?", count: organisations.count).joined(separator: ", ")
            let listed =
                "EXISTS (SELECT 1 FROM foodaid_window_partners p WHERE p.window_id = foodaid_windows.id AND p.organisation_id IN (\(marks)))"
            query.filter(
                organisations.isEmpty ? open : "(\(open) OR \(listed))", values: organisations.sorted { $0.uuidString < $1.uuidString })
        }
        query.order(by: "cutoff_at DESC, id", page: page)
        return try await query.page(in: db) { rows in
            var windows: [OrderingWindow] = []
            for row in rows {
                if let window = try await window(try row.uuid("id"), in: db) { windows.append(window) }
            }
            return windows
        }
    }

    func insert(_ window: OrderingWindow, in tx: Transaction) async throws {
        try await tx.execute(
            """
            INSERT INTO foodaid_windows (id, name, warehouse_site_id, opens_at, cutoff_at, delivery_day, fulfilment, max_kg, max_orders,
                status, created_at) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)
            """,
            [
                window.id, window.name, window.warehouseSiteId, window.opensAt, window.cutoffAt, window.deliveryDay,
                window.fulfilment.rawValue, window.maxKg, window.maxOrders, window.status.rawValue, window.createdAt,
            ])
        for partner in window.partnerIds {
            try await tx.execute("INSERT INTO foodaid_window_partners (window_id, organisation_id) VALUES (?, ?)", [window.id, partner])
        }
    }

    func setWindowStatus(_ status: WindowStatus, of window: UUID, in tx: Transaction) async throws {
        try await tx.execute("UPDATE foodaid_windows SET status = ? WHERE id = ?", [status.rawValue, window])
    }

    func order(_ id: UUID, in db: any SQLExecutor) async throws -> PartnerOrder? {
        guard let row = try await db.queryFirst("SELECT * FROM foodaid_orders WHERE id = ?", [id]) else { return nil }
        return try await order(row, in: db)
    }

    func order(window: UUID, organisation: UUID, in db: any SQLExecutor) async throws -> PartnerOrder? {
        guard
            let row = try await db.queryFirst(
                "SELECT * FROM foodaid_orders WHERE window_id = ? AND organisation_id = ?", [window, organisation])
        else { return nil }
        return try await order(row, in: db)
    }

    /// Orders of a window (or all), of some organisations (or all), newest first.
    /// Orders, newest first, filtered and paged in SQL so that a year of
    /// history is never loaded to show one page.
    func orders(
        window: UUID?, organisations: Set<UUID>?, status: OrderStatus? = nil, page: PageRequest? = nil, in db: any SQLExecutor
    ) async throws -> Page<PartnerOrder> {
        var query = SQLListQuery("SELECT * FROM foodaid_orders")
        query.filter("window_id = ?", window)
        query.filter("status = ?", status?.rawValue)
        query.filter("organisation_id", in: organisations)
        query.order(by: "created_at DESC, id", page: page)
        return try await query.page(in: db) { rows in
            // The page's lines in one query, not one per order.
            var lines: [UUID: [PartnerOrder.Line]] = [:]
            var linesQuery = SQLListQuery("SELECT * FROM foodaid_order_lines")
            linesQuery.filter("order_id", in: Set(try rows.map { try $0.uuid("id") }))
            linesQuery.order(by: "order_id, product_id", page: nil)
            if linesQuery.canMatch {
                for row in try await db.query(linesQuery.sql, linesQuery.bindings) {
                    lines[try row.uuid("order_id"), default: []].append(try Self.line(row))
                }
            }
            return try rows.map { row in try Self.order(row, lines: lines[try row.uuid("id")] ?? []) }
        }
    }

    private func order(_ row: SQLRow, in db: any SQLExecutor) async throws -> PartnerOrder {
        let lines = try await db.query(
            "SELECT * FROM foodaid_order_lines WHERE order_id = ? ORDER BY product_id", [try row.uuid("id")]
        ).map(Self.line)
        return try Self.order(row, lines: lines)
    }

    private static func line(_ line: SQLRow) throws -> PartnerOrder.Line {
        PartnerOrder.Line(
            productId: try line.uuid("product_id"), requested: try line.int("requested"), allocated: try line.optionalInt("allocated"),
            allocationNote: try line.optionalString("allocation_note"), shipped: try line.optionalInt("shipped"),
            shippedKg: try line.optionalInt("shipped_grams").map(Grams.kg), received: try line.optionalInt("received"),
            receivedKg: try line.optionalInt("received_grams").map(Grams.kg), discrepancy: try line.optionalString("discrepancy"),
            quotaAcknowledged: try line.bool("quota_acknowledged"))
    }

    private static func order(_ row: SQLRow, lines: [PartnerOrder.Line]) throws -> PartnerOrder {
        PartnerOrder(
            id: try row.uuid("id"), windowId: try row.uuid("window_id"), organisationId: try row.uuid("organisation_id"),
            status: try row.value(OrderStatus.self, "status"), collectionSlot: try row.optionalString("collection_slot"),
            deliverySiteId: try row.optionalUUID("delivery_site_id"), taskId: try row.optionalUUID("task_id"), lines: lines,
            createdAt: try row.instant("created_at"), submittedAt: try row.optionalInstant("submitted_at"),
            updatedAt: try row.instant("updated_at"))
    }

    func setStatus(_ status: OrderStatus, of order: UUID, in tx: Transaction) async throws {
        try await tx.execute("UPDATE foodaid_orders SET status = ?, updated_at = ? WHERE id = ?", [status.rawValue, tx.now, order])
    }
}
