import CollectoKernel
import Foundation
import Hummingbird

/// Exchanges between associations: surpluses and shared equipment.
struct SharingController {
    /// Which organisation acts.
    struct Actor: Sendable, Codable, StrictBody {
        enum Field: String, CodingKey, CaseIterable { case organisationId }
        var organisationId: UUID
    }

    let units: UnitOfWorkRunner
    let timeZone: TimeZone

    var endpoints: Endpoints<AuthenticatedContext> {
        let endpoints = Endpoints<AuthenticatedContext>(tag: "foodaid")
        let sharing = SharingService(timeZone: timeZone)
        endpoints.post("surpluses", summary: "Post a surplus for other partners", body: Surplus.Input.self) { request, context in
            let input = try await request.decodeJSON(Surplus.Input.self, context: context)
            guard FoodAidAccess.mayOrder(for: input.organisationId, context.caller) else {
                throw KernelError.forbidden("you cannot post for this organisation")
            }
            return try await units.write(by: context.caller) { tx in
                let surplus = try await sharing.post(input, in: tx)
                try await tx.audit("post", entity: "foodaid.surplus", id: surplus.id.uuidString, organisation: surplus.organisationId)
                return surplus
            }
        }
        endpoints.get(
            "surpluses", summary: "Surpluses: posted ones for every partner, and one's own whatever their state",
            query: ["limit", "offset"]
        ) {
            request, context in
            let page = try request.page()
            let readable = context.caller.readableOrganisations
            return try await units.read { db in try await sharing.surpluses(visibleTo: readable, page: page, in: db) }
        }
        for action in ["claim", "transfer", "withdraw"] {
            endpoints.post("surpluses/{id}/\(action)", summary: "\(action.capitalized) a surplus", status: .ok, body: Actor.self) {
                request, context in
                let id = try context.uuid("id")
                let actor = try await request.decodeJSON(Actor.self, context: context)
                guard FoodAidAccess.mayOrder(for: actor.organisationId, context.caller) else {
                    throw KernelError.forbidden("you cannot act for this organisation")
                }
                return try await units.write(by: context.caller) { tx in
                    let surplus = try await sharing.move(id, action, by: actor.organisationId, in: tx)
                    try await tx.audit(action, entity: "foodaid.surplus", id: id.uuidString, organisation: actor.organisationId)
                    return surplus
                }
            }
        }
        endpoints.post("equipment", summary: "Declare a piece of equipment others may book", body: Equipment.Input.self) {
            request, context in
            let input = try await request.decodeJSON(Equipment.Input.self, context: context)
            try context.caller.require(context.caller.canManage(input.ownerId), "only the owner's coordinators declare its equipment")
            return try await units.write(by: context.caller) { tx in
                let item = try await sharing.declare(input, in: tx)
                try await tx.audit("create", entity: "foodaid.equipment", id: item.id.uuidString, organisation: item.ownerId)
                return item
            }
        }
        endpoints.get("equipment", summary: "Shared equipment", query: ["limit", "offset"]) { request, _ in
            let page = try request.page()
            return try await units.read { db in try await sharing.equipment(in: db) }.paged(page)
        }
        endpoints.get("equipment/{id}/bookings", summary: "A piece of equipment's calendar") { _, context in
            let id = try context.uuid("id")
            return try await units.read { db in try await sharing.bookings(of: id, in: db) }
        }
        endpoints.post(
            "equipment/{id}/bookings", summary: "Book a piece of equipment (no double booking)", body: EquipmentBooking.Input.self
        ) {
            request, context in
            let id = try context.uuid("id")
            let input = try await request.decodeJSON(EquipmentBooking.Input.self, context: context)
            guard FoodAidAccess.mayOrder(for: input.borrowerId, context.caller) else {
                throw KernelError.forbidden("you cannot book for this organisation")
            }
            return try await units.write(by: context.caller) { tx in
                let booking = try await sharing.book(id, input, in: tx)
                try await tx.audit("book", entity: "foodaid.equipment", id: id.uuidString, organisation: input.borrowerId)
                return booking
            }
        }
        return endpoints
    }
}
