import CollectoKernel
import Foundation

/// Partners' orders: drafting, submitting before cut-off, cancelling (by the
/// partner before the cut-off, by the food bank's staff after it).
struct OrderService: Sendable {
    /// A partner's order as sent: the whole list of lines replaces the draft's.
    struct Draft: Sendable, Codable, StrictBody {
        enum Field: String, CodingKey, CaseIterable { case organisationId, lines, collectionSlot }
        static let ranges: [FieldRange] = [.integer("lines[].quantity", 1...100_000)]
        /// One line of a draft.
        struct Line: Sendable, Codable {
            var productId: UUID
            var quantity: Int
            /// Set to true to order above the partner's quota after seeing the warning.
            var acknowledgeQuota: Bool?

            init(productId: UUID, quantity: Int, acknowledgeQuota: Bool? = nil) {
                self.productId = productId
                self.quantity = quantity
                self.acknowledgeQuota = acknowledgeQuota
            }

            enum CodingKeys: String, CodingKey { case productId, quantity, acknowledgeQuota }

            init(from decoder: any Decoder) throws {
                let container = try decoder.container(keyedBy: CodingKeys.self)
                productId = try container.decode(UUID.self, forKey: .productId)
                quantity = try container.decodeWholeNumber(forKey: .quantity)
                acknowledgeQuota = try container.decodeIfPresent(Bool.self, forKey: .acknowledgeQuota)
            }
        }
        var organisationId: UUID
        var lines: [Line]
        var collectionSlot: String?
    }

    /// Why an order is cancelled: optional for a partner cancelling before the
    /// cut-off, required of the food bank's staff after it. No body at all is
    /// a cancellation without a reason.
    struct Cancellation: Sendable, Codable, StrictBody {
        enum Field: String, CodingKey, CaseIterable { case reason }
        /// At most 500 characters.
        var reason: String?
    }

    /// The statuses the food bank's staff cancel after the cut-off: whatever has not left the warehouse nor been prepared.
    static let cancellableAfterCutoff: Set<OrderStatus> = [.submitted, .allocated, .validated]

    /// Whether a partner's people may still cancel the order themselves: a draft or submitted order before its window's cut-off.
    func partnerMayCancel(_ order: PartnerOrder, in db: any SQLExecutor, at now: Date) async throws -> Bool {
        guard order.status == .draft || order.status == .submitted else { return false }
        guard let window = try await OrderStore().window(order.windowId, in: db) else { return false }
        return now < window.cutoffAt
    }

