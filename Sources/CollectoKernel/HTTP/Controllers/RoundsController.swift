import Foundation
import Hummingbird

/// Rounds: planned by coordinators, seen by drivers only when assigned to them,
/// recorded stop by stop.
struct RoundsController {
    let kernel: Kernel

    var endpoints: Endpoints<AuthenticatedContext> {
        let endpoints = Endpoints<AuthenticatedContext>(tag: "rounds")
        endpoints.get("rounds", summary: "Rounds the caller may see (drivers: their own)", query: ["limit", "offset", "day"]) {
            request, context in
            let day = try request.query("day", CalendarDate.init)
            let page = try request.page()
            let caller = context.caller
            return try await kernel.units.read { db in try await kernel.rounds.list(visibleTo: caller, day: day, page: page, in: db) }
        }
        endpoints.post("rounds", summary: "Build a round by hand; every rule of the road is checked", body: RoundRequest.self) {
            request, context in
            let body = try await request.decodeJSON(RoundRequest.self, context: context)
            let caller = context.caller
            return try await kernel.units.write(by: caller) { tx in
                let round = try await kernel.rounds.create(body, by: caller, in: tx)
                try await tx.audit(
                    "create", entity: "round", id: round.id.uuidString, organisation: round.organisationId,
                    details: "\(round.day) \(round.stops.count) stop(s)")
                return round
            }
        }
        endpoints.get("rounds/{id}", summary: "One round with its stops") { _, context in
            let id = try context.uuid("id")
            guard let round = try await kernel.units.read({ db in try await kernel.rounds.get(id, in: db) }),
                kernel.rounds.isVisible(round, to: context.caller)
            else { throw KernelError.notFound(entity: "round", id: id.uuidString) }
            return round
        }
        endpoints.post(
            "rounds/{id}/stops/{sequence}/complete", summary: "Record a stop: outcome and actual weight of each task (proof of delivery)",
            status: .ok, body: StopCompletion.self
        ) { request, context in
            let id = try context.uuid("id")
            guard let sequence = context.parameters.get("sequence", as: Int.self) else {
                throw KernelError.invalid(field: "sequence", message: "sequence must be a stop number")
            }
            let body = try await request.decodeJSON(StopCompletion.self, context: context)
            let caller = context.caller
            return try await kernel.units.write(by: caller) { tx in
                let round = try await kernel.rounds.completeStop(round: id, sequence: sequence, body, by: caller, in: tx)
                try await tx.audit(
                    "complete_stop", entity: "round", id: id.uuidString, organisation: round.organisationId, details: "stop \(sequence)")
                return round
            }
        }
        endpoints.post("rounds/{id}/cancel", summary: "Cancel a planned round; its tasks become pending", status: .ok) { _, context in
            let id = try context.uuid("id")
            let caller = context.caller
            return try await kernel.units.write(by: caller) { tx in
                let round = try await kernel.rounds.cancel(id, by: caller, in: tx)
                try await tx.audit("cancel", entity: "round", id: id.uuidString, organisation: round.organisationId)
                return round
            }
        }
        return endpoints
    }
}
