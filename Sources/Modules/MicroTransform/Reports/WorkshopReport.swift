import CSV
import CollectoKernel
import Foundation

/// The workshop's figures per week or month: produce rescued, output, yield
/// per recipe against its target, losses (waste to biowaste, evaporation,
/// produce that spoiled) and HACCP deviations. JSON or CSV.
struct WorkshopReport: Sendable, Codable {
    enum Grouping: String, Sendable, AcceptedValues { case week, month }

    /// One recipe's batches in a period.
    struct RecipeLine: Sendable, Codable {
        var recipe: String
        var batches: Int
        var produceKg: Double
        var addedKg: Double
        var outputKg: Double
        var wasteKg: Double
        var evaporationKg: Double
        /// Output per kg of batch input, against the recipe's target.
        var yield: Double
        var targetYield: Double
    }

    /// One week (starting Monday) or month.
    struct Period: Sendable, Codable {
        var period: String
        var from: CalendarDate
        var until: CalendarDate
        var batches: Int
        var kgRescued: Double
        var addedKg: Double
        var outputKg: Double
        var wasteKg: Double
        var evaporationKg: Double
        var spoiledKg: Double
        var haccpDeviations: Int
        var quarantined: Int
        var discarded: Int
        var recipes: [RecipeLine]
    }

    var grouping: Grouping
    var from: CalendarDate
    var until: CalendarDate
    var periods: [Period]

    static func periodStart(_ day: CalendarDate, _ grouping: Grouping) -> CalendarDate {
        switch grouping {
        case .month: return CalendarDate(year: day.year, month: day.month, day: 1)!
        case .week:
            let offset = Weekday.allCases.firstIndex(of: day.weekday)! - Weekday.allCases.firstIndex(of: .monday)!
            return day.adding(days: -((offset + 7) % 7))
        }
    }

    static func nextStart(_ start: CalendarDate, _ grouping: Grouping) -> CalendarDate {
        switch grouping {
        case .week: return start.adding(days: 7)
        case .month:
            return start.startOfNextMonth
        }
    }

