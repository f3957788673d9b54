import CSV
import CollectoKernel
import Foundation

/// What the city reports, computed from the register alone so the two always
/// agree to the kilogram: tonnage per collection point, per month and per
/// destination, the refusal rate, the kilograms diverted from landfill or
/// incineration, and the greenhouse gases avoided with the configured factors.
struct TonnageReport: Sendable, Codable {
    struct Line: Sendable, Codable, Hashable {
        var key: String
        var name: String
        var kg: Double
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

    /// Days `from` to `until` inclusive, for every point or only `sites`.
    static func make(
        from: CalendarDate, until: CalendarDate, sites: Set<UUID>?, factors: EmissionFactors, timeZone: TimeZone, in db: any SQLExecutor
    ) async throws
        -> TonnageReport
    {
        guard from <= until else { throw KernelError.invalid(field: "until", message: "the period ends after it starts") }
        let start = from.instant(at: LocalTime(hour: 0, minute: 0)!, in: timeZone)
        let end = until.adding(days: 1).instant(at: LocalTime(hour: 0, minute: 0)!, in: timeZone)
        let entries = try await RegisterService.entries(from: start, until: end, site: nil, in: db).filter {
            sites == nil || sites!.contains($0.producerSiteId)
        }
        let tonnage = entries.filter { $0.kind == "collection" || ($0.kind == "correction" && $0.note?.hasPrefix("collection") == true) }
        func round(_ kg: Double) -> Double { (kg * 1000).rounded() / 1000 }
        func lines(_ key: (RegisterEntry) -> String?, _ name: (String) async throws -> String) async throws -> [Line] {
            var sums: [String: Double] = [:]
            for entry in tonnage { sums[key(entry) ?? "unknown", default: 0] += entry.kg }
            var result: [Line] = []
            for (key, kg) in sums { result.append(Line(key: key, name: try await name(key), kg: round(kg))) }
            return result.sorted { ($0.kg, $0.key) > ($1.kg, $1.key) }
        }
        func siteName(_ key: String) async throws -> String {
            guard let id = UUID(uuidString: key) else { return key }
            return try await db.queryFirst(
                "SELECT o.name || ' — ' || s.name AS name FROM kernel_sites s JOIN kernel_organisations o ON o.id = s.organisation_id WHERE s.id = ?",
                [id])?.string("name") ?? key
        }
        var avoided = 0.0
        for entry in tonnage {
            let treatment = entry.treatment.flatMap(Treatment.init(rawValue:)) ?? .composting
            avoided += entry.kg / 1000 * factors.factor(treatment).kgCO2ePerTonne
        }
        let collectedContainers = tonnage.filter { $0.kind == "collection" }.count
        let refused = entries.filter { $0.kind == "refusal" }.count
        let collected = round(tonnage.reduce(0) { $0 + $1.kg })
        let delivered = entries.filter { $0.kind == "delivery" || ($0.kind == "correction" && $0.note?.hasPrefix("delivery") == true) }
        return TonnageReport(
            from: from, until: until, collectedKg: collected, byPoint: try await lines({ $0.producerSiteId.uuidString }, siteName),
            byMonth: try await lines({ String(CalendarDate($0.at, in: timeZone).description.prefix(7)) }, { $0 }).sorted {
                $0.key < $1.key
            },
            byDestination: try await lines({ $0.destinationSiteId?.uuidString }, siteName), containersCollected: collectedContainers,
            containersRefused: refused,
            refusalRate: collectedContainers + refused > 0 ? round(Double(refused) / Double(collectedContainers + refused)) : 0,
            divertedKg: collected, deliveredKg: round(delivered.reduce(0) { $0 + $1.kg }), co2eAvoidedKg: round(avoided), factors: factors)
    }

    func csv() throws -> String {
        let stream = OutputStream(toMemory: ())
        let writer = try CSVWriter(stream: stream)
        try writer.write(row: ["section", "key", "name", "kg"])
        for (section, lines) in [("point", byPoint), ("month", byMonth), ("destination", byDestination)] {
            for line in lines { try writer.write(row: [section, line.key, line.name, String(line.kg)]) }
        }
        for (key, value) in [
            ("collected_kg", collectedKg), ("delivered_kg", deliveredKg), ("diverted_kg", divertedKg), ("refusal_rate", refusalRate),
            ("co2e_avoided_kg", co2eAvoidedKg),
        ] {
            try writer.write(row: ["totals", key, "", String(value)])
        }
        try writer.write(row: ["factors", "composting", factors.composting.source, String(factors.composting.kgCO2ePerTonne)])
        try writer.write(row: ["factors", "methanisation", factors.methanisation.source, String(factors.methanisation.kgCO2ePerTonne)])
        writer.stream.close()
        return String(decoding: stream.property(forKey: .dataWrittenToMemoryStreamKey) as? Data ?? Data(), as: UTF8.self)
    }
}
