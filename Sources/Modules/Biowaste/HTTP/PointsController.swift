import CollectoKernel
import Foundation
import Hummingbird

/// Collection points, containers, schedules, requests and notices, and destinations.
struct PointsController {
    struct ScheduleRun: Sendable, Codable, StrictBody {
        enum Field: String, CodingKey, CaseIterable { case from, until }
        var from: CalendarDate
        var until: CalendarDate
    }

    let points: PointUseCases

    var endpoints: Endpoints<AuthenticatedContext> {
        let endpoints = Endpoints<AuthenticatedContext>(tag: "biowaste")
        endpoints.get("points", summary: "Collection points (city services: all; a site: its own)", query: APIParameter.page) {
            request, context in
            try await points.points(page: try request.page(), by: context.caller)
        }
        endpoints.post("points", summary: "Make a site a collection point", body: PointService.PointInput.self) { request, context in
            let input = try await request.decodeJSON(PointService.PointInput.self, context: context)
            return try await points.addPoint(input, by: context.caller)
        }
        endpoints.get("points/{siteId}", summary: "One collection point with its containers") { _, context in
            try await points.point(try context.uuid("siteId"), by: context.caller)
        }
        endpoints.post("points/{siteId}/containers", summary: "Add containers to a point", body: PointService.ContainerInput.self) {
            request, context in
            let site = try context.uuid("siteId")
            let input = try await request.decodeJSON(PointService.ContainerInput.self, context: context)
            return try await points.addContainers(input, to: site, by: context.caller)
        }
        endpoints.put(
            "points/{siteId}/schedule", summary: "Regular pickups every N days from a first day", body: PointService.ScheduleInput.self
        ) {
            request, context in
            let site = try context.uuid("siteId")
            let input = try await request.decodeJSON(PointService.ScheduleInput.self, context: context)
            return try await points.setSchedule(input, for: site, by: context.caller)
        }
        endpoints.post("points/{siteId}/requests", summary: "Ask for a pickup: a container is full", body: PointService.Request.self) {
            request, context in
            let site = try context.uuid("siteId")
            let input = try await request.decodeJSON(PointService.Request.self, context: context)
            return try await points.requestPickup(input, at: site, by: context.caller)
        }
        endpoints.get("points/{siteId}/waiting", summary: "Waste waiting or planned at a point") { _, context in
            try await points.pending(at: try context.uuid("siteId"), by: context.caller)
        }
        endpoints.get("waiting", summary: "Waste waiting for a pickup at every point (city services)", query: APIParameter.page) {
            request, context in
            try await points.waiting(page: try request.page(), by: context.caller)
        }
        endpoints.get("points/{siteId}/notices", summary: "What the collector told the site (refused containers)") { _, context in
            try await points.notices(at: try context.uuid("siteId"), by: context.caller)
        }
        endpoints.get("destinations", summary: "Treatment sites, what they accept and their daily capacity") { _, context in
            try await points.destinations(by: context.caller)
        }
        endpoints.put("destinations", summary: "Declare or change a treatment site", body: DestinationStore.Input.self) {
            request, context in
            let input = try await request.decodeJSON(DestinationStore.Input.self, context: context)
            return try await points.saveDestination(input, by: context.caller)
        }
        endpoints.post("schedule/run", summary: "Make regular pickups due between two days", status: .ok, body: ScheduleRun.self) {
            request, context in
            let input = try await request.decodeJSON(ScheduleRun.self, context: context)
            return try await points.runSchedules(from: input.from, until: input.until, by: context.caller)
        }
        return endpoints
    }
}
