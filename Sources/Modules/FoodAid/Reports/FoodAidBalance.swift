import CollectoKernel
import Foundation

/// FoodAid's sections of the network's mass balance, each term from its own
/// records: the pickups' weights (the driver's and the sorting's), the
/// sorting lines, the lots' movements, the lots' weights on hand and the
/// orders' delivery notes and the drivers' weighings at delivery. Scoped to
/// one donation with `foodaid:<pickup id>`.
enum FoodAidBalance {
    static let contributor = BalanceContributor { scope, db in
        var pickup: UUID?
        if let source = scope.source {
            guard source.module == FoodAidModule.id.rawValue else { return [] }
            guard let id = UUID(uuidString: source.reference) else {
                throw KernelError.invalid(field: "source", message: "foodaid sources are pickups: foodaid:<pickup id>")
            }
            pickup = id
        }
        return [
            try await donations(scope, pickup: pickup, in: db), try await stock(scope, pickup: pickup, in: db),
            try await distribution(scope, pickup: pickup, in: db),
        ]
    }

    /// Pickups sorted in the period (or the one pickup): received = to stock + to processing + unfit.
    static func donations(_ scope: BalanceScope, pickup: UUID?, in db: any SQLExecutor) async throws -> BalanceSection {
        let pickups =
            pickup.map { ("pk.id = ?", [$0] as [any SQLBindable]) }
            ?? ("pk.status = 'sorted' AND pk.sorted_at >= ? AND pk.sorted_at < ?", [scope.start, scope.end])
        let received = try await db.scalarInt("SELECT SUM(pk.received_grams) FROM foodaid_pickups pk WHERE \(pickups.0)", pickups.1)
        let weighed = try await db.queryFirst(
            """
            SELECT SUM(pk.driver_grams) AS driver, SUM(pk.received_grams) AS sorted FROM foodaid_pickups pk
            WHERE \(pickups.0) AND pk.driver_grams IS NOT NULL
            """, pickups.1)
        var sorted: [String: Int] = [:]
        for row in try await db.query(
            """
            SELECT s.outcome, SUM(s.grams) AS grams FROM foodaid_sorting_lines s JOIN foodaid_pickups pk ON pk.id = s.pickup_id
            WHERE \(pickups.0) GROUP BY s.outcome
            """, pickups.1)
        {
            sorted[try row.string("outcome")] = try row.optionalInt("grams") ?? 0
        }
        var toStock: [String: Int] = [:]
        for row in try await db.query(
            """
            SELECT l.category, SUM(m.grams) AS grams FROM foodaid_movements m JOIN foodaid_lots l ON l.id = m.lot_id
            JOIN foodaid_pickups pk ON l.origin_kind = 'pickup' AND pk.id = l.origin_reference
            WHERE m.kind = 'receipt' AND \(pickups.0) GROUP BY l.category
            """, pickups.1)
        {
            toStock[try row.optionalString("category") ?? "unknown"] = try row.optionalInt("grams") ?? 0
        }
        let stocked = toStock.values.reduce(0, +)
        let processing = sorted["processing"] ?? 0
        let unfit = sorted["unfit"] ?? 0
        let driver = try weighed?.optionalInt("driver") ?? 0
        let sortedOfWeighed = try weighed?.optionalInt("sorted") ?? 0
        var lines = [
            BalanceLine("weighed_by_driver", grams: driver), BalanceLine("received_at_sorting", grams: received),
            BalanceLine("to_stock", grams: stocked), BalanceLine("to_processing", grams: processing), BalanceLine("unfit", grams: unfit),
        ]
        lines += toStock.keys.sorted().map { BalanceLine("to_stock", key: $0, grams: toStock[$0] ?? 0) }
        return BalanceSection(
            module: FoodAidModule.id.rawValue, title: "donations received and sorted", lines: lines,
            checks: [
                BalanceCheck(
                    "sorting", equation: "received_at_sorting = to_stock + to_processing + unfit", left: received,
                    right: stocked + processing + unfit),
                BalanceCheck(
                    "driver_and_sorting", equation: "weighed_by_driver = received_at_sorting (pickups the driver weighed)", left: driver,
                    right: sortedOfWeighed, kind: .weighing),
            ])
    }

