import Foundation

/// Reads the ids the API description's examples are built from: the
/// kernel's (the food bank, its warehouse, a partner, a donor, a workshop, a
/// vehicle, a driver) and each enabled module's (``ExampleIDSource``).
struct ExampleIDReader: Sendable {
    let kernel: Kernel

    func read() async throws -> ExampleIDs {
        let sources = [Self.kernelIDs] + kernel.registry.exampleIDSources
        let ids = try await kernel.units.read { db in
            var ids: [ExampleID: UUID] = [:]
            for source in sources { ids.merge(try await source.read(db)) { first, _ in first } }
            return ids
        }
        let now = kernel.clock.now()
        return ExampleIDs(ids: ids, today: CalendarDate(now, in: kernel.settings.timeZone), now: now)
    }

    static let kernelIDs = ExampleIDSource { db in
        var ids: [ExampleID: UUID] = [:]
        func first(_ sql: String, _ bindings: [any SQLBindable] = []) async throws -> UUID? {
            try await db.queryFirst(sql, bindings)?.uuid("id")
        }
        for (kind, organisation, site) in [
            (OrganisationKind.foodBank, ExampleID.foodBank, ExampleID.warehouse),
            (.partnerAssociation, .partner, .partnerSite), (.donor, .donor, .donorSite),
            (.processingWorkshop, .workshop, .kitchen), (.cityService, .cityService, .cityDepot),
        ] {
            guard let id = try await first("SELECT id FROM kernel_organisations WHERE kind = ? ORDER BY name, id LIMIT 1", [kind.rawValue])
            else { continue }
            ids[organisation] = id
            ids[site] = try await first("SELECT id FROM kernel_sites WHERE organisation_id = ? ORDER BY name, id LIMIT 1", [id])
        }
        if let bank = ids[.foodBank] {
            ids[.vehicle] = try await first(
                "SELECT id FROM kernel_vehicles WHERE owner_organisation_id = ? ORDER BY name, id LIMIT 1", [bank])
            ids[.driver] = try await first(
                """
                SELECT u.id FROM kernel_users u JOIN kernel_memberships m ON m.user_id = u.id
                WHERE m.organisation_id = ? AND m.role = 'driver' ORDER BY u.email LIMIT 1
                """, [bank])
        }
        ids[.task] = try await first("SELECT id FROM kernel_tasks WHERE status = 'pending' ORDER BY created_at, id LIMIT 1")
        return ids
    }
}

extension ExampleID {
    public static let foodBank: ExampleID = "kernel.foodBank"
    public static let warehouse: ExampleID = "kernel.warehouse"
    public static let partner: ExampleID = "kernel.partner"
    public static let partnerSite: ExampleID = "kernel.partnerSite"
    public static let donor: ExampleID = "kernel.donor"
    public static let donorSite: ExampleID = "kernel.donorSite"
    public static let workshop: ExampleID = "kernel.workshop"
    public static let kitchen: ExampleID = "kernel.kitchen"
    public static let cityService: ExampleID = "kernel.cityService"
    public static let cityDepot: ExampleID = "kernel.cityDepot"
    public static let vehicle: ExampleID = "kernel.vehicle"
    public static let driver: ExampleID = "kernel.driver"
    public static let task: ExampleID = "kernel.task"
}
