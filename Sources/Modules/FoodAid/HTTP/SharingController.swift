import CollectoKernel
import Foundation
import Hummingbird

/// Exchanges between associations over HTTP: surpluses and shared equipment.
struct SharingController {
    /// Which organisation acts.
    struct Actor: Sendable, Codable, StrictBody {
        enum Field: String, CodingKey, CaseIterable { case organisationId }
        var organisationId: UUID
    }

    /// Why a booking is cancelled (optional).
    struct Cancellation: Sendable, Codable, StrictBody {
        enum Field: String, CodingKey, CaseIterable { case reason }
        var reason: String?
    }

    let sharing: SharingUseCases

    var endpoints: Endpoints<AuthenticatedContext> {
        let endpoints = Endpoints<AuthenticatedContext>(tag: "foodaid")
        endpoints.post("surpluses", summary: "Post a surplus for other partners", body: Surplus.Input.self) { request, context in
            let input = try await request.decodeJSON(Surplus.Input.self, context: context)
            return try await sharing.postSurplus(input, by: context.caller)
        }
        endpoints.get(
            "surpluses", summary: "Surpluses: posted ones for every partner, and one's own whatever their state",
            query: APIParameter.page
        ) {
            request, context in
            try await sharing.surpluses(page: try request.page(), by: context.caller)
        }
        endpoints.get(
            "surpluses/{id}/counterpart",
            summary: "The other side of a claimed surplus: the claimer for the poster, the poster and where to collect for the claimer"
        ) { _, context in
            try await sharing.counterpart(ofSurplus: try context.uuid("id"), by: context.caller)
        }
        endpoints.post("surpluses/{id}/claim", summary: "Claim a surplus", status: .ok, body: Actor.self) {
            request, context in
            let id = try context.uuid("id")
            let actor = try await request.decodeJSON(Actor.self, context: context)
            return try await sharing.claimSurplus(id, for: actor.organisationId, by: context.caller)
        }
        endpoints.post("surpluses/{id}/transfer", summary: "Transfer a surplus", status: .ok, body: Actor.self) {
            request, context in
            let id = try context.uuid("id")
            let actor = try await request.decodeJSON(Actor.self, context: context)
            return try await sharing.transferSurplus(id, for: actor.organisationId, by: context.caller)
        }
        endpoints.post("surpluses/{id}/withdraw", summary: "Withdraw a surplus", status: .ok, body: Actor.self) {
            request, context in
            let id = try context.uuid("id")
            let actor = try await request.decodeJSON(Actor.self, context: context)
            return try await sharing.withdrawSurplus(id, for: actor.organisationId, by: context.caller)
        }
        endpoints.post("equipment", summary: "Declare a piece of equipment others may book", body: Equipment.Input.self) {
            request, context in
            let input = try await request.decodeJSON(Equipment.Input.self, context: context)
            return try await sharing.declareEquipment(input, by: context.caller)
        }
        endpoints.get("equipment", summary: "Shared equipment", query: APIParameter.page) { request, context in
            try await sharing.equipment(page: try request.page(), by: context.caller)
        }
        endpoints.post(
            "equipment/{id}/bookings/{bookingId}/cancel", summary: "Cancel a booking still to come or under way (borrower or owner)",
            status: .ok, body: Cancellation.self
        ) { request, context in
            let (id, booking) = (try context.uuid("id"), try context.uuid("bookingId"))
            let body = try await request.decodeJSON(Cancellation.self, context: context)
            return try await sharing.cancelBooking(booking, of: id, reason: body.reason, by: context.caller)
        }
        endpoints.get("equipment/{id}/bookings", summary: "A piece of equipment's calendar") { _, context in
            try await sharing.bookings(of: try context.uuid("id"), by: context.caller)
        }
        endpoints.post(
            "equipment/{id}/bookings", summary: "Book a piece of equipment (no double booking)", body: EquipmentBooking.Input.self
        ) {
            request, context in
            let id = try context.uuid("id")
            let input = try await request.decodeJSON(EquipmentBooking.Input.self, context: context)
            return try await sharing.book(id, input, by: context.caller)
        }
        return endpoints
    }
}
