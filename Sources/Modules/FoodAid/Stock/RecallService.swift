import CollectoKernel
import Foundation

/// Blocks lots everywhere (quarantine, or recall for good) and traces where
/// they went: every movement, and every order that received units of them.
struct RecallService: Sendable {
    /// What to block: some lots, or every lot of a product.
    struct Request: Sendable, Codable, StrictBody {
        enum Field: String, CodingKey, CaseIterable { case lotIds, productId, reason, final }
        var lotIds: [UUID]?
        var productId: UUID?
        var reason: String
        /// Recalled for good rather than quarantined pending a decision.
        var final: Bool?
    }

    /// Where the blocked lots went.
    struct Report: Sendable, Codable {
        /// One movement of a blocked lot.
        struct Movement: Sendable, Codable {
            var lotId: UUID
            var kind: String
            var units: Int
            var orderId: UUID?
            var reason: String?
            var at: Date
        }
        /// An order that received or holds units of a blocked lot.
        struct Recipient: Sendable, Codable {
            var orderId: UUID
            var organisationId: UUID
            var status: String
            var unitsShipped: Int
            var unitsReleased: Int
        }
        var lotIds: [UUID]
        var status: LotStatus
        var movements: [Movement]
        var recipients: [Recipient]
    }

    let stock: StockService

    func block(_ request: Request, in tx: Transaction) async throws -> Report {
        try Validate.nonEmpty(request.reason, field: "reason", maxLength: 500)
        var lots = Set(request.lotIds ?? [])
        if let product = request.productId {
            guard try await CatalogueService().get(product, in: tx) != nil else {
                throw KernelError.invalid(field: "productId", message: "no product \(product)")
            }
            for row in try await tx.query("SELECT id FROM foodaid_lots WHERE product_id = ?", [product]) { lots.insert(try row.uuid("id")) }
        }
        guard !lots.isEmpty || request.productId != nil else {
            throw KernelError.invalid(field: "lotIds", message: "name lots or a product to block")
        }
        let status: LotStatus = request.final == true ? .recalled : .quarantined
        var released: [UUID: Int] = [:]
        let ordered = lots.sorted { $0.uuidString < $1.uuidString }
        for lot in ordered {
            guard try await stock.lot(lot, in: tx) != nil else { throw KernelError.invalid(field: "lotIds", message: "no lot \(lot)") }
            try await tx.execute("UPDATE foodaid_lots SET status = ? WHERE id = ?", [status.rawValue, lot])
            // Units promised to orders that have not left are taken back from them.
            let held = try await tx.query(
                """
                SELECT order_id, SUM(reserved_change) AS units FROM foodaid_movements
                WHERE lot_id = ? AND order_id IS NOT NULL GROUP BY order_id HAVING SUM(reserved_change) > 0
                """, [lot])
            for row in held {
                let order = try row.uuid("order_id")
                let units = try row.int("units")
                try await stock.record(
                    lot, .release, onHand: 0, reserved: -units, reason: "blocked: \(request.reason)", order: order, in: tx)
                let product = try await stock.lot(lot, in: tx)!.productId
                try await tx.execute(
                    """
                    UPDATE foodaid_order_lines SET allocated = allocated - ?, allocation_note = COALESCE(allocation_note, '') || ?
                    WHERE order_id = ? AND product_id = ?
                    """, [units, " — \(units) unit(s) withdrawn: lot blocked (\(request.reason))", order, product])
                released[order, default: 0] += units
                // A parcel missing a product is no parcel: its request goes back to be prepared again.
                if try await tx.execute(
                    "UPDATE foodaid_parcel_requests SET status = 'requested', updated_at = ? WHERE id = ? AND status = 'prepared'",
                    [tx.now, order])
                    == 1
                {
                    try await stock.release(order: order, reason: "parcel undone: lot blocked (\(request.reason))", in: tx)
                }
            }
        }
        return try await report(lots: ordered, status: status, released: released, in: tx)
    }

    private func report(lots: [UUID], status: LotStatus, released: [UUID: Int], in tx: Transaction) async throws -> Report {
        var movements: [Report.Movement] = []
        var shipped: [UUID: Int] = [:]
        for lot in lots {
            for row in try await tx.query("SELECT * FROM foodaid_movements WHERE lot_id = ? ORDER BY id", [lot]) {
                let kind = try row.string("kind")
                let order = try row.optionalUUID("order_id")
                let units =
                    kind == MovementKind.reservation.rawValue || kind == MovementKind.release.rawValue
                    ? try row.int("reserved_change") : try row.int("on_hand_change")
                movements.append(
                    .init(
                        lotId: lot, kind: kind, units: units, orderId: order, reason: try row.optionalString("reason"),
                        at: try row.instant("at")))
                if kind == MovementKind.shipment.rawValue, let order { shipped[order, default: 0] += -units }
            }
        }
        var recipients: [Report.Recipient] = []
        for order in Set(shipped.keys).union(released.keys).sorted(by: { $0.uuidString < $1.uuidString }) {
            guard let found = try await OrderStore().order(order, in: tx) else {
                // Not an order: an emergency parcel request holds the units.
                if let parcel = try? await ParcelService(stock: stock).load(order, in: tx) {
                    recipients.append(
                        .init(
                            orderId: order, organisationId: parcel.referrerId, status: "parcel \(parcel.status.rawValue)",
                            unitsShipped: shipped[order] ?? 0, unitsReleased: released[order] ?? 0))
                }
                continue
            }
            recipients.append(
                .init(
                    orderId: order, organisationId: found.organisationId, status: found.status.rawValue, unitsShipped: shipped[order] ?? 0,
                    unitsReleased: released[order] ?? 0))
        }
        return Report(lotIds: lots, status: status, movements: movements, recipients: recipients)
    }
}