    /// Days `from` to `until` inclusive, cut into whole weeks or months.
    static func make(workshop: UUID, from: CalendarDate, until: CalendarDate, grouping: Grouping, in db: any SQLExecutor) async throws
        -> WorkshopReport
    {
        guard from <= until else { throw KernelError.invalid(field: "until", message: "the period ends after it starts") }
        guard from.days(until: until) <= 800 else { throw KernelError.invalid(field: "until", message: "at most about two years at once") }
        let rows = try await db.query(
            """
            SELECT b.*, r.name AS recipe_name, r.yield AS target_yield,
                (SELECT SUM(used_grams) FROM microtransform_batch_inputs i WHERE i.batch_id = b.id) AS produce_grams
            FROM microtransform_batches b JOIN microtransform_recipes r ON r.id = b.recipe_id
            WHERE b.workshop_id = ? AND b.day >= ? AND b.day <= ? AND b.finished_at IS NOT NULL ORDER BY b.day, b.id
            """, [workshop, from, until])
        // Produce that spoiled at the workshop (not produce lost on its way in).
        let spoiled = try await db.query(
            """
            SELECT l.spoil_date, l.written_off_grams FROM microtransform_input_lots l JOIN microtransform_intakes n ON n.id = l.intake_id
            WHERE l.workshop_id = ? AND l.status = 'spoiled' AND n.status <> 'lost' AND l.spoil_date >= ? AND l.spoil_date <= ?
            """, [workshop, from, until])
        var periods: [Period] = []
        var start = periodStart(from, grouping)
        while start <= until {
            let end = nextStart(start, grouping).adding(days: -1)
            let inside = try rows.filter { row in
                let day = try row.calendarDate("day")
                return day >= start && day <= end
            }
            var lines: [String: RecipeLine] = [:]
            var deviations = 0
            var quarantined = 0
            var discarded = 0
            for row in inside {
                let name = try row.string("recipe_name")
                let target = try row.double("target_yield")
                var line =
                    lines[name]
                    ?? RecipeLine(
                        recipe: name, batches: 0, produceKg: 0, addedKg: 0, outputKg: 0, wasteKg: 0, evaporationKg: 0, yield: 0,
                        targetYield: target)
                line.batches += 1
                line.produceKg += WorkshopRows.kg(try row.optionalInt("produce_grams") ?? 0)
                line.addedKg += WorkshopRows.kg(try row.optionalInt("added_grams") ?? 0)
                line.outputKg += WorkshopRows.kg(try row.optionalInt("output_grams") ?? 0)
                line.wasteKg += WorkshopRows.kg(try row.optionalInt("waste_grams") ?? 0)
                line.evaporationKg += WorkshopRows.kg(try row.optionalInt("evaporation_grams") ?? 0)
                lines[name] = line
                let status = try row.string("status")
                if let text = try row.optionalString("deviations") { deviations += text.split(separator: "\n").count }
                if status == BatchStatus.quarantined.rawValue || !row.isNull("deviations") { quarantined += 1 }
                if status == BatchStatus.discarded.rawValue { discarded += 1 }
            }
            let recipes = lines.values.sorted { $0.recipe < $1.recipe }.map { line in
                var copy = line
                let input = line.produceKg + line.addedKg
                copy.yield = input > 0 ? (line.outputKg / input * 1000).rounded() / 1000 : 0
                for key in [\RecipeLine.produceKg, \.addedKg, \.outputKg, \.wasteKg, \.evaporationKg] {
                    copy[keyPath: key] = (copy[keyPath: key] * 1000).rounded() / 1000
                }
                return copy
            }
            let spoiledGrams = try spoiled.filter { row in
                let day = try row.calendarDate("spoil_date")
                return day >= start && day <= end
            }.reduce(0) { $0 + (try $1.int("written_off_grams")) }
            func total(_ key: KeyPath<RecipeLine, Double>) -> Double {
                (recipes.reduce(0) { $0 + $1[keyPath: key] } * 1000).rounded() / 1000
            }
            periods.append(
                Period(
                    period: grouping == .month ? String(start.description.prefix(7)) : "week of \(start)", from: start, until: end,
                    batches: inside.count, kgRescued: total(\.produceKg), addedKg: total(\.addedKg), outputKg: total(\.outputKg),
                    wasteKg: total(\.wasteKg), evaporationKg: total(\.evaporationKg), spoiledKg: WorkshopRows.kg(spoiledGrams),
                    haccpDeviations: deviations, quarantined: quarantined, discarded: discarded, recipes: recipes))
            start = nextStart(start, grouping)
        }
        return WorkshopReport(grouping: grouping, from: from, until: until, periods: periods)
    }

    /// One row per period and recipe, then one `all recipes` row per period.
    func csv() throws -> String {
        let writer = try CSVExport(header: [
            "period", "recipe", "batches", "produce_kg", "added_kg", "output_kg", "waste_kg", "evaporation_kg", "yield", "target_yield",
            "spoiled_kg", "haccp_deviations", "quarantined", "discarded",
        ])
        for period in periods {
            for line in period.recipes {
                try writer.row([
                    period.period, line.recipe, String(line.batches), String(line.produceKg), String(line.addedKg), String(line.outputKg),
                    String(line.wasteKg), String(line.evaporationKg), String(line.yield), String(line.targetYield), "", "", "", "",
                ])
            }
            try writer.row([
                period.period, "all recipes", String(period.batches), String(period.kgRescued), String(period.addedKg),
                String(period.outputKg), String(period.wasteKg), String(period.evaporationKg), "", "", String(period.spoiledKg),
                String(period.haccpDeviations), String(period.quarantined), String(period.discarded),
            ])
        }
        return writer.text()
    }
}
