import CollectoKernel
import Foundation

extension StockService {
    /// Lots by product and status in ``ShelfLifeRules``' first-expiring-first
    /// order, written in SQL so that a page never loads the whole stock history.
    /// Lots first-expired-first, by product, status and where they came from
    /// (`originReference`: the pickup, the workshop's output lot), filtered and paged in SQL.
    static func lots(
        product: UUID?, status: LotStatus?, originReference: String? = nil, page: PageRequest, in db: any SQLExecutor
    ) async throws -> Page<Lot> {
        var query = SQLListQuery("SELECT * FROM foodaid_lots")
        query.filter("product_id = ?", product)
        query.filter("status = ?", status?.rawValue)
        query.filter("origin_reference = ?", originReference?.trimmingCharacters(in: .whitespaces).lowercased())
        query.order(
            by: "CASE WHEN COALESCE(use_by, best_before) IS NULL THEN 1 ELSE 0 END, COALESCE(use_by, best_before), created_at, id",
            page: page)
        return try await query.page(in: db, each: lot)
    }

    /// Every movement of a lot, oldest first: their on-hand changes add up to
    /// the lot's on-hand units, their reserved changes to its reserved units.
    static func movements(of id: UUID, in db: any SQLExecutor) async throws -> [RecallService.Report.Movement] {
        try await db.query("SELECT * FROM foodaid_movements WHERE lot_id = ? ORDER BY id", [id]).map {
            try RecallService.Report.Movement($0, lot: id)
        }
    }
}
