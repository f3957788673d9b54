import CollectoKernel
import Foundation

/// Workshops' actions, so that the API and the pages share one rule for each:
/// the food bank's admins and coordinators, or a `processing_workshop`
/// organisation's own admin, register its workshop; they or its coordinators
/// move it to another of its sites or change its capacity; the food bank's
/// staff read every workshop and a workshop's people their own. A caller who
/// may not even read the organisation gets 404, as if it had no workshop.
struct WorkshopUseCases: Sendable {
    let units: UnitOfWorkRunner

    /// The workshops the caller may read, in the order they were registered (filtered in SQL).
    func workshops(by caller: Caller) async throws -> [RegisteredWorkshop] {
        let organisations = MicroTransformPermissions.readWorkshop.organisations(heldBy: caller)
        return try await units.read { db in try await WorkshopRegistry().list(organisations: organisations, in: db) }
    }

    /// One workshop.
    func workshop(_ id: UUID, by caller: Caller) async throws -> RegisteredWorkshop {
        try MicroTransformPermissions.readWorkshop.require(caller, atWorkshop: id)
        return try await units.read { db in
            guard let workshop = try await WorkshopRegistry().get(id, in: db) else {
                throw KernelError.notFound(entity: "workshop", id: id.uuidString)
            }
            return workshop
        }
    }

    /// Registers the workshop of a `processing_workshop` organisation, so that
    /// it may have equipment, recipes, a calendar and a plan of its own.
    func register(_ registration: WorkshopRegistration, by caller: Caller) async throws -> RegisteredWorkshop {
        let organisation = registration.organisationId
        try MicroTransformPermissions.registerWorkshop.require(caller, in: organisation, hiding: "organisation", id: organisation)
        return try await units.write(by: caller) { tx in
            let workshop = try await WorkshopRegistry().register(registration, in: tx)
            try await tx.audit(
                "register", entity: "microtransform.workshop", id: organisation.uuidString, organisation: organisation,
                details: "site \(workshop.siteId), \(workshop.dailyCapacityKg) kg a day")
            return workshop
        }
    }

    /// Moves the workshop to another of its organisation's sites, or changes its daily capacity.
    func change(_ id: UUID, _ change: WorkshopChange, by caller: Caller) async throws -> RegisteredWorkshop {
        try MicroTransformPermissions.configureWorkshop.require(caller, atWorkshop: id)
        return try await units.write(by: caller) { tx in
            let workshop = try await WorkshopRegistry().change(id, change, in: tx)
            try await tx.audit(
                "update", entity: "microtransform.workshop", id: id.uuidString, organisation: id,
                details: "site \(workshop.siteId), \(workshop.dailyCapacityKg) kg a day")
            return workshop
        }
    }
}
