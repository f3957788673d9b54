import Foundation

/// Imports organisations or sites from CSV, all or nothing: every line is
/// checked, every problem is reported with its line number, and the rows are
/// written in one transaction only when there is none.
///
/// Organisations: `name,kind[,contact_email,phone]`.
/// Sites: `organisation,name,address,latitude,longitude[,postcode,city,storage_classes,service_minutes,opening_hours]`,
/// where `organisation` is an organisation's name or id, `storage_classes` is
/// `ambient;chilled`, and `opening_hours` is `monday=08:00-12:00|14:00-18:00;tuesday=...`.
public struct DirectoryImport: Sendable {
    let units: UnitOfWorkRunner

    public init(units: UnitOfWorkRunner) {
        self.units = units
    }

    public func organisations(csv text: String, by caller: Caller?, progress: @escaping @Sendable (Int, Int) -> Void = { _, _ in })
        async throws
        -> CSVImportReport
    {
        let table = try CSVTable(text: text, required: ["name", "kind"], optional: ["contact_email", "phone"])
        return try await run(table, by: caller, progress: progress) { record, tx in
            guard let kind = OrganisationKind(rawValue: record["kind"] ?? "") else {
                throw KernelError.invalid(
                    field: "kind", message: "kind must be one of \(OrganisationKind.allCases.map(\.rawValue).joined(separator: ", "))")
            }
            let organisation = try await OrganisationService().create(
                .init(name: record["name"] ?? "", kind: kind, contactEmail: record["contact_email"], phone: record["phone"]), in: tx)
            try await tx.audit("import", entity: "organisation", id: organisation.id.uuidString, organisation: organisation.id)
        }
    }

    public func sites(csv text: String, by caller: Caller?, progress: @escaping @Sendable (Int, Int) -> Void = { _, _ in }) async throws
        -> CSVImportReport
    {
        let table = try CSVTable(
            text: text, required: ["organisation", "name", "address", "latitude", "longitude"],
            optional: ["postcode", "city", "storage_classes", "service_minutes", "opening_hours"])
        return try await run(table, by: caller, progress: progress) { record, tx in
            let organisation = try await resolveOrganisation(record["organisation"] ?? "", in: tx)
            guard let latitude = Double(record["latitude"] ?? "") else {
                throw KernelError.invalid(field: "latitude", message: "latitude must be a number")
            }
            guard let longitude = Double(record["longitude"] ?? "") else {
                throw KernelError.invalid(field: "longitude", message: "longitude must be a number")
            }
            var storage: [TemperatureClass]?
            if let text = record["storage_classes"] {
                storage = try text.split(separator: ";").map { part in
                    guard let value = TemperatureClass(rawValue: part.trimmingCharacters(in: .whitespaces)) else {
                        throw KernelError.invalid(field: "storage_classes", message: "unknown storage class \(part)")
                    }
                    return value
                }
            }
            var service: Int?
            if let text = record["service_minutes"] {
                guard let minutes = Int(text) else {
                    throw KernelError.invalid(field: "service_minutes", message: "service_minutes must be a whole number")
                }
                service = minutes
            }
            let hours = try record["opening_hours"].map(OpeningHoursText.parse)
            let site = try await SiteService().create(
                .init(
                    organisationId: organisation, name: record["name"] ?? "", address: record["address"] ?? "",
                    postcode: record["postcode"],
                    city: record["city"], latitude: latitude, longitude: longitude, openingHours: hours, storageClasses: storage,
                    serviceMinutes: service),
                in: tx)
            try await tx.audit("import", entity: "site", id: site.id.uuidString, organisation: organisation)
        }
    }

    private func resolveOrganisation(_ reference: String, in tx: Transaction) async throws -> UUID {
        if let id = UUID(uuidString: reference), try await OrganisationService().get(id, in: tx) != nil { return id }
        let rows = try await tx.query("SELECT id FROM kernel_organisations WHERE name = ?", [reference])
        guard rows.count == 1 else {
            throw KernelError.invalid(
                field: "organisation",
                message: rows.isEmpty ? "no organisation named \(reference)" : "several organisations are named \(reference)")
        }
        return try rows[0].uuid("id")
    }

    /// Writes every record in one transaction; collects each record's error
    /// with its line, and rolls everything back if there is any.
    private func run(
        _ table: CSVTable, by caller: Caller?, progress: @escaping @Sendable (Int, Int) -> Void,
        _ write: @escaping @Sendable (CSVTable.Record, Transaction) async throws -> Void
    ) async throws -> CSVImportReport {
        let records = table.records
        return try await units.write(by: caller) { tx in
            var problems: [CSVImportError.Problem] = []
            for (index, record) in records.enumerated() {
                do {
                    try await write(record, tx)
                } catch let error as any DomainError {
                    problems.append(.init(line: record.line, column: error.field, message: error.message))
                }
                progress(index + 1, records.count)
            }
            if !problems.isEmpty { throw CSVImportError(problems: problems) }
            return CSVImportReport(imported: records.count)
        }
    }
}
