import CollectoKernel
import Foundation

/// The actions on collection points, their containers, schedules, requests,
/// notices and the treatment sites, each asking a declared permission so that
/// the JSON API and the pages share one rule: city services follow and manage
/// every point; a producing site's people read their own and ask for pickups.
struct PointUseCases: Sendable {
    let units: UnitOfWorkRunner
    let timeZone: TimeZone

    private var service: PointService { PointService(timeZone: timeZone) }

    /// Every point for city services; a site's people see their own
    /// organisations' points. In the order they were registered, paged in SQL.
    func points(page: PageRequest, by caller: Caller) async throws -> Page<CollectionPoint> {
        let permission = BiowastePermissions.readPoints
        let organisations = permission.isHeldForCityServices(by: caller) ? nil : permission.organisations(heldBy: caller)
        return try await units.read { db in
            // The sites of the organisations concerned, from the kernel (a point is keyed by its site).
            var sites: Set<UUID>?
            if let organisations {
                sites = Set(try await SiteService().list(organisations: organisations, organisation: nil, in: db).items.map(\.id))
            }
            return try await PointService.points(at: sites, page: page, in: db)
        }
    }

    func addPoint(_ input: PointService.PointInput, by caller: Caller) async throws -> CollectionPoint {
        try BiowastePermissions.managePoints.requireForCityServices(caller)
        let service = service
        return try await units.write(by: caller) { tx in
            let point = try await service.addPoint(input, in: tx)
            try await tx.audit("create", entity: "biowaste.point", id: point.siteId.uuidString, organisation: point.organisationId)
            return point
        }
    }

    func point(_ site: UUID, by caller: Caller) async throws -> CollectionPoint {
        try await units.read { db in try await Self.readablePoint(site, by: caller, in: db) }
    }

    /// A site's coordinators add containers to their point; city services to any.
    func addContainers(_ input: PointService.ContainerInput, to site: UUID, by caller: Caller) async throws -> CollectionPoint {
        let service = service
        return try await units.write(by: caller) { tx in
            let point = try await PointService.point(site, in: tx)
            try BiowastePermissions.addContainers.require(
                caller, in: point.organisationId, related: Self.isCityService(caller), hiding: "collection point", id: point.siteId)
            let changed = try await service.addContainer(input, point: site, in: tx)
            try await tx.audit("containers", entity: "biowaste.point", id: site.uuidString, organisation: point.organisationId)
            return changed
        }
    }

    func setSchedule(_ input: PointService.ScheduleInput, for site: UUID, by caller: Caller) async throws -> CollectionPoint {
        try BiowastePermissions.managePoints.requireForCityServices(caller)
        let service = service
        return try await units.write(by: caller) { tx in
            let point = try await service.setSchedule(input, point: site, in: tx)
            try await tx.audit("schedule", entity: "biowaste.point", id: site.uuidString, organisation: point.organisationId)
            return point
        }
    }

    /// A site's people say a container of their point is full.
    func requestPickup(_ input: PointService.Request, at site: UUID, by caller: Caller) async throws -> WasteToCollect {
        let service = service
        return try await units.write(by: caller) { tx in
            let point = try await PointService.point(site, in: tx)
            try BiowastePermissions.requestPickups.require(
                caller, in: point.organisationId, related: Self.isCityService(caller), hiding: "collection point", id: point.siteId)
            let waiting = try await service.request(input, point: site, in: tx)
            try await tx.audit("request", entity: "biowaste.point", id: site.uuidString, organisation: point.organisationId)
            return waiting
        }
    }

    /// Waste waiting or planned at one point.
    func pending(at site: UUID, by caller: Caller) async throws -> [WasteToCollect] {
        try await units.read { db in
            _ = try await Self.readablePoint(site, by: caller, in: db)
            return try await PointService.pending(at: site, in: db)
        }
    }

    /// Waste waiting for a pickup at every point, for city services.
    func waiting(page: PageRequest, by caller: Caller) async throws -> Page<WasteToCollect> {
        try BiowastePermissions.readPoints.requireForCityServices(caller)
        return try await units.read { db in try await PointService.waiting(page: page, in: db) }
    }

    func notices(at site: UUID, by caller: Caller) async throws -> [PointService.Notice] {
        try await units.read { db in
            _ = try await Self.readablePoint(site, by: caller, in: db)
            return try await PointService.notices(at: site, in: db)
        }
    }

    /// The treatment sites, which everyone logged in may read.
    func destinations(by caller: Caller) async throws -> [Destination] {
        try await units.read { db in try await DestinationStore.all(in: db) }
    }

    func saveDestination(_ input: DestinationStore.Input, by caller: Caller) async throws -> Destination {
        try BiowastePermissions.manageDestinations.requireForCityServices(caller)
        return try await units.write(by: caller) { tx in
            let destination = try await DestinationStore.save(input, in: tx)
            try await tx.audit("save", entity: "biowaste.destination", id: destination.siteId.uuidString, organisation: nil)
            return destination
        }
    }

    /// Makes the regular pickups of every schedule due between two days.
    func runSchedules(from: CalendarDate, until: CalendarDate, by caller: Caller) async throws -> [WasteToCollect] {
        try BiowastePermissions.managePoints.requireForCityServices(caller)
        let service = service
        return try await units.write(by: caller) { tx in
            let due = try await service.scheduleDue(from: from, until: until, in: tx)
            try await tx.audit("schedule", entity: "biowaste.arrival", id: nil, organisation: nil, details: "\(due.count) due")
            return due
        }
    }

    /// Whether the caller follows every point as a city service's people (or the food bank's staff).
    static func isCityService(_ caller: Caller) -> Bool {
        BiowastePermissions.readPoints.isHeldForCityServices(by: caller)
    }

    /// The point, or 404 to a caller who may not read it (its own organisation's people, or city services).
    static func readablePoint(_ site: UUID, by caller: Caller, in db: any SQLExecutor) async throws -> CollectionPoint {
        let point = try await PointService.point(site, in: db)
        try BiowastePermissions.readPoints.require(
            caller, in: point.organisationId, related: isCityService(caller), hiding: "collection point", id: point.siteId)
        return point
    }
}
