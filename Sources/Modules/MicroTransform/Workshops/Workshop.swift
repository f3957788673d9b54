import CollectoKernel
import Foundation

/// Where a workshop cooks: its organisation (whose id keys every table of the
/// module: equipment, recipes, shifts, plans, batches) and the kitchen's site,
/// where produce is brought. What planning and intake need of a workshop;
/// ``RegisteredWorkshop`` is the whole record the API shows.
struct Workshop: Sendable, Codable, Hashable {
    var organisationId: UUID
    var siteId: UUID

    /// The registered workshop of `organisation`, or 404 `no workshop <id>`.
    static func get(_ organisation: UUID, in db: any SQLExecutor) async throws -> Workshop {
        guard let workshop = try await WorkshopRegistry().workshop(organisation, in: db) else {
            throw KernelError.notFound(entity: "workshop", id: organisation.uuidString)
        }
        return workshop
    }

    /// Throws 404 `no workshop <id>` unless `organisation` has a registered workshop: reads of an
    /// unregistered one say so instead of answering empty lists.
    static func mustExist(_ organisation: UUID, in db: any SQLExecutor) async throws {
        _ = try await get(organisation, in: db)
    }

    /// Every workshop, in the order they were registered.
    static func all(in db: any SQLExecutor) async throws -> [Workshop] {
        try await WorkshopRegistry().all(in: db)
    }

    /// The workshop whose kitchen is nearest to a site (as the crow flies),
    /// when there is any. Every kernel site has coordinates; a site the kernel
    /// does not know (or whose kitchen it does not know) is no reason to drop
    /// produce, so the first workshop registered takes it. Ties go to the
    /// earlier registered, so the same offer always goes to the same workshop.
    static func nearest(to siteId: UUID, in db: any SQLExecutor) async throws -> Workshop? {
        let workshops = try await all(in: db)
        guard workshops.count > 1, let origin = try await SiteService().get(siteId, in: db) else { return workshops.first }
        var best: (distance: Double, workshop: Workshop)?
        for workshop in workshops {
            guard let site = try await SiteService().get(workshop.siteId, in: db) else { continue }
            let distance = origin.distanceKm(to: site)
            if distance < best?.distance ?? .infinity { best = (distance, workshop) }
        }
        return best?.workshop ?? workshops.first
    }
}
