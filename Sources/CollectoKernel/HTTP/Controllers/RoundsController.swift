import Foundation
import Hummingbird

/// Rounds: planned by coordinators, seen by drivers only when assigned to them,
/// recorded stop by stop.
struct RoundsController {
    let kernel: Kernel

    var endpoints: Endpoints<AuthenticatedContext> {
        let endpoints = Endpoints<AuthenticatedContext>(tag: "rounds")
        let rounds = RoundUseCases(units: kernel.units, rounds: kernel.rounds, catalogue: kernel.tasks.catalogue)
        endpoints.get("rounds", summary: "Rounds the caller may see (drivers: their own)", query: APIParameter.page + [.date("day")]) {
            request, context in
            try await rounds.list(day: try request.query("day", CalendarDate.init), page: try request.page(), by: context.caller)
        }
        endpoints.get(
            "organisations/{id}/drivers", summary: "Who may drive the organisation's rounds (its coordinators choose, by name and role)"
        ) { _, context in
            try await rounds.drivers(of: try context.uuid("id"), by: context.caller)
        }
        endpoints.post("rounds", summary: "Build a round by hand; every rule of the road is checked", body: RoundRequest.self) {
            request, context in
            try await rounds.create(try await request.decodeJSON(RoundRequest.self, context: context), by: context.caller)
        }
        endpoints.get("rounds/{id}", summary: "One round with its stops") { _, context in
            try await rounds.round(try context.uuid("id"), by: context.caller)
        }
        endpoints.get(
            "rounds/{id}/sheet",
            summary: "The driver's sheet: stop by stop, the site, whom to call, the planned arrival, what to load and unload"
        ) { _, context in
            try await rounds.sheet(try context.uuid("id"), by: context.caller)
        }
        endpoints.post(
            "rounds/{id}/stops/{sequence}/complete", summary: "Record a stop: outcome and actual weight of each task (proof of delivery)",
            status: .ok, body: StopCompletion.self, pathParameters: [.wholeNumber("sequence", 1...1_000)]
        ) { request, context in
            let id = try context.uuid("id")
            guard let sequence = context.parameters.get("sequence", as: Int.self) else {
                throw KernelError.invalid(field: "sequence", message: "sequence must be a stop number")
            }
            let body = try await request.decodeJSON(StopCompletion.self, context: context)
            return try await rounds.completeStop(id, sequence: sequence, body, by: context.caller)
        }
        endpoints.post("rounds/{id}/cancel", summary: "Cancel a planned round; its tasks become pending", status: .ok) { _, context in
            try await rounds.cancel(try context.uuid("id"), by: context.caller)
        }
        return endpoints
    }
}