    /// Creates or replaces a partner's draft in a window.
    func saveDraft(_ draft: Draft, window windowID: UUID, in tx: Transaction) async throws -> PartnerOrder {
        let window = try await openWindow(windowID, for: draft.organisationId, at: tx.now, in: tx)
        let existing = try await OrderStore().order(window: window.id, organisation: draft.organisationId, in: tx)
        if let existing, existing.status != .draft {
            throw FoodAidError.orderNotDraft(order: existing.id, status: existing.status.rawValue)
        }
        guard !draft.lines.isEmpty else { throw KernelError.invalid(field: "lines", message: "an order has at least one line") }
        if window.fulfilment == .collection {
            guard let slot = draft.collectionSlot, Self.isSlot(slot) else {
                throw KernelError.invalid(field: "collectionSlot", message: "a collection window needs a slot written HH:mm-HH:mm")
            }
        }
        var quotas: [UUID: Int] = [:]
        for row in try await tx.query(
            "SELECT product_id, units_per_window FROM foodaid_quotas WHERE organisation_id = ?", [draft.organisationId])
        {
            quotas[try row.uuid("product_id")] = try row.int("units_per_window")
        }
        var seen: Set<UUID> = []
        for (index, line) in draft.lines.enumerated() {
            let field = "lines[\(index)]"
            guard seen.insert(line.productId).inserted else {
                throw KernelError.invalid(field: "\(field).productId", message: "product \(line.productId) is on two lines")
            }
            guard let product = try await CatalogueService().get(line.productId, in: tx) else {
                throw KernelError.invalid(field: "\(field).productId", message: "no product \(line.productId)")
            }
            guard product.active else {
                throw KernelError.invalid(field: "\(field).productId", message: "\(product.name) is not in the catalogue any more")
            }
            guard line.quantity > 0 else {
                throw KernelError.invalid(field: "\(field).quantity", message: "quantities are positive whole units")
            }
            if let limit = product.maxPerOrder, line.quantity > limit {
                throw FoodAidError.aboveMaxPerOrder(field: "\(field).quantity", product: product.name, limit: limit)
            }
            if let quota = quotas[product.id], line.quantity > quota, line.acknowledgeQuota != true {
                throw FoodAidError.quotaExceeded(field: "\(field).quantity", product: product.name, quantity: line.quantity, quota: quota)
            }
        }
        let id = existing?.id ?? UUID()
        if existing == nil {
            let delivery = try await SiteService().firstSite(of: draft.organisationId, in: tx)
            try await tx.execute(
                """
                INSERT INTO foodaid_orders (id, window_id, organisation_id, status, collection_slot, delivery_site_id, created_at, updated_at)
                VALUES (?, ?, ?, 'draft', ?, ?, ?, ?)
                """,
                [id, window.id, draft.organisationId, draft.collectionSlot, delivery?.id, tx.now, tx.now])
        } else {
            try await tx.execute(
                "UPDATE foodaid_orders SET collection_slot = ?, updated_at = ? WHERE id = ?", [draft.collectionSlot, tx.now, id])
            try await tx.execute("DELETE FROM foodaid_order_lines WHERE order_id = ?", [id])
        }
        for line in draft.lines {
            try await tx.execute(
                "INSERT INTO foodaid_order_lines (order_id, product_id, requested, quota_acknowledged) VALUES (?, ?, ?, ?)",
                [id, line.productId, line.quantity, line.acknowledgeQuota ?? false])
        }
        return try await OrderStore().order(id, in: tx)!
    }

    /// Submits a draft before cut-off; closes the window early when its preparation capacity is reached.
    func submit(_ orderID: UUID, in tx: Transaction) async throws -> PartnerOrder {
        guard let order = try await OrderStore().order(orderID, in: tx) else {
            throw KernelError.notFound(entity: "order", id: orderID.uuidString)
        }
        // A submit sent again (a dropped answer, a double click) finds the order submitted: that is its answer.
        if order.status == .submitted { return order }
        guard order.status == .draft else {
            throw FoodAidError.orderNotDraft(order: order.id, status: order.status.rawValue)
        }
        let window = try await openWindow(order.windowId, for: order.organisationId, at: tx.now, in: tx)
        let weight = try await kilograms(of: order, in: tx)
        let load = try await submittedLoad(of: window.id, in: tx)
        let submittedKg = load.kg
        if let maxOrders = window.maxOrders, load.orders + 1 > maxOrders {
            try await OrderStore().setWindowStatus(.full, of: window.id, in: tx)
            throw FoodAidError.windowFull(window: window.id, limit: .orders(max: maxOrders))
        }
        if let maxKg = window.maxKg, submittedKg + weight > maxKg {
            throw FoodAidError.windowFull(window: window.id, limit: .kilograms(max: maxKg, remaining: maxKg - submittedKg))
        }
        try await tx.execute(
            "UPDATE foodaid_orders SET status = 'submitted', submitted_at = ?, updated_at = ? WHERE id = ?", [tx.now, tx.now, orderID])
        let reachedOrders = window.maxOrders.map { load.orders + 1 >= $0 } ?? false
        let reachedKg = window.maxKg.map { submittedKg + weight >= $0 * 0.999 } ?? false
        if reachedOrders || reachedKg { try await OrderStore().setWindowStatus(.full, of: window.id, in: tx) }
        return try await OrderStore().order(orderID, in: tx)!
    }

