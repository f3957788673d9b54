import CollectoKernel
import Foundation

/// A partner's monthly solidarity contribution: the kilograms it was shipped
/// in the month, per category as its lots were received, at the category's
/// price per kg.
struct ContributionStatement: Sendable, Codable {
    /// One category's line.
    struct Line: Sendable, Codable {
        var category: String
        var kg: Double
        var pricePerKg: Double
        var amount: Double
    }

    var organisationId: UUID
    var month: String
    var lines: [Line]
    var totalKg: Double
    var totalAmount: Double

    /// `YYYY-MM` → the month's first day and the next month's.
    static func bounds(_ month: String) throws -> (CalendarDate, CalendarDate) {
        guard let first = CalendarDate(month + "-01") else {
            throw KernelError.invalid(field: "month", message: "write the month as YYYY-MM")
        }
        return (first, first.startOfNextMonth)
    }

    static func make(for organisation: UUID, month: String, timeZone: TimeZone, in db: any SQLExecutor) async throws
        -> ContributionStatement
    {
        let (first, next) = try bounds(month)
        let from = first.instant(at: LocalTime(hour: 0, minute: 0)!, in: timeZone)
        let until = next.instant(at: LocalTime(hour: 0, minute: 0)!, in: timeZone)
        let rules = try await CategoryRules().all(in: db)
        // What left stock for the partner's orders, by each lot's category as it was received, in grams: editing a
        // product's category or unit weight later rewrites no statement.
        let rows = try await db.query(
            """
            SELECT COALESCE(lot.category, 'unknown') AS category, SUM(-m.grams) AS grams FROM foodaid_movements m
            JOIN foodaid_lots lot ON lot.id = m.lot_id JOIN foodaid_orders o ON o.id = m.order_id
            WHERE m.kind = 'shipment' AND o.organisation_id = ? AND o.shipped_at >= ? AND o.shipped_at < ?
            GROUP BY COALESCE(lot.category, 'unknown') ORDER BY 1
            """, [organisation, from, until])
        var lines: [Line] = []
        var totalGrams = 0
        for row in rows {
            let category = try row.string("category")
            let grams = try row.optionalInt("grams") ?? 0
            totalGrams += grams
            let kg = Grams.kg(grams)
            let price = rules[category]?.contributionPerKg ?? 0
            lines.append(Line(category: category, kg: kg, pricePerKg: price, amount: (kg * price * 100).rounded() / 100))
        }
        return ContributionStatement(
            organisationId: organisation, month: month, lines: lines, totalKg: Grams.kg(totalGrams),
            totalAmount: (lines.reduce(0) { $0 + $1.amount } * 100).rounded() / 100)
    }
}