    /// Stock per category: opening + in − out − losses ± adjustments = closing, the closing read from the lots themselves.
    static func stock(_ scope: BalanceScope, pickup: UUID?, in db: any SQLExecutor) async throws -> BalanceSection {
        let lots =
            pickup.map { ("l.origin_kind = 'pickup' AND l.origin_reference = ?", [$0.uuidString.lowercased()] as [any SQLBindable]) }
            ?? ("1 = 1", [])
        struct Flows {
            var opening = 0, received = 0, returned = 0, shipped = 0, losses = 0, adjustments = 0, after = 0, onHand = 0
        }
        var flows: [String: Flows] = [:]
        for row in try await db.query(
            """
            SELECT COALESCE(l.category, 'unknown') AS category,
                SUM(CASE WHEN m.at < ? THEN m.grams ELSE 0 END) AS opening,
                SUM(CASE WHEN m.at >= ? AND m.at < ? AND m.kind = 'receipt' AND l.origin_kind <> 'processing' THEN m.grams ELSE 0 END)
                    AS received,
                SUM(CASE WHEN m.at >= ? AND m.at < ? AND m.kind = 'receipt' AND l.origin_kind = 'processing' THEN m.grams ELSE 0 END)
                    AS returned,
                SUM(CASE WHEN m.at >= ? AND m.at < ? AND m.kind = 'shipment' THEN -m.grams ELSE 0 END) AS shipped,
                SUM(CASE WHEN m.at >= ? AND m.at < ? AND m.kind = 'loss' THEN -m.grams ELSE 0 END) AS losses,
                SUM(CASE WHEN m.at >= ? AND m.at < ? AND m.kind = 'adjustment' THEN m.grams ELSE 0 END) AS adjustments,
                SUM(CASE WHEN m.at >= ? THEN m.grams ELSE 0 END) AS after
            FROM foodaid_movements m JOIN foodaid_lots l ON l.id = m.lot_id WHERE \(lots.0) GROUP BY COALESCE(l.category, 'unknown')
            """,
            [scope.start] + Array(repeating: [scope.start, scope.end] as [any SQLBindable], count: 5).flatMap { $0 } + [scope.end]
                + lots.1)
        {
            var flow = Flows()
            flow.opening = try row.optionalInt("opening") ?? 0
            flow.received = try row.optionalInt("received") ?? 0
            flow.returned = try row.optionalInt("returned") ?? 0
            flow.shipped = try row.optionalInt("shipped") ?? 0
            flow.losses = try row.optionalInt("losses") ?? 0
            flow.adjustments = try row.optionalInt("adjustments") ?? 0
            flow.after = try row.optionalInt("after") ?? 0
            flows[try row.string("category")] = flow
        }
        // The lots' own weights on hand, independent of the movements: the closing is what they hold less what moved since.
        for row in try await db.query(
            "SELECT COALESCE(l.category, 'unknown') AS category, SUM(l.grams_on_hand) AS grams FROM foodaid_lots l WHERE \(lots.0) GROUP BY 1",
            lots.1)
        {
            flows[try row.string("category"), default: Flows()].onHand = try row.optionalInt("grams") ?? 0
        }
        var lines: [BalanceLine] = []
        var checks: [BalanceCheck] = []
        for category in flows.keys.sorted() {
            guard let flow = flows[category] else { continue }
            let closing = flow.onHand - flow.after
            lines += [
                BalanceLine("opening", key: category, grams: flow.opening), BalanceLine("received", key: category, grams: flow.received),
                BalanceLine("returned_from_processing", key: category, grams: flow.returned),
                BalanceLine("shipped", key: category, grams: flow.shipped), BalanceLine("losses", key: category, grams: flow.losses),
                BalanceLine("adjustments", key: category, grams: flow.adjustments), BalanceLine("closing", key: category, grams: closing),
            ]
            checks.append(
                BalanceCheck(
                    "stock.\(category)",
                    equation: "opening + received + returned_from_processing + adjustments - shipped - losses = closing",
                    left: flow.opening + flow.received + flow.returned + flow.adjustments - flow.shipped - flow.losses, right: closing))
        }
        return BalanceSection(module: FoodAidModule.id.rawValue, title: "stock by category", lines: lines, checks: checks)
    }

