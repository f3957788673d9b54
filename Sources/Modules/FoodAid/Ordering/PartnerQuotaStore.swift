import CollectoKernel
import Foundation

/// Reads and writes the partners' quotas, each with its product's code and name.
struct PartnerQuotaStore {
    func quotas(of partner: UUID, in db: any SQLExecutor) async throws -> [PartnerQuota] {
        try await db.query(
            """
            SELECT q.organisation_id, q.product_id, q.units_per_window, q.set_by, q.set_at, p.code, p.name
            FROM foodaid_quotas q JOIN foodaid_products p ON p.id = q.product_id
            WHERE q.organisation_id = ? ORDER BY p.name, p.code
            """, [partner]
        ).map { row in
            PartnerQuota(
                organisationId: try row.uuid("organisation_id"), productId: try row.uuid("product_id"), productCode: try row.string("code"),
                productName: try row.string("name"), unitsPerWindow: try row.int("units_per_window"), setBy: try row.optionalUUID("set_by"),
                setAt: try row.optionalInstant("set_at"))
        }
    }

    /// How many quotas each partner has.
    func counts(in db: any SQLExecutor) async throws -> [UUID: Int] {
        var counts: [UUID: Int] = [:]
        for row in try await db.query("SELECT organisation_id, COUNT(*) AS quotas FROM foodaid_quotas GROUP BY organisation_id") {
            counts[try row.uuid("organisation_id")] = try row.int("quotas")
        }
        return counts
    }

    func save(_ quota: PartnerQuota, in tx: Transaction) async throws {
        try await remove(product: quota.productId, of: quota.organisationId, in: tx)
        try await tx.execute(
            "INSERT INTO foodaid_quotas (organisation_id, product_id, units_per_window, set_by, set_at) VALUES (?, ?, ?, ?, ?)",
            [quota.organisationId, quota.productId, quota.unitsPerWindow, quota.setBy, quota.setAt])
    }

    /// Removes one quota; whether there was one.
    @discardableResult
    func remove(product: UUID, of partner: UUID, in tx: Transaction) async throws -> Bool {
        let found = try await tx.queryFirst(
            "SELECT units_per_window FROM foodaid_quotas WHERE organisation_id = ? AND product_id = ?", [partner, product])
        try await tx.execute("DELETE FROM foodaid_quotas WHERE organisation_id = ? AND product_id = ?", [partner, product])
        return found != nil
    }
}
