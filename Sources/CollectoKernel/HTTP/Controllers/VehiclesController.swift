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
        endpoints.get("vehicles", summary: "Vehicles the caller's organisations own or share", query: ["limit", "offset"]) {
            request, context in
            let page = try request.page()
            let readable = context.caller.readableOrganisations
            return try await kernel.units.read { db in try await VehicleService().list(usableBy: readable, page: page, in: db) }
        }
        endpoints.post("vehicles", summary: "Add a vehicle", body: VehicleService.Input.self) { request, context in
            let input = try await request.decodeJSON(VehicleService.Input.self, context: context)
            try context.caller.require(context.caller.canManage(input.ownerOrganisationId), "you cannot add vehicles to this organisation")
            return try await kernel.units.write(by: context.caller) { tx in
                let vehicle = try await VehicleService().create(input, in: tx)
                try await tx.audit("create", entity: "vehicle", id: vehicle.id.uuidString, organisation: vehicle.ownerOrganisationId)
                return vehicle
            }
        }
        endpoints.get("vehicles/{id}", summary: "One vehicle") { _, context in
            let id = try context.uuid("id")
            guard let vehicle = try await kernel.units.read({ db in try await VehicleService().get(id, in: db) }),
                context.caller.seesEverything || context.caller.roles.keys.contains(where: vehicle.isUsable(by:))
            else { throw KernelError.notFound(entity: "vehicle", id: id.uuidString) }
            return vehicle
        }
        endpoints.post(
            "vehicles/{id}/unavailability", summary: "Mark a vehicle out of service on a day", status: .ok, body: Unavailability.self
        ) {
            request, context in
            let id = try context.uuid("id")
            let body = try await request.decodeJSON(Unavailability.self, context: context)
            let caller = context.caller
            return try await kernel.units.write(by: caller) { tx in
                guard let vehicle = try await VehicleService().get(id, in: tx), caller.canRead(vehicle.ownerOrganisationId) else {
                    throw KernelError.notFound(entity: "vehicle", id: id.uuidString)
                }
                try caller.require(caller.canManage(vehicle.ownerOrganisationId), "only the owner's coordinators change availability")
                try await VehicleService().markUnavailable(id, on: body.day, reason: body.reason, in: tx)
                try await tx.audit(
                    "mark_unavailable", entity: "vehicle", id: id.uuidString, organisation: vehicle.ownerOrganisationId,
                    details: "\(body.day): \(body.reason)")
                return try await VehicleService().get(id, in: tx)!
            }
        }
        return endpoints
    }
}
