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

    let units: UnitOfWorkRunner
    let tasks: TaskService
    let timeZone: TimeZone
    let clock: any WallClock

    /// The city service that carries pickups: the caller's, or the first one.
    static func collector(_ caller: Caller, in db: any SQLExecutor) async throws -> UUID {
        if let own = caller.organisations(ofKind: .cityService).first { return own.organisation }
        let cities = try await OrganisationService().list(visibleTo: nil, kind: .cityService, in: db)
        guard let first = cities.min(by: { ($0.createdAt, $0.id.uuidString) < ($1.createdAt, $1.id.uuidString) }) else {
            throw KernelError.conflict(code: "no_city_service", message: "no city service to carry pickups")
        }
        return first.id
    }

    var endpoints: Endpoints<AuthenticatedContext> {
        let endpoints = Endpoints<AuthenticatedContext>(tag: "biowaste")
        let forecasts = ForecastService(timeZone: timeZone)
        endpoints.get("forecast", summary: "When each point will be full, and which need a pickup (?days=)", query: ["days"]) {
            request, context in
            let days = try request.query("days") { Int($0) } ?? 3
            try Validate.range(days, 0...30, field: "days")
            let today = CalendarDate(clock.now(), in: timeZone)
            return try await units.read { db in
                guard try await BiowasteAccess.isCity(context.caller, in: db) else { throw KernelError.forbidden("city services only") }
                return try await forecasts.forecasts(on: today, horizonDays: days, points: try await PointService.points(in: db), in: db)
            }
        }
        endpoints.get("forecast/accuracy", summary: "How well the forecast predicted the history (days)") { _, context in
            try await units.read { db in
                guard try await BiowasteAccess.isCity(context.caller, in: db) else { throw KernelError.forbidden("city services only") }
                return try await forecasts.accuracy(in: db)
            }
        }
        endpoints.post(
            "pickups/plan", summary: "Plan pickups on a day for waiting waste (and forecast-full points)", status: .ok,
            body: PlanRequest.self
        ) {
            request, context in
            let input = try await request.decodeJSON(PlanRequest.self, context: context)
            if let days = input.forecastDays { try Validate.range(days, 0...14, field: "forecastDays") }
            return try await units.write(by: context.caller) { tx in
                try await BiowasteAccess.requireCityManager(context.caller, in: tx)
                let today = CalendarDate(tx.now, in: timeZone)
                guard input.day >= today else { throw KernelError.invalid(field: "day", message: "pickups are planned from today on") }
                if let days = input.forecastDays {
                    _ = try await forecasts.propose(on: today, horizonDays: max(days, today.days(until: input.day)), in: tx)
                }
                let planner = PickupPlanner(tasks: tasks, timeZone: timeZone)
                let result = try await planner.plan(
                    day: input.day, site: input.siteId, collector: try await Self.collector(context.caller, in: tx), in: tx)
                try await tx.audit(
                    "plan", entity: "biowaste.pickup", id: nil, organisation: nil,
                    details: "\(result.pickups.count) planned, \(result.unplanned.count) not planned")
                return result
            }
        }
        endpoints.get("pickups", summary: "Pickups (?day=&siteId=)", query: ["day", "siteId", "limit", "offset"]) { request, context in
            let page = try request.page()
            let day = try request.query("day", CalendarDate.init)
            let site = try request.query("siteId") { UUID(uuidString: $0) }
            let caller = context.caller
            return try await units.read { db in
                let city = try await BiowasteAccess.isCity(caller, in: db)
                let organisations = city ? nil : caller.readableOrganisations
                return try await PickupStore.list(day: day, site: site, organisations: organisations, page: page, in: db)
            }
        }
        endpoints.get("pickups/{id}", summary: "One pickup") { _, context in
            let id = try context.uuid("id")
            return try await units.read { db in
                let pickup = try await PickupStore.load(id, in: db)
                try await BiowasteAccess.requirePointReader(try await PointService.point(pickup.siteId, in: db), context.caller, in: db)
                return pickup
            }
        }
        endpoints.post(
            "pickups/{id}/collection", summary: "The driver's weights per container, or refusals for poor sorting", status: .ok,
            body: CollectionService.Recording.self
        ) { request, context in
            let id = try context.uuid("id")
            let recording = try await request.decodeJSON(CollectionService.Recording.self, context: context)
            let caller = context.caller
            return try await units.write(by: caller) { tx in
                let pickup = try await PickupStore.load(id, in: tx)
                guard let task = pickup.taskId, let carrier = try await CollectionService.carrier(of: task, in: tx) else {
                    throw KernelError.conflict(code: "not_on_a_round", message: "the pickup is not on a round yet")
                }
                if carrier.driverUserId != caller.userID {
                    try await BiowasteAccess.requireCityManager(caller, in: tx)
                }
                let recorded = try await CollectionService().record(recording, pickup: id, carrier: carrier, by: caller.userID, in: tx)
                try await tx.audit("collect", entity: "biowaste.pickup", id: id.uuidString, organisation: carrier.organisationId)
                return recorded
            }
        }
        return endpoints
    }
}
