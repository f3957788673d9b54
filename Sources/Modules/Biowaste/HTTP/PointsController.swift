import CollectoKernel
import Foundation
import Hummingbird

/// Collection points, containers, schedules, requests and notices, and destinations.
struct PointsController {
    /// A message to a producing site.
    struct Notice: Codable, Sendable {
        var message: String
        var at: Date
    }

    struct ScheduleRun: Sendable, Codable, StrictBody {
        enum Field: String, CodingKey, CaseIterable { case from, until }
        var from: CalendarDate
        var until: CalendarDate
    }

    let units: UnitOfWorkRunner
    let timeZone: TimeZone

    var endpoints: Endpoints<AuthenticatedContext> {
        let endpoints = Endpoints<AuthenticatedContext>(tag: "biowaste")
        let service = PointService(timeZone: timeZone)
        endpoints.get("points", summary: "Collection points (city services: all; a site: its own)", query: ["limit", "offset"]) {
            request, context in
            let page = try request.page()
            let caller = context.caller
            return try await units.read { db in
                let city = try await BiowasteAccess.isCity(caller, in: db)
                return try await PointService.points(in: db).filter { city || caller.canRead($0.organisationId) }
            }.paged(page)
        }
        endpoints.post("points", summary: "Make a site a collection point", body: PointService.PointInput.self) { request, context in
            let input = try await request.decodeJSON(PointService.PointInput.self, context: context)
            return try await units.write(by: context.caller) { tx in
                try await BiowasteAccess.requireCityManager(context.caller, in: tx)
                let point = try await service.addPoint(input, in: tx)
                try await tx.audit("create", entity: "biowaste.point", id: point.siteId.uuidString, organisation: point.organisationId)
                return point
            }
        }
        endpoints.get("points/{siteId}", summary: "One collection point with its containers") { _, context in
            let site = try context.uuid("siteId")
            return try await units.read { db in
                let point = try await PointService.point(site, in: db)
                try await BiowasteAccess.requirePointReader(point, context.caller, in: db)
                return point
            }
        }
        endpoints.post("points/{siteId}/containers", summary: "Add containers to a point", body: PointService.ContainerInput.self) {
            request, context in
            let site = try context.uuid("siteId")
            let input = try await request.decodeJSON(PointService.ContainerInput.self, context: context)
            return try await units.write(by: context.caller) { tx in
                let point = try await PointService.point(site, in: tx)
                try await BiowasteAccess.requirePointReader(point, context.caller, in: tx)
                if !(try await BiowasteAccess.isCity(context.caller, in: tx)) {
                    try context.caller.require(
                        context.caller.canManage(point.organisationId), "only the site's coordinators add containers")
                }
                let changed = try await service.addContainer(input, point: site, in: tx)
                try await tx.audit("containers", entity: "biowaste.point", id: site.uuidString, organisation: point.organisationId)
                return changed
            }
        }
        endpoints.put(
            "points/{siteId}/schedule", summary: "Regular pickups every N days from a first day", body: PointService.ScheduleInput.self
        ) {
            request, context in
            let site = try context.uuid("siteId")
            let input = try await request.decodeJSON(PointService.ScheduleInput.self, context: context)
            return try await units.write(by: context.caller) { tx in
                try await BiowasteAccess.requireCityManager(context.caller, in: tx)
                let point = try await service.setSchedule(input, point: site, in: tx)
                try await tx.audit("schedule", entity: "biowaste.point", id: site.uuidString, organisation: point.organisationId)
                return point
            }
        }
        endpoints.post("points/{siteId}/requests", summary: "Ask for a pickup: a container is full", body: PointService.Request.self) {
            request, context in
            let site = try context.uuid("siteId")
            let input = try await request.decodeJSON(PointService.Request.self, context: context)
            return try await units.write(by: context.caller) { tx in
                let point = try await PointService.point(site, in: tx)
                try await BiowasteAccess.requirePointReader(point, context.caller, in: tx)
                let waiting = try await service.request(input, point: site, in: tx)
                try await tx.audit("request", entity: "biowaste.point", id: site.uuidString, organisation: point.organisationId)
                return waiting
            }
        }
        endpoints.get("points/{siteId}/waiting", summary: "Waste waiting or planned at a point") { _, context in
            let site = try context.uuid("siteId")
            return try await units.read { db in
                let point = try await PointService.point(site, in: db)
                try await BiowasteAccess.requirePointReader(point, context.caller, in: db)
                return try await db.query(
                    "SELECT * FROM biowaste_arrivals WHERE site_id = ? AND status IN ('waiting', 'planned') ORDER BY due_day, id", [site]
                ).map(PointService.waste)
            }
        }
        endpoints.get("waiting", summary: "Waste waiting for a pickup at every point (city services)", query: ["limit", "offset"]) {
            request, context in
            let page = try request.page()
            return try await units.read { db in
                guard try await BiowasteAccess.isCity(context.caller, in: db) else { throw KernelError.forbidden("city services only") }
                return try await db.query("SELECT * FROM biowaste_arrivals WHERE status = 'waiting' ORDER BY due_day, site_id, id").map(
                    PointService.waste)
            }.paged(page)
        }
        endpoints.get("points/{siteId}/notices", summary: "What the collector told the site (refused containers)") { _, context in
            let site = try context.uuid("siteId")
            return try await units.read { db in
                let point = try await PointService.point(site, in: db)
                try await BiowasteAccess.requirePointReader(point, context.caller, in: db)
                return try await db.query("SELECT * FROM biowaste_notices WHERE site_id = ? ORDER BY created_at DESC", [site]).map {
                    Notice(message: try $0.string("message"), at: try $0.instant("created_at"))
                }
            }
        }
        endpoints.get("destinations", summary: "Treatment sites, what they accept and their daily capacity") { _, _ in
            try await units.read { db in try await DestinationStore.all(in: db) }
        }
        endpoints.put("destinations", summary: "Declare or change a treatment site", body: DestinationStore.Input.self) {
            request, context in
            let input = try await request.decodeJSON(DestinationStore.Input.self, context: context)
            return try await units.write(by: context.caller) { tx in
                try await BiowasteAccess.requireCityManager(context.caller, in: tx)
                let destination = try await DestinationStore.save(input, in: tx)
                try await tx.audit("save", entity: "biowaste.destination", id: destination.siteId.uuidString, organisation: nil)
                return destination
            }
        }
        endpoints.post("schedule/run", summary: "Make regular pickups due between two days", status: .ok, body: ScheduleRun.self) {
            request, context in
            let input = try await request.decodeJSON(ScheduleRun.self, context: context)
            return try await units.write(by: context.caller) { tx in
                try await BiowasteAccess.requireCityManager(context.caller, in: tx)
                let due = try await service.scheduleDue(from: input.from, until: input.until, in: tx)
                try await tx.audit("schedule", entity: "biowaste.arrival", id: nil, organisation: nil, details: "\(due.count) due")
                return due
            }
        }
        return endpoints
    }
}
