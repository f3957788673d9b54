import CollectoKernel
import Foundation
import Hummingbird

/// Forecasts, pickups and what drivers record at them.
struct PickupsController {
    struct PlanRequest: Sendable, Codable, StrictBody {
        enum Field: String, CodingKey, CaseIterable { case day, siteId, forecastDays }
        static let ranges: [FieldRange] = [.integer("forecastDays", 0...14)]
        var day: CalendarDate
        var siteId: UUID?
        /// Also plan points forecast full within this many days.
        var forecastDays: Int?
    }

    let pickups: PickupUseCases
    let forecasts: ForecastUseCases

    var endpoints: Endpoints<AuthenticatedContext> {
        let endpoints = Endpoints<AuthenticatedContext>(tag: "biowaste")
        endpoints.get(
            "forecast", summary: "When each point will be full, and which need a pickup (?days=)", query: [.wholeNumber("days", 0...30)]
        ) {
            request, context in
            try await forecasts.forecast(days: try request.query("days") { Int($0) } ?? 3, by: context.caller)
        }
        endpoints.get("forecast/accuracy", summary: "How well the forecast predicted the history (days)") { _, context in
            try await forecasts.accuracy(by: context.caller)
        }
        endpoints.post(
            "pickups/plan", summary: "Plan pickups on a day for waiting waste (and forecast-full points)", status: .ok,
            body: PlanRequest.self
        ) {
            request, context in
            let input = try await request.decodeJSON(PlanRequest.self, context: context)
            return try await pickups.plan(day: input.day, site: input.siteId, forecastDays: input.forecastDays, by: context.caller)
        }
        endpoints.get("pickups", summary: "Pickups (?day=&siteId=)", query: [.date("day"), .uuid("siteId")] + APIParameter.page) {
            request, context in
            let page = try request.page()
            let day = try request.query("day", CalendarDate.init)
            let site = try request.query("siteId") { UUID(uuidString: $0) }
            return try await pickups.pickups(day: day, site: site, page: page, by: context.caller)
        }
        endpoints.get("pickups/{id}", summary: "One pickup") { _, context in
            try await pickups.pickup(try context.uuid("id"), by: context.caller)
        }
        endpoints.post(
            "pickups/{id}/collection", summary: "The driver's weights per container, or refusals for poor sorting", status: .ok,
            body: CollectionService.Recording.self
        ) { request, context in
            let id = try context.uuid("id")
            let recording = try await request.decodeJSON(CollectionService.Recording.self, context: context)
            return try await pickups.recordCollection(recording, at: id, by: context.caller)
        }
        return endpoints
    }
}
