import CSV
import CollectoKernel
import Foundation

/// The food bank's figures for a period: what came in, what went out, the
/// share of fresh products, losses, and the stock on hand with what expires
/// within a week. Every figure is summed in grams from what was weighed and
/// recorded at the time (the movements' weights, the lots' categories as
/// received), never from today's catalogue, so that editing a product does
/// not rewrite past months.
struct SupplyReport: Sendable, Codable {
    var from: CalendarDate
    var until: CalendarDate
    var receivedByDonorType: [String: Double]
    var receivedByCategory: [String: Double]
    var receivedByFundingOrigin: [String: Double]
    /// Sorted produce sent to a workshop, by category.
    var sentToProcessingByCategory: [String: Double]
    /// The workshops' output received back into stock: not counted as received again.
    var returnedFromProcessingKg: Double
    var distributedByPartner: [String: Double]
    var distributedByCategory: [String: Double]
    var distributedByFundingOrigin: [String: Double]
    var freshShare: Double
    var lossesByCategory: [String: Double]
    var unfitAtSortingKg: Double
    var stockOnHandByCategory: [String: Double]
    var expiringWithin7DaysKg: Double

    static let freshCategories: Set<String> = [
        ProductCategory.fruitAndVegetables.rawValue, ProductCategory.dairy.rawValue, ProductCategory.meatAndFish.rawValue,
        ProductCategory.preparedMeals.rawValue,
    ]

    /// The report for days `from` up to, not including, `until`, read in `timeZone`.
    static func make(from: CalendarDate, until: CalendarDate, today: CalendarDate, timeZone: TimeZone, in db: any SQLExecutor) async throws
        -> SupplyReport
    {
        guard from < until else { throw KernelError.invalid(field: "until", message: "the period ends after it starts") }
        let start = from.instant(at: LocalTime(hour: 0, minute: 0)!, in: timeZone)
        let end = until.instant(at: LocalTime(hour: 0, minute: 0)!, in: timeZone)
        func grams(_ sql: String, _ bindings: [any SQLBindable]) async throws -> [String: Int] {
            var result: [String: Int] = [:]
            for row in try await db.query(sql, bindings) {
                result[try row.optionalString("k") ?? "unknown", default: 0] += try row.optionalInt("grams") ?? 0
            }
            return result
        }
        func kg(_ grams: [String: Int]) -> [String: Double] { grams.mapValues(Grams.kg) }
        // The lot's funding origin as received; the product's for lots received before it was kept.
        let funding = "COALESCE(l.funding_origin, p.funding_origin)"
        let receipts = """
            FROM foodaid_movements m JOIN foodaid_lots l ON l.id = m.lot_id JOIN foodaid_products p ON p.id = l.product_id
            WHERE m.kind = 'receipt' AND l.origin_kind <> 'processing' AND m.at >= ? AND m.at < ?
            """
        let byDonor = try await grams(
            """
            SELECT COALESCE(d.donor_type, CASE WHEN l.origin_kind = 'pickup' THEN 'unknown_donor' ELSE l.origin_kind END) AS k,
                SUM(m.grams) AS grams
            \(receipts.replacingOccurrences(of: "WHERE", with: """
                LEFT JOIN foodaid_pickups pk ON l.origin_kind = 'pickup' AND pk.id = l.origin_reference
                LEFT JOIN foodaid_donor_profiles d ON d.organisation_id = pk.donor_id WHERE
                """))
            GROUP BY 1
            """, [start, end])
        let shipments = """
            FROM foodaid_movements m JOIN foodaid_lots l ON l.id = m.lot_id JOIN foodaid_products p ON p.id = l.product_id
            WHERE m.kind = 'shipment' AND m.at >= ? AND m.at < ?
            """
        let distributedByCategory = try await grams(
            "SELECT COALESCE(l.category, p.category) AS k, SUM(-m.grams) AS grams \(shipments) GROUP BY COALESCE(l.category, p.category)",
            [start, end])
        let distributed = distributedByCategory.values.reduce(0, +)
        let fresh = distributedByCategory.filter { freshCategories.contains($0.key) }.values.reduce(0, +)
        let horizon = today.adding(days: 7)
        var expiring = 0
        for row in try await db.query(
            "SELECT use_by, best_before, grams_on_hand FROM foodaid_lots WHERE status = 'available' AND on_hand > 0")
        {
            guard let date = try row.optionalCalendarDate("use_by") ?? row.optionalCalendarDate("best_before"), date <= horizon else {
                continue
            }
            expiring += try row.optionalInt("grams_on_hand") ?? 0
        }
        let sorted = """
            FROM foodaid_sorting_lines s JOIN foodaid_pickups pk ON pk.id = s.pickup_id
            WHERE pk.sorted_at >= ? AND pk.sorted_at < ?
            """
        return SupplyReport(
            from: from, until: until, receivedByDonorType: kg(byDonor),
            receivedByCategory: kg(
                try await grams(
                    "SELECT COALESCE(l.category, p.category) AS k, SUM(m.grams) AS grams \(receipts) GROUP BY COALESCE(l.category, p.category)",
                    [start, end])),
            receivedByFundingOrigin: kg(
                try await grams(
                    "SELECT \(funding) AS k, SUM(m.grams) AS grams \(receipts) GROUP BY \(funding)",
                    [start, end])),
            sentToProcessingByCategory: kg(
                try await grams(
                    "SELECT s.category AS k, SUM(s.grams) AS grams \(sorted) AND s.outcome = 'processing' GROUP BY s.category",
                    [start, end])),
            returnedFromProcessingKg: Grams.kg(
                try await db.scalarInt(
                    """
                    SELECT SUM(m.grams) FROM foodaid_movements m JOIN foodaid_lots l ON l.id = m.lot_id
                    WHERE m.kind = 'receipt' AND l.origin_kind = 'processing' AND m.at >= ? AND m.at < ?
                    """, [start, end])),
            distributedByPartner: kg(try await byPartnerName(start: start, end: end, in: db)),
            distributedByCategory: kg(distributedByCategory),
            distributedByFundingOrigin: kg(
                try await grams(
                    "SELECT \(funding) AS k, SUM(-m.grams) AS grams \(shipments) GROUP BY \(funding)",
                    [start, end])),
            freshShare: distributed > 0 ? (Double(fresh) / Double(distributed) * 1000).rounded() / 1000 : 0,
            lossesByCategory: kg(
                try await grams(
                    """
                    SELECT COALESCE(l.category, p.category) AS k, SUM(-m.grams) AS grams FROM foodaid_movements m
                    JOIN foodaid_lots l ON l.id = m.lot_id JOIN foodaid_products p ON p.id = l.product_id
                    WHERE m.kind = 'loss' AND m.at >= ? AND m.at < ? GROUP BY COALESCE(l.category, p.category)
                    """, [start, end])),
            unfitAtSortingKg: Grams.kg(try await db.scalarInt("SELECT SUM(s.grams) \(sorted) AND s.outcome = 'unfit'", [start, end])),
            stockOnHandByCategory: kg(
                try await grams(
                    """
                    SELECT COALESCE(l.category, p.category) AS k, SUM(l.grams_on_hand) AS grams FROM foodaid_lots l
                    JOIN foodaid_products p ON p.id = l.product_id WHERE l.status = 'available' GROUP BY COALESCE(l.category, p.category)
                    """, [])),
            expiringWithin7DaysKg: Grams.kg(expiring))
    }

