import CSV
import CollectoKernel
import Foundation

/// The food bank's figures for a period: what came in, what went out, the
/// share of fresh products, losses, and the stock on hand with what expires
/// within a week. Kilograms throughout, rounded to the gram.
struct SupplyReport: Sendable, Codable {
    var from: CalendarDate
    var until: CalendarDate
    var receivedByDonorType: [String: Double]
    var receivedByCategory: [String: Double]
    var receivedByFundingOrigin: [String: Double]
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
        func sums(_ sql: String, _ bindings: [any SQLBindable]) async throws -> [String: Double] {
            var result: [String: Double] = [:]
            for row in try await db.query(sql, bindings) {
                result[try row.optionalString("k") ?? "unknown", default: 0] += (try row.double("kg") * 1000).rounded() / 1000
            }
            return result
        }
        let receipts = """
            FROM foodaid_movements m JOIN foodaid_lots l ON l.id = m.lot_id JOIN foodaid_products p ON p.id = l.product_id
            WHERE m.kind = 'receipt' AND m.at >= ? AND m.at < ?
            """
        let byDonor = try await sums(
            """
            SELECT COALESCE(d.donor_type, CASE WHEN l.origin_kind = 'pickup' THEN 'unknown_donor' ELSE l.origin_kind END) AS k,
                SUM(m.on_hand_change * p.unit_weight_kg) AS kg
            \(receipts.replacingOccurrences(of: "WHERE", with: """
                LEFT JOIN foodaid_pickups pk ON l.origin_kind = 'pickup' AND pk.id = l.origin_reference
                LEFT JOIN foodaid_donor_profiles d ON d.organisation_id = pk.donor_id WHERE
                """))
            GROUP BY 1
            """, [start, end])
        let shipped = """
            FROM foodaid_order_lines ol JOIN foodaid_orders o ON o.id = ol.order_id JOIN foodaid_products p ON p.id = ol.product_id
            WHERE o.shipped_at >= ? AND o.shipped_at < ? AND ol.shipped_kg IS NOT NULL
            """
        let distributedByCategory = try await sums(
            "SELECT p.category AS k, SUM(ol.shipped_kg) AS kg \(shipped) GROUP BY p.category", [start, end])
        let distributed = distributedByCategory.values.reduce(0, +)
        let fresh = distributedByCategory.filter { freshCategories.contains($0.key) }.values.reduce(0, +)
        let horizon = today.adding(days: 7)
        let expiring = try await db.query(
            """
            SELECT l.use_by, l.best_before, l.on_hand * p.unit_weight_kg AS kg FROM foodaid_lots l
            JOIN foodaid_products p ON p.id = l.product_id WHERE l.status = 'available' AND l.on_hand > 0
            """
        ).reduce(0.0) { total, row in
            let date = (try? row.string("use_by")).flatMap(CalendarDate.init) ?? (try? row.string("best_before")).flatMap(CalendarDate.init)
            guard let date, date <= horizon else { return total }
            return total + ((try? row.double("kg")) ?? 0)
        }
        return SupplyReport(
            from: from, until: until, receivedByDonorType: byDonor,
            receivedByCategory: try await sums(
                "SELECT p.category AS k, SUM(m.on_hand_change * p.unit_weight_kg) AS kg \(receipts) GROUP BY p.category", [start, end]),
            receivedByFundingOrigin: try await sums(
                "SELECT p.funding_origin AS k, SUM(m.on_hand_change * p.unit_weight_kg) AS kg \(receipts) GROUP BY p.funding_origin",
                [start, end]),
            distributedByPartner: try await sums(
                "SELECT org.name AS k, SUM(ol.shipped_kg) AS kg \(shipped.replacingOccurrences(of: "WHERE", with: "JOIN kernel_organisations org ON org.id = o.organisation_id WHERE")) GROUP BY org.name",
                [start, end]),
            distributedByCategory: distributedByCategory,
            distributedByFundingOrigin: try await sums(
                "SELECT p.funding_origin AS k, SUM(ol.shipped_kg) AS kg \(shipped) GROUP BY p.funding_origin", [start, end]),
            freshShare: distributed > 0 ? (fresh / distributed * 1000).rounded() / 1000 : 0,
            lossesByCategory: try await sums(
                """
                SELECT p.category AS k, SUM(-m.on_hand_change * p.unit_weight_kg) AS kg FROM foodaid_movements m
                JOIN foodaid_lots l ON l.id = m.lot_id JOIN foodaid_products p ON p.id = l.product_id
                WHERE m.kind = 'loss' AND m.at >= ? AND m.at < ? GROUP BY p.category
                """, [start, end]),
            unfitAtSortingKg: Double(
                try await db.scalarInt(
                    """
                    SELECT SUM(s.grams) FROM foodaid_sorting_lines s JOIN foodaid_pickups pk ON pk.id = s.pickup_id
                    WHERE s.outcome = 'unfit' AND pk.sorted_at >= ? AND pk.sorted_at < ?
                    """, [start, end])) / 1000,
            stockOnHandByCategory: try await sums(
                """
                SELECT p.category AS k, SUM(l.on_hand * p.unit_weight_kg) AS kg FROM foodaid_lots l JOIN foodaid_products p ON p.id = l.product_id
                WHERE l.status = 'available' GROUP BY p.category
                """, []),
            expiringWithin7DaysKg: (expiring * 1000).rounded() / 1000)
    }

    /// The report flattened to `section,key,kg` rows.
    func csv() throws -> String {
        let stream = OutputStream(toMemory: ())
        let writer = try CSVWriter(stream: stream)
        try writer.write(row: ["section", "key", "kg"])
        let sections: [(String, [String: Double])] = [
            ("received_by_donor_type", receivedByDonorType), ("received_by_category", receivedByCategory),
            ("received_by_funding_origin", receivedByFundingOrigin), ("distributed_by_partner", distributedByPartner),
            ("distributed_by_category", distributedByCategory), ("distributed_by_funding_origin", distributedByFundingOrigin),
            ("losses_by_category", lossesByCategory), ("stock_on_hand_by_category", stockOnHandByCategory),
        ]
        for (section, values) in sections {
            for key in values.keys.sorted() { try writer.write(row: [section, key, String(values[key]!)]) }
        }
        try writer.write(row: ["totals", "fresh_share", String(freshShare)])
        try writer.write(row: ["totals", "unfit_at_sorting", String(unfitAtSortingKg)])
        try writer.write(row: ["totals", "expiring_within_7_days", String(expiringWithin7DaysKg)])
        writer.stream.close()
        return String(decoding: stream.property(forKey: .dataWrittenToMemoryStreamKey) as? Data ?? Data(), as: UTF8.self)
    }
}
