import Foundation
import Hummingbird

/// Vehicles: seen by their owner and the organisations they are shared with.
struct VehiclesController {
    /// A day the vehicle is out of service.
    struct Unavailability: StrictBody, Sendable {
        enum Field: String, CodingKey, CaseIterable { case day, reason }
        var day: CalendarDate
        var reason: String
    }

    let kernel: Kernel

    var endpoints: Endpoints<AuthenticatedContext> {
        let endpoints = Endpoints<AuthenticatedContext>(tag: "vehicles")
        let vehicles = VehicleUseCases(units: kernel.units, rounds: kernel.rounds)
        endpoints.get("vehicles", summary: "Vehicles the caller's organisations own or share", query: APIParameter.page) {
            request, context in
            try await vehicles.list(page: try request.page(), by: context.caller)
        }
        endpoints.post("vehicles", summary: "Add a vehicle", body: VehicleService.Input.self) { request, context in
            try await vehicles.create(try await request.decodeJSON(VehicleService.Input.self, context: context), by: context.caller)
        }
        endpoints.get("vehicles/{id}", summary: "One vehicle") { _, context in
            try await vehicles.vehicle(try context.uuid("id"), by: context.caller)
        }
        endpoints.put(
            "vehicles/{id}", summary: "Change a vehicle (refused when a round still to drive needs it as it is)",
            body: VehicleService.Changes.self
        ) { request, context in
            let id = try context.uuid("id")
            return try await vehicles.update(
                id, try await request.decodeJSON(VehicleService.Changes.self, context: context), by: context.caller)
        }
        endpoints.delete(
            "vehicles/{id}/unavailability/{day}", summary: "Put a vehicle back in service on a day it was marked out",
            pathParameters: [.date("day")]
        ) { _, context in
            let id = try context.uuid("id")
            guard let day = context.parameters.get("day").flatMap(CalendarDate.init) else {
                throw KernelError.invalid(field: "day", message: "a day is YYYY-MM-DD")
            }
            return try await vehicles.markAvailable(id, on: day, by: context.caller)
        }
        endpoints.post(
            "vehicles/{id}/unavailability", summary: "Mark a vehicle out of service on a day", status: .ok, body: Unavailability.self
        ) { request, context in
            let id = try context.uuid("id")
            let body = try await request.decodeJSON(Unavailability.self, context: context)
            return try await vehicles.markUnavailable(id, on: body.day, reason: body.reason, by: context.caller)
        }
        return endpoints
    }
}
