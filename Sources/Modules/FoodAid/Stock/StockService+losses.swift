import CollectoKernel
import Foundation

extension StockService {
    /// Gives back `units` reserved units of a lot that broke or spoiled, so that
    /// a loss larger than the lot's free units can be recorded.
    ///
    /// Partners' orders give them back first, the latest-submitted first (the
    /// latest reservation first between orders submitted together): each line
    /// loses what it had allocated from the lot, and its allocation note says
    /// how many units went and why, for the partner reading its order. An
    /// emergency parcel still holding units after that is a parcel missing a
    /// product, as after a recall: its request goes back to be prepared again.
    /// - Returns: the orders and parcel requests that gave units back.
    @discardableResult
    func withdrawReserved(_ units: Int, from lot: Lot, reason: String, in tx: Transaction) async throws -> [UUID] {
        var remaining = units
        var affected: [UUID] = []
        let orders = try await tx.query(
            """
            SELECT m.order_id, SUM(m.reserved_change) AS units, MAX(m.id) AS latest, COALESCE(o.submitted_at, o.created_at) AS submitted
            FROM foodaid_movements m JOIN foodaid_orders o ON o.id = m.order_id
            WHERE m.lot_id = ? GROUP BY m.order_id, COALESCE(o.submitted_at, o.created_at) HAVING SUM(m.reserved_change) > 0
            ORDER BY submitted DESC, latest DESC
            """, [lot.id])
        for row in orders where remaining > 0 {
            let order = try row.uuid("order_id")
            let take = min(remaining, try row.int("units"))
            try await record(lot.id, .release, onHand: 0, reserved: -take, reason: "loss: \(reason)", order: order, in: tx)
            try await tx.execute(
                """
                UPDATE foodaid_order_lines SET allocated = allocated - ?, allocation_note = COALESCE(allocation_note, '') || ?
                WHERE order_id = ? AND product_id = ?
                """, [take, " — \(take) unit(s) withdrawn: loss in the warehouse (\(reason))", order, lot.productId])
            affected.append(order)
            remaining -= take
        }
        guard remaining > 0 else { return affected }
        let others = try await tx.query(
            """
            SELECT order_id, SUM(reserved_change) AS units, MAX(id) AS latest FROM foodaid_movements
            WHERE lot_id = ? AND order_id IS NOT NULL GROUP BY order_id HAVING SUM(reserved_change) > 0 ORDER BY latest DESC
            """, [lot.id])
        for row in others where remaining > 0 {
            let holder = try row.uuid("order_id")
            let held = try row.int("units")
            if try await tx.execute(
                "UPDATE foodaid_parcel_requests SET status = 'requested', updated_at = ? WHERE id = ? AND status = 'prepared'",
                [tx.now, holder])
                == 1
            {
                try await release(order: holder, reason: "parcel undone: loss in the warehouse (\(reason))", in: tx)
                remaining -= held
            } else {
                let take = min(remaining, held)
                try await record(lot.id, .release, onHand: 0, reserved: -take, reason: "loss: \(reason)", order: holder, in: tx)
                remaining -= take
            }
            affected.append(holder)
        }
        return affected
    }
}