    /// Cancels a draft or submitted order before cut-off.
    func cancel(_ orderID: UUID, in tx: Transaction) async throws -> PartnerOrder {
        guard let order = try await OrderStore().order(orderID, in: tx) else {
            throw KernelError.notFound(entity: "order", id: orderID.uuidString)
        }
        guard order.status == .draft || order.status == .submitted else {
            throw FoodAidError.orderNotCancellable(order: order.id, status: order.status.rawValue)
        }
        guard let window = try await OrderStore().window(order.windowId, in: tx), tx.now < window.cutoffAt else {
            throw FoodAidError.afterCutoff(window: order.windowId, cutoff: nil)
        }
        try await OrderStore().setStatus(.cancelled, of: orderID, in: tx)
        if window.status == .full { try await OrderStore().setWindowStatus(.open, of: window.id, in: tx) }
        return try await OrderStore().order(orderID, in: tx)!
    }

    /// The food bank's staff cancel a submitted, allocated or validated order
    /// after the cut-off, saying why: the units it holds go back to stock
    /// (the lots' reserved units shrink; nothing leaves the warehouse).
    func cancelAfterCutoff(_ orderID: UUID, reason: String?, stock: StockService, in tx: Transaction) async throws -> PartnerOrder {
        guard let order = try await OrderStore().order(orderID, in: tx) else {
            throw KernelError.notFound(entity: "order", id: orderID.uuidString)
        }
        let reason = reason?.trimmingCharacters(in: .whitespacesAndNewlines) ?? ""
        try Validate.nonEmpty(reason, field: "reason", maxLength: 500)
        guard Self.cancellableAfterCutoff.contains(order.status) else {
            throw FoodAidError.orderNotCancellable(order: order.id, status: order.status.rawValue)
        }
        try await stock.release(order: orderID, reason: "order cancelled: \(reason)", in: tx)
        try await OrderStore().setStatus(.cancelled, of: orderID, in: tx)
        return try await OrderStore().order(orderID, in: tx)!
    }

    private func openWindow(_ id: UUID, for partner: UUID, at now: Date, in tx: Transaction) async throws -> OrderingWindow {
        guard let window = try await OrderStore().window(id, in: tx), window.admits(partner) else {
            throw KernelError.notFound(entity: "ordering window", id: id.uuidString)
        }
        guard now >= window.opensAt else {
            throw FoodAidError.windowNotOpen(window: window.id, opensAt: window.opensAt)
        }
        guard now < window.cutoffAt else {
            throw FoodAidError.afterCutoff(window: window.id, cutoff: window.cutoffAt)
        }
        guard window.status == .open else {
            throw FoodAidError.windowFull(window: window.id, limit: .closed)
        }
        return window
    }

    /// How many orders a window already holds as submitted, and their weight, in one query.
    private func submittedLoad(of windowID: UUID, in db: any SQLExecutor) async throws -> (orders: Int, kg: Double) {
        let row = try await db.queryFirst(
            """
            SELECT COUNT(DISTINCT o.id) AS orders,
                COALESCE(SUM(COALESCE(l.allocated, l.requested) * COALESCE(p.unit_weight_kg, 0)), 0) AS kg
            FROM foodaid_orders o
            LEFT JOIN foodaid_order_lines l ON l.order_id = o.id
            LEFT JOIN foodaid_products p ON p.id = l.product_id
            WHERE o.window_id = ? AND o.status = 'submitted'
            """, [windowID])
        return (try row?.int("orders") ?? 0, try row?.double("kg") ?? 0)
    }

    func kilograms(of order: PartnerOrder, in db: any SQLExecutor) async throws -> Double {
        var total = 0.0
        for line in order.lines {
            total +=
                Double(line.allocated ?? line.requested) * (try await CatalogueService().get(line.productId, in: db)?.unitWeightKg ?? 0)
        }
        return total
    }

    static func isSlot(_ text: String) -> Bool {
        let parts = text.split(separator: "-")
        guard parts.count == 2, let from = LocalTime(String(parts[0])), let until = LocalTime(String(parts[1])) else { return false }
        return from < until
    }
}
