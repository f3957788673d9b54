import CollectoKernel
import Foundation

/// A register entry as the reports and the mass balance count it. A
/// correction belongs to the entry it corrects: it counts as that entry's
/// kind, at that entry's instant (so in its period), for its destination and
/// treatment, whenever the correction was written.
struct CountedEntry: Sendable, Hashable {
    var entry: RegisterEntry
    /// The entry's weight, to the gram, as the register stores it.
    var grams: Int
    /// `collection`, `delivery` or `refusal`; a correction counts as the kind of the entry it corrects.
    var kind: String
    /// When the entry counts: a correction's is the corrected entry's instant.
    var at: Date
    var destinationSiteId: UUID?
    var treatment: String?
    /// Whether this is a correction counted with the entry it corrects.
    var correctsAnEntry = false
}

extension RegisterService {
    /// The entries that count between two instants: those written then
    /// (except corrections of entries), and every correction of an entry
    /// written then, even one written after `until`. A correction naming no
    /// entry of the register (written by hand) counts when it was written, as
    /// the kind its note starts with.
    static func counted(from: Date, until: Date, in db: any SQLExecutor) async throws -> [CountedEntry] {
        var counted: [CountedEntry] = []
        for row in try await db.query(
            """
            SELECT r.*, o.id AS corrected_id FROM biowaste_register r LEFT JOIN biowaste_register o ON o.id = r.corrects_entry
            WHERE r.at >= ? AND r.at < ?
            """, [from, until])
        {
            let entry = try entry(row)
            let corrected = try row.optionalInt("corrected_id")
            guard entry.kind != "correction" || corrected == nil else { continue }
            var kind = entry.kind
            if kind == "correction" { kind = ["collection", "delivery"].first { entry.note?.hasPrefix($0) == true } ?? kind }
            counted.append(
                CountedEntry(
                    entry: entry, grams: try row.int("grams"), kind: kind, at: entry.at, destinationSiteId: entry.destinationSiteId,
                    treatment: entry.treatment)
            )
        }
        for row in try await db.query(
            """
            SELECT c.*, o.kind AS corrected_kind, o.at AS corrected_at, o.destination_site_id AS corrected_destination,
                o.treatment AS corrected_treatment
            FROM biowaste_register c JOIN biowaste_register o ON o.id = c.corrects_entry
            WHERE c.kind = 'correction' AND o.at >= ? AND o.at < ?
            """, [from, until])
        {
            counted.append(
                CountedEntry(
                    entry: try entry(row), grams: try row.int("grams"), kind: try row.string("corrected_kind"),
                    at: try row.instant("corrected_at"),
                    destinationSiteId: try row.optionalUUID("corrected_destination"),
                    treatment: try row.optionalString("corrected_treatment"), correctsAnEntry: true))
        }
        return counted.sorted { ($0.at, $0.entry.id) < ($1.at, $1.entry.id) }
    }
}
