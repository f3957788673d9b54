import CollectoKernel
import Foundation

/// Issues donors' yearly tax receipts from what the food bank took over and
/// sorted. Valuation (French rule for in-kind food gifts): the category's value
/// per kg, halved for food given within 3 days of its use-by date, zero for
/// food past it; the gift's date is the day of the pickup. Unfit food is not a gift.
struct TaxReceiptService: Sendable {
    /// The lines a donor's gifts of a year make.
    func gifts(of donor: UUID, year: Int, in db: any SQLExecutor) async throws -> [TaxReceipt.Line] {
        let rules = try await CategoryRules().all(in: db)
        let rows = try await db.query(
            """
            SELECT s.category, s.grams, s.days_left FROM foodaid_sorting_lines s JOIN foodaid_pickups p ON p.id = s.pickup_id
            WHERE p.donor_id = ? AND p.day >= ? AND p.day < ? AND s.outcome IN ('stock', 'processing') AND s.category IS NOT NULL
            """, [donor, "\(year)-01-01", "\(year + 1)-01-01"])
        var grams: [String: (full: Int, half: Int, zero: Int)] = [:]
        for row in rows {
            let category = try row.string("category")
            let amount = try row.int("grams")
            let daysLeft = try row.optionalInt("days_left")
            var entry = grams[category] ?? (0, 0, 0)
            switch daysLeft {
            case .some(let days) where days < 0: entry.zero += amount
            case .some(let days) where days <= 3: entry.half += amount
            default: entry.full += amount
            }
            grams[category] = entry
        }
        return grams.keys.sorted().map { category in
            let entry = grams[category]!
            let price = rules[category]?.giftValuePerKg ?? 0
            let full = Double(entry.full) / 1000
            let half = Double(entry.half) / 1000
            return TaxReceipt.Line(
                category: category, kg: Double(entry.full + entry.half + entry.zero) / 1000, fullValueKg: full, halfValueKg: half,
                zeroValueKg: Double(entry.zero) / 1000, valuePerKg: price, value: ((full + half / 2) * price * 100).rounded() / 100)
        }
    }

    /// Issues the year's receipts: a new one for each donor without a live receipt, and a correcting
    /// one (cancelling the old) where the gifts changed since. Returns what it issued.
    func issue(year: Int, in tx: Transaction) async throws -> [TaxReceipt] {
        guard (2000...2100).contains(year) else { throw KernelError.invalid(field: "year", message: "year out of range") }
        let donors = try await tx.query(
            "SELECT DISTINCT donor_id FROM foodaid_pickups WHERE status = 'sorted' AND day >= ? AND day < ? ORDER BY donor_id",
            ["\(year)-01-01", "\(year + 1)-01-01"]
        ).map { try $0.uuid("donor_id") }
        var issued: [TaxReceipt] = []
        for donor in donors {
            let lines = try await gifts(of: donor, year: year, in: tx)
            guard !lines.isEmpty else { continue }
            let live = try await receipts(year: year, donor: donor, in: tx).items.first { $0.cancelledById == nil }
            if let live, live.lines == lines { continue }
            let number = try await tx.scalarInt("SELECT MAX(number) FROM foodaid_tax_receipts WHERE year = ?", [year]) + 1
            let receipt = TaxReceipt(
                id: UUID(), year: year, number: number, reference: String(format: "%04d-%04d", year, number), donorId: donor,
                issuedAt: tx.now,
                totalKg: (lines.reduce(0) { $0 + $1.kg } * 1000).rounded() / 1000,
                totalValue: (lines.reduce(0) { $0 + $1.value } * 100).rounded() / 100,
                lines: lines, cancelsId: live?.id, cancelledById: nil)
            try await tx.execute(
                """
                INSERT INTO foodaid_tax_receipts (id, year, number, donor_id, issued_at, total_grams, total_value, lines, cancels_id)
                VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?)
                """,
                [
                    receipt.id, year, number, donor, tx.now, Grams.of(kg: receipt.totalKg), receipt.totalValue, try JSONText.encode(lines),
                    receipt.cancelsId,
                ])
            issued.append(receipt)
        }
        return issued
    }

    /// Receipts of a year (and a donor), in number order, each knowing what cancelled it.
    /// Receipts by year and donor, of `donors` only (all when nil), filtered and paged in SQL, with how many match.
    func receipts(
        year: Int?, donor: UUID?, donors: Set<UUID>? = nil, page: PageRequest? = nil, in db: any SQLExecutor
    ) async throws -> Page<TaxReceipt> {
        var query = SQLListQuery("SELECT * FROM foodaid_tax_receipts")
        query.filter("year = ?", year)
        query.filter("donor_id = ?", donor)
        query.filter("donor_id", in: donors)
        query.order(by: "year, number, id", page: page)
        return try await query.page(in: db) { rows in
            var cancelledBy: [UUID: UUID] = [:]
            for row in try await db.query("SELECT id, cancels_id FROM foodaid_tax_receipts WHERE cancels_id IS NOT NULL") {
                cancelledBy[try row.uuid("cancels_id")] = try row.uuid("id")
            }
            return try rows.map { row in
                let id = try row.uuid("id")
                let year = try row.int("year")
                let number = try row.int("number")
                return TaxReceipt(
                    id: id, year: year, number: number, reference: String(format: "%04d-%04d", year, number),
                    donorId: try row.uuid("donor_id"), issuedAt: try row.instant("issued_at"),
                    totalKg: Grams.kg(try row.int("total_grams")),
                    totalValue: try row.double("total_value"), lines: try row.json("lines"), cancelsId: try row.optionalUUID("cancels_id"),
                    cancelledById: cancelledBy[id])
            }
        }
    }
}