    /// Grams shipped per partner, keyed by the partner's name (from the kernel).
    static func byPartnerName(start: Date, end: Date, in db: any SQLExecutor) async throws -> [String: Int] {
        var result: [String: Int] = [:]
        for row in try await db.query(
            """
            SELECT o.organisation_id, SUM(ol.shipped_grams) AS grams
            FROM foodaid_order_lines ol JOIN foodaid_orders o ON o.id = ol.order_id
            WHERE o.shipped_at >= ? AND o.shipped_at < ? AND ol.shipped_grams IS NOT NULL GROUP BY o.organisation_id
            """, [start, end])
        {
            let partner = try row.uuid("organisation_id")
            let name = try await OrganisationService().get(partner, in: db)?.name ?? partner.uuidString
            result[name, default: 0] += try row.optionalInt("grams") ?? 0
        }
        return result
    }

    /// The report flattened to `section,key,kg` rows.
    func csv() throws -> String {
        let writer = try CSVExport(header: ["section", "key", "kg"])
        let sections: [(String, [String: Double])] = [
            ("received_by_donor_type", receivedByDonorType), ("received_by_category", receivedByCategory),
            ("received_by_funding_origin", receivedByFundingOrigin), ("sent_to_processing_by_category", sentToProcessingByCategory),
            ("distributed_by_partner", distributedByPartner),
            ("distributed_by_category", distributedByCategory), ("distributed_by_funding_origin", distributedByFundingOrigin),
            ("losses_by_category", lossesByCategory), ("stock_on_hand_by_category", stockOnHandByCategory),
        ]
        for (section, values) in sections {
            for key in values.keys.sorted() { try writer.row([section, key, String(values[key]!)]) }
        }
        try writer.row(["totals", "fresh_share", String(freshShare)])
        try writer.row(["totals", "unfit_at_sorting", String(unfitAtSortingKg)])
        try writer.row(["totals", "returned_from_processing", String(returnedFromProcessingKg)])
        try writer.row(["totals", "expiring_within_7_days", String(expiringWithin7DaysKg)])
        return writer.text()
    }
}
