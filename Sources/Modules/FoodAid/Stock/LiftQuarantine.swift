import CollectoKernel
import Foundation

/// Food-bank staff lift a quarantine they raised themselves, with a reason:
/// the lot may go out again and partners that had been told are told again.
/// A recall, or a block that came from a workshop's recall, is never lifted.
struct LiftQuarantine: Sendable {
    struct Request: Sendable, Codable, StrictBody {
        enum Field: String, CodingKey, CaseIterable { case reason }
        var reason: String
    }

    let units: UnitOfWorkRunner

    func callAsFunction(_ lotID: UUID, _ request: Request, by caller: Caller) async throws -> Lot {
        try FoodAidPermissions.manageStock.require(caller)
        try Validate.nonEmpty(request.reason, field: "reason", maxLength: 500)
        return try await units.write(by: caller) { tx in
            let stock = StockService(rules: .init())
            guard let lot = try await stock.lot(lotID, in: tx) else { throw KernelError.notFound(entity: "lot", id: lotID.uuidString) }
            switch lot.status {
            case .recalled:
                throw FoodAidError.lotRecalled(lot: lotID, byWorkshop: false)
            case .quarantined where lot.block?.by == .processing:
                throw FoodAidError.lotRecalled(lot: lotID, byWorkshop: true)
            case .quarantined:
                break
            case .available, .depleted:
                throw FoodAidError.lotNotQuarantined(lot: lotID, status: lot.status.rawValue)
            }
            try await tx.execute(
                """
                UPDATE foodaid_lots SET status = CASE WHEN on_hand > 0 THEN 'available' ELSE 'depleted' END, blocked_by = NULL,
                    block_reason = NULL, blocked_at = NULL WHERE id = ? AND status = 'quarantined'
                """, [lotID])
            try await tx.audit(
                "lift_quarantine", entity: "foodaid.lot", id: lotID.uuidString, organisation: nil, details: request.reason)
            let told = try await tx.query(
                """
                SELECT DISTINCT organisation_id, order_id, units FROM foodaid_recall_notices
                WHERE lot_id = ? AND kind = 'quarantine' AND created_at >= ?
                """, [lotID, lot.block?.at ?? Date.distantPast])
            for row in told {
                try await tx.execute(
                    """
                    INSERT INTO foodaid_recall_notices (id, organisation_id, lot_id, product_id, order_id, units, kind, reason, created_at)
                    VALUES (?, ?, ?, ?, ?, ?, 'quarantine_lifted', ?, ?)
                    """,
                    [
                        UUID(), try row.uuid("organisation_id"), lotID, lot.productId, try row.optionalUUID("order_id"),
                        try row.int("units"),
                        request.reason, tx.now,
                    ])
            }
            guard let lifted = try await stock.lot(lotID, in: tx) else { throw KernelError.notFound(entity: "lot", id: lotID.uuidString) }
            return lifted
        }
    }
}
