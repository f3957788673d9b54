import CSV
import CollectoKernel
import Foundation

/// What the city reports, computed from the register alone so the two always
/// agree to the gram: tonnage per collection point, per month and per
/// destination, the refusal rate, the kilograms diverted from landfill or
/// incineration, and the greenhouse gases avoided with the configured factors.
///
/// A correction counts in the period of the entry it corrects, not the period
/// it was written in; a month whose entries were corrected after it ended is
/// listed in ``restated`` (its figures changed after they could have been reported).
struct TonnageReport: Sendable, Codable {
    struct Line: Sendable, Codable, Hashable {
        var key: String
        var name: String
        var kg: Double
    }

    /// A month of the report whose entries received a correction written after the month ended.
    struct Restatement: Sendable, Codable, Hashable {
        /// `2026-11`.
        var month: String
        /// The day of the latest such correction.
        var restatedOn: CalendarDate
    }

    var from: CalendarDate
    var until: CalendarDate
    var collectedKg: Double
    var byPoint: [Line]
    var byMonth: [Line]
    var byDestination: [Line]
    var containersCollected: Int
    var containersRefused: Int
    var refusalRate: Double
    var divertedKg: Double
    var deliveredKg: Double
    var co2eAvoidedKg: Double
    var factors: EmissionFactors
    var restated: [Restatement]

    /// Days `from` to `until` inclusive, for every point or only `sites`.
    static func make(
        from: CalendarDate, until: CalendarDate, sites: Set<UUID>?, factors: EmissionFactors, timeZone: TimeZone, in db: any SQLExecutor
    ) async throws
        -> TonnageReport
    {
        guard from <= until else { throw KernelError.invalid(field: "until", message: "the period ends after it starts") }
        let start = from.instant(at: LocalTime(hour: 0, minute: 0)!, in: timeZone)
        let end = until.adding(days: 1).instant(at: LocalTime(hour: 0, minute: 0)!, in: timeZone)
        let entries = try await RegisterService.counted(from: start, until: end, in: db).filter {
            sites == nil || sites!.contains($0.entry.producerSiteId)
        }
        let tonnage = entries.filter { $0.kind == "collection" }
        func round(_ kg: Double) -> Double { (kg * 1000).rounded() / 1000 }
        func lines(_ key: (CountedEntry) -> String?, _ name: (String) async throws -> String) async throws -> [Line] {
            var sums: [String: Int] = [:]
            for entry in tonnage { sums[key(entry) ?? "unknown", default: 0] += entry.grams }
            var result: [Line] = []
            for (key, grams) in sums { result.append(Line(key: key, name: try await name(key), kg: Grams.kg(grams))) }
            return result.sorted { ($0.kg, $0.key) > ($1.kg, $1.key) }
        }
        func siteName(_ key: String) async throws -> String {
            guard let id = UUID(uuidString: key), let site = try await SiteService().get(id, in: db) else { return key }
            let owner = try await OrganisationService().get(site.organisationId, in: db)
            return owner.map { "\($0.name) — \(site.name)" } ?? site.name
        }
        var avoided = 0.0
        for entry in tonnage {
            let treatment = entry.treatment.flatMap(Treatment.init(rawValue:)) ?? .composting
            avoided += Grams.kg(entry.grams) / 1000 * factors.factor(treatment).kgCO2ePerTonne
        }
        let collectedContainers = tonnage.filter { $0.entry.kind == "collection" }.count
        let refused = entries.filter { $0.kind == "refusal" }.count
        let collected = Grams.kg(tonnage.reduce(0) { $0 + $1.grams })
        let delivered = entries.filter { $0.kind == "delivery" }.reduce(0) { $0 + $1.grams }
        return TonnageReport(
            from: from, until: until, collectedKg: collected, byPoint: try await lines({ $0.entry.producerSiteId.uuidString }, siteName),
            byMonth: try await lines({ month(of: $0.at, in: timeZone) }, { $0 }).sorted { $0.key < $1.key },
            byDestination: try await lines({ $0.destinationSiteId?.uuidString }, siteName), containersCollected: collectedContainers,
            containersRefused: refused,
            refusalRate: collectedContainers + refused > 0 ? round(Double(refused) / Double(collectedContainers + refused)) : 0,
            divertedKg: collected, deliveredKg: Grams.kg(delivered), co2eAvoidedKg: round(avoided), factors: factors,
            restated: restatements(of: entries, in: timeZone))
    }

    /// `2026-11` for an instant in November 2026 in the deployment's zone.
    static func month(of instant: Date, in timeZone: TimeZone) -> String {
        String(CalendarDate(instant, in: timeZone).description.prefix(7))
    }

    /// The months whose entries received a correction written after the month ended, with the latest such correction's day.
    static func restatements(of entries: [CountedEntry], in timeZone: TimeZone) -> [Restatement] {
        var latest: [String: Date] = [:]
        for counted in entries where counted.correctsAnEntry {
            let day = CalendarDate(counted.at, in: timeZone)
            let next = CalendarDate(year: day.month == 12 ? day.year + 1 : day.year, month: day.month % 12 + 1, day: 1)!
            guard counted.entry.at >= next.instant(at: LocalTime(hour: 0, minute: 0)!, in: timeZone) else { continue }
            let month = month(of: counted.at, in: timeZone)
            latest[month] = max(latest[month] ?? counted.entry.at, counted.entry.at)
        }
        return latest.map { Restatement(month: $0.key, restatedOn: CalendarDate($0.value, in: timeZone)) }.sorted { $0.month < $1.month }
    }

    /// Lines, then totals, factors and restated months (`restated,<month>,<day of the latest correction>,`).
    func csv() throws -> String {
        let writer = try CSVExport(header: ["section", "key", "name", "kg"])
        for (section, lines) in [("point", byPoint), ("month", byMonth), ("destination", byDestination)] {
            for line in lines { try writer.row([section, line.key, line.name, String(line.kg)]) }
        }
        for (key, value) in [
            ("collected_kg", collectedKg), ("delivered_kg", deliveredKg), ("diverted_kg", divertedKg), ("refusal_rate", refusalRate),
            ("co2e_avoided_kg", co2eAvoidedKg),
        ] {
            try writer.row(["totals", key, "", String(value)])
        }
        try writer.row(["factors", "composting", factors.composting.source, String(factors.composting.kgCO2ePerTonne)])
        try writer.row(["factors", "methanisation", factors.methanisation.source, String(factors.methanisation.kgCO2ePerTonne)])
        for restatement in restated { try writer.row(["restated", restatement.month, restatement.restatedOn.description, ""]) }
        return writer.text()
    }
}
