import CollectoKernel
import Foundation

/// The module's table of workshops, and the rules of its rows: a workshop is
/// an organisation of kind `processing_workshop`, registered once, cooking
/// at one of its own sites. The organisation and the site are read through
/// the kernel's services, never its tables. Access is the use cases' concern.
struct WorkshopRegistry: Sendable {
    /// Registers the organisation's workshop (422 on `organisationId` or
    /// `siteId`, 409 `workshop_exists` when it has one already).
    func register(_ registration: WorkshopRegistration, in tx: Transaction) async throws -> RegisteredWorkshop {
        let capacity = registration.dailyCapacityKg ?? WorkshopRegistration.defaultCapacityKg
        try Validate.range(capacity, WorkshopRegistration.capacityRange, field: "dailyCapacityKg")
        let organisation = try await workshopOrganisation(registration.organisationId, in: tx)
        guard try await row(organisation.id, in: tx) == nil else {
            throw MicroTransformError.workshopExists(organisation: organisation.id)
        }
        try await requireKitchen(registration.siteId, of: organisation.id, in: tx)
        try await tx.execute(
            "INSERT INTO microtransform_workshops (organisation_id, site_id, daily_capacity_kg, created_at) VALUES (?, ?, ?, ?)",
            [organisation.id, registration.siteId, capacity, tx.now])
        return RegisteredWorkshop(
            organisationId: organisation.id, name: organisation.name, siteId: registration.siteId, dailyCapacityKg: capacity,
            createdAt: tx.now)
    }

    /// Moves the workshop to another of its sites, or changes its capacity.
    func change(_ id: UUID, _ change: WorkshopChange, in tx: Transaction) async throws -> RegisteredWorkshop {
        guard var workshop = try await get(id, in: tx) else { throw KernelError.notFound(entity: "workshop", id: id.uuidString) }
        if let capacity = change.dailyCapacityKg {
            try Validate.range(capacity, WorkshopRegistration.capacityRange, field: "dailyCapacityKg")
            workshop.dailyCapacityKg = capacity
        }
        if let site = change.siteId {
            try await requireKitchen(site, of: id, in: tx)
            workshop.siteId = site
        }
        try await tx.execute(
            "UPDATE microtransform_workshops SET site_id = ?, daily_capacity_kg = ? WHERE organisation_id = ?",
            [workshop.siteId, workshop.dailyCapacityKg, id])
        return workshop
    }

    /// The workshop of an organisation, if it has one.
    func get(_ organisation: UUID, in db: any SQLExecutor) async throws -> RegisteredWorkshop? {
        guard let row = try await row(organisation, in: db) else { return nil }
        return try await registered(row, in: db)
    }

    /// Where the workshop of an organisation cooks, without the kernel's look-up of its name (planning and intake ask it often).
    func workshop(_ organisation: UUID, in db: any SQLExecutor) async throws -> Workshop? {
        try await row(organisation, in: db).map { Workshop(organisationId: try $0.uuid("organisation_id"), siteId: try $0.uuid("site_id")) }
    }

    /// Where every workshop cooks, in the order they were registered.
    func all(in db: any SQLExecutor) async throws -> [Workshop] {
        try await db.query("SELECT * FROM microtransform_workshops ORDER BY created_at, organisation_id").map {
            Workshop(organisationId: try $0.uuid("organisation_id"), siteId: try $0.uuid("site_id"))
        }
    }

    /// The workshops of these organisations (nil: all of them), in the order they were registered.
    func list(organisations: Set<UUID>?, in db: any SQLExecutor) async throws -> [RegisteredWorkshop] {
        var query = SQLListQuery("SELECT * FROM microtransform_workshops")
        query.filter("organisation_id", in: organisations)
        query.order(by: "created_at, organisation_id", page: nil)
        guard query.canMatch else { return [] }
        var workshops: [RegisteredWorkshop] = []
        for row in try await db.query(query.sql, query.bindings) { workshops.append(try await registered(row, in: db)) }
        return workshops
    }

    private func row(_ organisation: UUID, in db: any SQLExecutor) async throws -> SQLRow? {
        try await db.queryFirst("SELECT * FROM microtransform_workshops WHERE organisation_id = ?", [organisation])
    }

    private func registered(_ row: SQLRow, in db: any SQLExecutor) async throws -> RegisteredWorkshop {
        let id = try row.uuid("organisation_id")
        return RegisteredWorkshop(
            organisationId: id, name: try await OrganisationService().get(id, in: db)?.name ?? "", siteId: try row.uuid("site_id"),
            dailyCapacityKg: try row.double("daily_capacity_kg"), createdAt: try row.instant("created_at"))
    }

    private func workshopOrganisation(_ id: UUID, in db: any SQLExecutor) async throws -> Organisation {
        let organisation = try await OrganisationService().get(id, in: db)
        guard let organisation, organisation.kind == .processingWorkshop else {
            throw MicroTransformError.notAWorkshop(organisation: id, kind: organisation?.kind)
        }
        return organisation
    }

    private func requireKitchen(_ site: UUID, of organisation: UUID, in db: any SQLExecutor) async throws {
        guard try await SiteService().get(site, in: db)?.organisationId == organisation else {
            throw MicroTransformError.notTheWorkshopsSite(site: site, organisation: organisation)
        }
    }
}