    /// What left stock for partners against their delivery notes, and what partners said they received.
    static func distribution(_ scope: BalanceScope, pickup: UUID?, in db: any SQLExecutor) async throws -> BalanceSection {
        let lots =
            pickup.map { ("l.origin_kind = 'pickup' AND l.origin_reference = ?", [$0.uuidString.lowercased()] as [any SQLBindable]) }
            ?? ("1 = 1", [])
        let toOrders = try await db.scalarInt(
            """
            SELECT SUM(-m.grams) FROM foodaid_movements m JOIN foodaid_lots l ON l.id = m.lot_id
            JOIN foodaid_orders o ON o.id = m.order_id WHERE m.kind = 'shipment' AND m.at >= ? AND m.at < ? AND \(lots.0)
            """, [scope.start, scope.end] + lots.1)
        let asParcels = try await db.scalarInt(
            """
            SELECT SUM(-m.grams) FROM foodaid_movements m JOIN foodaid_lots l ON l.id = m.lot_id
            JOIN foodaid_parcel_requests r ON r.id = m.order_id WHERE m.kind = 'shipment' AND m.at >= ? AND m.at < ? AND \(lots.0)
            """, [scope.start, scope.end] + lots.1)
        var lines = [BalanceLine("shipped_to_partners", grams: toOrders), BalanceLine("shipped_as_parcels", grams: asParcels)]
        var checks: [BalanceCheck] = []
        if pickup == nil {
            // The delivery notes are per product, not per lot: compared for the whole period only.
            let noted = try await db.scalarInt(
                """
                SELECT SUM(ol.shipped_grams) FROM foodaid_order_lines ol JOIN foodaid_orders o ON o.id = ol.order_id
                WHERE o.shipped_at >= ? AND o.shipped_at < ?
                """, [scope.start, scope.end])
            let confirmed = try await db.queryFirst(
                """
                SELECT SUM(ol.shipped_grams) AS shipped, SUM(ol.received_grams) AS received
                FROM foodaid_order_lines ol JOIN foodaid_orders o ON o.id = ol.order_id
                WHERE o.shipped_at >= ? AND o.shipped_at < ? AND ol.received_grams IS NOT NULL
                """, [scope.start, scope.end])
            let received = try confirmed?.optionalInt("received") ?? 0
            let carried = try await carried(scope, in: db)
            lines += [
                BalanceLine("on_delivery_notes", grams: noted), BalanceLine("carried_by_drivers", grams: carried.carried),
                BalanceLine("confirmed_by_partners", grams: received),
            ]
            checks = [
                BalanceCheck("delivery_notes", equation: "shipped_to_partners = on_delivery_notes", left: toOrders, right: noted),
                BalanceCheck(
                    "drivers_at_delivery", equation: "on_delivery_notes = carried_by_drivers (deliveries the driver weighed)",
                    left: carried.noted, right: carried.carried, kind: .weighing),
                BalanceCheck(
                    "partner_receipts", equation: "on_delivery_notes = confirmed_by_partners (lines partners weighed)",
                    left: try confirmed?.optionalInt("shipped") ?? 0, right: received, kind: .weighing),
            ]
        }
        return BalanceSection(module: FoodAidModule.id.rawValue, title: "distribution", lines: lines, checks: checks)
    }

    /// What drivers weighed when they dropped the orders shipped in the period (the last weighing of each delivery, once),
    /// and what those orders' delivery notes say.
    static func carried(_ scope: BalanceScope, in db: any SQLExecutor) async throws -> (noted: Int, carried: Int) {
        var weighed: [String: Int] = [:]
        for row in try await db.query(
            """
            SELECT t.reference, t.actual_grams FROM foodaid_task_outcomes t JOIN foodaid_orders o ON o.id = t.reference
            WHERE t.kind = 'foodaid.partner_delivery' AND t.action = 'drop' AND t.outcome = 'done' AND t.actual_grams IS NOT NULL
                AND o.shipped_at >= ? AND o.shipped_at < ? ORDER BY t.event_id
            """, [scope.start, scope.end])
        {
            weighed[try row.string("reference")] = try row.int("actual_grams")
        }
        guard !weighed.isEmpty else { return (0, 0) }
        var noted = 0
        for row in try await db.query(
            """
            SELECT ol.order_id, SUM(ol.shipped_grams) AS grams FROM foodaid_order_lines ol JOIN foodaid_orders o ON o.id = ol.order_id
            WHERE o.shipped_at >= ? AND o.shipped_at < ? GROUP BY ol.order_id
            """, [scope.start, scope.end])
        where weighed[try row.string("order_id")] != nil {
            noted += try row.optionalInt("grams") ?? 0
        }
        return (noted, weighed.values.reduce(0, +))
    }
}
