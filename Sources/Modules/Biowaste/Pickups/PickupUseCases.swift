import CollectoKernel
import Foundation

/// The pickups' actions: city services plan them (with the forecast's
/// proposals) and see them all; a site's people see their own; the driver of
/// the round (or city services) records what was weighed or refused.
struct PickupUseCases: Sendable {
    let units: UnitOfWorkRunner
    let tasks: TaskService
    let timeZone: TimeZone

    /// Plans pickups on `day` for the waste waiting (at one site, or everywhere),
    /// first adding the points the forecast says will be full within `forecastDays`.
    func plan(day: CalendarDate, site: UUID?, forecastDays: Int?, by caller: Caller) async throws -> PickupPlanner.Result {
        if let days = forecastDays { try Validate.range(days, 0...14, field: "forecastDays") }
        try BiowastePermissions.planPickups.requireForCityServices(caller)
        let planner = PickupPlanner(tasks: tasks, timeZone: timeZone)
        let forecasts = ForecastService(timeZone: timeZone)
        let zone = timeZone
        return try await units.write(by: caller) { tx in
            let today = CalendarDate(tx.now, in: zone)
            guard day >= today else { throw KernelError.invalid(field: "day", message: "pickups are planned from today on") }
            if let days = forecastDays {
                _ = try await forecasts.propose(on: today, horizonDays: max(days, today.days(until: day)), in: tx)
            }
            let result = try await planner.plan(day: day, site: site, collector: try await Self.collector(caller, in: tx), in: tx)
            try await tx.audit(
                "plan", entity: "biowaste.pickup", id: nil, organisation: nil,
                details: "\(result.pickups.count) planned, \(result.unplanned.count) not planned")
            return result
        }
    }

    /// Pickups, newest day first: all for city services, those at the caller's organisations' sites otherwise.
    func pickups(day: CalendarDate?, site: UUID?, page: PageRequest, by caller: Caller) async throws -> Page<BiowastePickup> {
        let permission = BiowastePermissions.readPoints
        let organisations = permission.isHeldForCityServices(by: caller) ? nil : permission.organisations(heldBy: caller)
        return try await units.read { db in
            try await PickupStore.list(day: day, site: site, organisations: organisations, page: page, in: db)
        }
    }

    /// One pickup, or 404 to a caller who may not read its point.
    func pickup(_ id: UUID, by caller: Caller) async throws -> BiowastePickup {
        try await units.read { db in
            let pickup = try await PickupStore.load(id, in: db)
            _ = try await PointUseCases.readablePoint(pickup.siteId, by: caller, in: db)
            return pickup
        }
    }

    /// The driver's weights per container, or refusals for poor sorting.
    func recordCollection(_ recording: CollectionService.Recording, at id: UUID, by caller: Caller) async throws -> BiowastePickup {
        try await units.write(by: caller) { tx in
            let pickup = try await PickupStore.load(id, in: tx)
            guard let task = pickup.taskId, let carrier = try await CollectionService.carrier(of: task, in: tx) else {
                throw BiowasteError.notOnARound(pickup: id)
            }
            try BiowastePermissions.recordPickups.requireForCityServices(caller, related: carrier.driverUserId == caller.userID)
            let recorded = try await CollectionService().record(recording, pickup: id, carrier: carrier, by: caller.userID, in: tx)
            try await tx.audit("collect", entity: "biowaste.pickup", id: id.uuidString, organisation: carrier.organisationId)
            return recorded
        }
    }

    /// The city service that carries pickups: the caller's, or the first one.
    static func collector(_ caller: Caller, in db: any SQLExecutor) async throws -> UUID {
        if let own = caller.organisations(ofKind: .cityService).first { return own.organisation }
        let cities = try await OrganisationService().list(visibleTo: nil, kind: .cityService, in: db).items
        guard let first = cities.min(by: { ($0.createdAt, $0.id.uuidString) < ($1.createdAt, $1.id.uuidString) }) else {
            throw BiowasteError.noCityService
        }
        return first.id
    }
}
