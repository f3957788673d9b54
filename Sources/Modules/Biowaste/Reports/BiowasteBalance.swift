import CollectoKernel
import Foundation

/// Biowaste's sections of the network's mass balance, in whole grams (each
/// register entry's kilograms rounded to the gram before any sum):
///
/// - "Waste collected by destination": what the register weighed at pickups
///   (`collected`, per destination site id, and `collected_by_treatment`) and
///   at the destinations (`delivered`, `delivered_by_treatment`), with one
///   check per destination, `collected = delivered`: two weighings of the same
///   waste, whose difference is shown rather than hidden. Corrections count in
///   the period of the entry they correct; a correction written after the
///   period ended marks the section restated (``BalanceSection/restatedAt``).
///   A load collected on the last
///   evening of a period and weighed at the destination the next morning
///   shows as a difference in both periods.
/// - "Waste produced and collected": what other modules announced with
///   ``BiowasteProduced`` (estimates, by nature), and how much of it went with
///   a pickup, for information: no check.
enum BiowasteBalance {
    static let module = BiowasteModule.id.rawValue
    static let collectedTitle = "Waste collected by destination"
    static let producedTitle = "Waste produced and collected"

    static let contributor = BalanceContributor { scope, db in try await sections(scope, in: db) }

    static func sections(_ scope: BalanceScope, in db: any SQLExecutor) async throws -> [BalanceSection] {
        guard let source = scope.source else {
            return [try await collected(scope, in: db), try await produced(scope, source: nil, in: db)]
        }
        // The register cannot be tied to one source: a pickup takes everything
        // waiting at the point (announced by several modules' records, asked
        // for by the site, or due on schedule) in one weighing. For one source,
        // Biowaste gives only the waste that source announced (estimates).
        return [try await produced(scope, source: source, in: db)]
    }

    /// Collected and delivered per destination and treatment, and the check between the two weighings.
    static func collected(_ scope: BalanceScope, in db: any SQLExecutor) async throws -> BalanceSection {
        var sums: [String: [String: Int]] = [:]
        var restatedAt: Date?
        for counted in try await RegisterService.counted(from: scope.start, until: scope.end, in: db) {
            if counted.correctsAnEntry, counted.entry.at >= scope.end { restatedAt = max(restatedAt ?? counted.entry.at, counted.entry.at) }
            guard counted.kind == "collection" || counted.kind == "delivery" else { continue }
            let account = counted.kind == "collection" ? "collected" : "delivered"
            sums[account, default: [:]][counted.destinationSiteId?.uuidString ?? "unknown", default: 0] += counted.grams
            sums[account + "_by_treatment", default: [:]][counted.treatment ?? "unknown", default: 0] += counted.grams
        }
        var lines: [BalanceLine] = []
        for account in ["collected", "collected_by_treatment", "delivered", "delivered_by_treatment"] {
            for (key, grams) in (sums[account] ?? [:]).sorted(by: { $0.key < $1.key }) {
                lines.append(BalanceLine(account, key: key, grams: grams))
            }
        }
        let collected = sums["collected"] ?? [:]
        let delivered = sums["delivered"] ?? [:]
        let checks = Set(collected.keys).union(delivered.keys).sorted().map { destination in
            BalanceCheck(
                "destination:\(destination)", equation: "collected = delivered", left: collected[destination] ?? 0,
                right: delivered[destination] ?? 0, kind: .weighing)
        }
        return BalanceSection(module: module, title: collectedTitle, lines: lines, checks: checks, restatedAt: restatedAt)
    }

    /// Waste other modules announced, produced on the period's days (estimates): by nature, what went with a pickup, by module.
    static func produced(_ scope: BalanceScope, source: (module: String, reference: String)?, in db: any SQLExecutor) async throws
        -> BalanceSection
    {
        var sql = """
            SELECT nature, estimated_kg, status, source_module, note FROM biowaste_arrivals
            WHERE source = 'event' AND due_day >= ? AND due_day <= ?
            """
        var bindings: [any SQLBindable] = [scope.from, scope.until]
        if let source {
            // Only arrivals recorded since migration 003 know their source's reference.
            sql += " AND source_module = ? AND source_reference = ?"
            bindings += [source.module, source.reference.lowercased()]
        }
        var sums: [String: [String: Int]] = [:]
        for row in try await db.query(sql, bindings) {
            let grams = Grams.of(kg: try row.double("estimated_kg"))
            let nature = try row.string("nature")
            sums["produced", default: [:]][nature, default: 0] += grams
            if try row.string("status") == "collected" { sums["produced_collected", default: [:]][nature, default: 0] += grams }
            if source == nil {
                // Arrivals from before migration 003 name their module only in their note, `foodaid: <reason>`.
                let module =
                    try row.optionalString("source_module")
                    ?? (try row.optionalString("note")).flatMap { $0.split(separator: ":", maxSplits: 1).first.map(String.init) }
                    ?? "unknown"
                sums["produced_by_module", default: [:]][module, default: 0] += grams
            }
        }
        var lines: [BalanceLine] = []
        for account in ["produced", "produced_collected", "produced_by_module"] {
            for (key, grams) in (sums[account] ?? [:]).sorted(by: { $0.key < $1.key }) {
                lines.append(BalanceLine(account, key: key, grams: grams))
            }
        }
        return BalanceSection(module: module, title: producedTitle, lines: lines, checks: [])
    }
}
