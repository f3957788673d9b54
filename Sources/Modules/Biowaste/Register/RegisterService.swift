import CSV
import CollectoKernel
import Foundation

/// The chronological register the collector keeps (date, producer, nature,
/// quantity, carrier, vehicle, destination, treatment), read in the order
/// entries were written and exported as CSV. Entries are never changed: a
/// mistake is corrected by a later `correction` entry that names it.
struct RegisterService: Sendable {
    struct Correction: Sendable, Codable, StrictBody {
        enum Field: String, CodingKey, CaseIterable { case kg, reason }
        static let ranges: [FieldRange] = [.kilograms("kg", 0...1_000_000)]
        /// The right quantity for the corrected entry.
        var kg: Double
        var reason: String
    }

    let timeZone: TimeZone

    static func entry(_ row: SQLRow) throws -> RegisterEntry {
        RegisterEntry(
            id: try row.int("id"), at: try row.instant("at"), kind: try row.string("kind"),
            producerOrganisationId: try row.uuid("producer_organisation_id"), producerSiteId: try row.uuid("producer_site_id"),
            nature: try row.string("nature"), kg: Grams.kg(try row.int("grams")),
            carrierOrganisationId: try row.optionalUUID("carrier_organisation_id"),
            vehicleId: try row.optionalUUID("vehicle_id"), destinationSiteId: try row.optionalUUID("destination_site_id"),
            treatment: try row.optionalString("treatment"), pickupId: try row.optionalUUID("pickup_id"),
            containerId: try row.optionalUUID("container_id"), correctsEntry: try row.optionalInt("corrects_entry"),
            note: try row.optionalString("note"))
    }

    /// Entries between two instants, optionally for one producing site, in order.
    static func entries(from: Date, until: Date, site: UUID?, in db: any SQLExecutor) async throws -> [RegisterEntry] {
        var sql = "SELECT * FROM biowaste_register WHERE at >= ? AND at < ?"
        var bindings: [any SQLBindable] = [from, until]
        if let site {
            sql += " AND producer_site_id = ?"
            bindings.append(site)
        }
        return try await db.query(sql + " ORDER BY at, id", bindings).map(entry)
    }

    /// Adds a correction: the difference between the right quantity and what the entry (with earlier corrections) says.
    func correct(_ id: Int, _ correction: Correction, by user: UUID, in tx: Transaction) async throws -> RegisterEntry {
        try Validate.range(correction.kg, 0...1_000_000, field: "kg")
        try Validate.nonEmpty(correction.reason, field: "reason", maxLength: 500)
        guard let row = try await tx.queryFirst("SELECT * FROM biowaste_register WHERE id = ?", [id]) else {
            throw KernelError.notFound(entity: "register entry", id: String(id))
        }
        let original = try Self.entry(row)
        guard original.kind == "collection" || original.kind == "delivery" else {
            throw BiowasteError.notCorrectable(entry: id, kind: original.kind)
        }
        // In whole grams: the right weight, less the entry's and its earlier corrections'.
        let corrected = try await tx.scalarInt("SELECT COALESCE(SUM(grams), 0) FROM biowaste_register WHERE corrects_entry = ?", [id])
        let delta = Grams.of(kg: correction.kg) - (try row.int("grams")) - corrected
        try await tx.sql.lockForAppend("biowaste_register")
        try await tx.execute(
            """
            INSERT INTO biowaste_register (at, kind, producer_organisation_id, producer_site_id, nature, grams, carrier_organisation_id,
                vehicle_id, destination_site_id, treatment, pickup_id, container_id, corrects_entry, note, recorded_by)
            VALUES (?, 'correction', ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)
            """,
            [
                tx.now, original.producerOrganisationId, original.producerSiteId, original.nature, delta, original.carrierOrganisationId,
                original.vehicleId, original.destinationSiteId, original.treatment, original.pickupId, original.containerId, id,
                "\(original.kind) #\(id) corrected to \(correction.kg) kg: \(correction.reason)", user,
            ])
        return try await tx.query("SELECT * FROM biowaste_register WHERE corrects_entry = ? ORDER BY id DESC", [id]).map(Self.entry)[0]
    }

    /// The register as CSV, with names resolved for the reader.
    func csv(_ entries: [RegisterEntry], in db: any SQLExecutor) async throws -> String {
        // Names through the kernel's services, each asked once.
        var organisations: [UUID: String] = [:]
        var sites: [UUID: String] = [:]
        var plates: [UUID: String] = [:]
        func organisation(_ id: UUID?) async throws -> String {
            guard let id else { return "" }
            if let known = organisations[id] { return known }
            let found = try await OrganisationService().get(id, in: db)?.name ?? id.uuidString
            organisations[id] = found
            return found
        }
        func site(_ id: UUID?) async throws -> String {
            guard let id else { return "" }
            if let known = sites[id] { return known }
            let found = try await SiteService().get(id, in: db)?.name ?? id.uuidString
            sites[id] = found
            return found
        }
        func plate(_ id: UUID?) async throws -> String {
            guard let id else { return "" }
            if let known = plates[id] { return known }
            let found = try await VehicleService().get(id, in: db)?.plate ?? id.uuidString
            plates[id] = found
            return found
        }
        let writer = try CSVExport(header: [
            "entry", "date", "kind", "producer", "producer_site", "nature", "kg", "carrier", "vehicle", "destination", "treatment",
            "corrects_entry", "note",
        ])
        for entry in entries {
            try writer.row([
                String(entry.id), Instant.format(entry.at), entry.kind, try await organisation(entry.producerOrganisationId),
                try await site(entry.producerSiteId), entry.nature, String(entry.kg), try await organisation(entry.carrierOrganisationId),
                try await plate(entry.vehicleId), try await site(entry.destinationSiteId), entry.treatment ?? "",
                entry.correctsEntry.map(String.init) ?? "",
                entry.note ?? "",
            ])
        }
        return writer.text()
    }
}

extension Optional {
    /// `map` for an async transform.
    func asyncMap<T>(_ transform: (Wrapped) async throws -> T) async rethrows -> T? {
        guard let value = self else { return nil }
        return try await transform(value)
    }
}
