import CollectoKernel
import Foundation

/// A partner's monthly solidarity contribution: the kilograms it was shipped
/// in the month, per category, at the category's price per kg.
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
        let rows = try await db.query(
            """
            SELECT p.category, SUM(l.shipped_kg) AS kg FROM foodaid_order_lines l
            JOIN foodaid_orders o ON o.id = l.order_id JOIN foodaid_products p ON p.id = l.product_id
            WHERE o.organisation_id = ? AND o.shipped_at >= ? AND o.shipped_at < ? AND l.shipped_kg IS NOT NULL
            GROUP BY p.category ORDER BY p.category
            """, [organisation, from, until])
        var lines: [Line] = []
        for row in rows {
            let category = try row.string("category")
            let kg = (try row.double("kg") * 1000).rounded() / 1000
            let price = rules[category]?.contributionPerKg ?? 0
            lines.append(Line(category: category, kg: kg, pricePerKg: price, amount: (kg * price * 100).rounded() / 100))
        }
        return ContributionStatement(
            organisationId: organisation, month: month, lines: lines, totalKg: lines.reduce(0) { $0 + $1.kg },
            totalAmount: (lines.reduce(0) { $0 + $1.amount } * 100).rounded() / 100)
    }
}
