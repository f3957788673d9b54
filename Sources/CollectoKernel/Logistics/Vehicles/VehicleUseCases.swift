import Foundation

/// The actions on vehicles: seen by their owner and the organisations they
/// are shared with, added and taken out of service by the owner's coordinators.
public struct VehicleUseCases: Sendable {
    let units: UnitOfWorkRunner

    public init(units: UnitOfWorkRunner) {
        self.units = units
    }

    public func list(page: PageRequest, by caller: Caller) async throws -> Page<Vehicle> {
        let readable = caller.readableOrganisations
        return try await units.read { db in try await VehicleService().list(usableBy: readable, page: page, in: db) }
    }

    public func create(_ input: VehicleService.Input, by caller: Caller) async throws -> Vehicle {
        try caller.require(caller.canManage(input.ownerOrganisationId), "you cannot add vehicles to this organisation")
        return try await units.write(by: caller) { tx in
            let vehicle = try await VehicleService().create(input, in: tx)
            try await tx.audit("create", entity: "vehicle", id: vehicle.id.uuidString, organisation: vehicle.ownerOrganisationId)
            return vehicle
        }
    }

    public func vehicle(_ id: UUID, by caller: Caller) async throws -> Vehicle {
        guard let vehicle = try await units.read({ db in try await VehicleService().get(id, in: db) }),
            caller.seesEverything || caller.roles.keys.contains(where: vehicle.isUsable(by:))
        else { throw KernelError.notFound(entity: "vehicle", id: id.uuidString) }
        return vehicle
    }

    public func markUnavailable(_ id: UUID, on day: CalendarDate, reason: String, by caller: Caller) async throws -> Vehicle {
        try await units.write(by: caller) { tx in
            guard let vehicle = try await VehicleService().get(id, in: tx), caller.canRead(vehicle.ownerOrganisationId) else {
                throw KernelError.notFound(entity: "vehicle", id: id.uuidString)
            }
            try caller.require(caller.canManage(vehicle.ownerOrganisationId), "only the owner's coordinators change availability")
            try await VehicleService().markUnavailable(id, on: day, reason: reason, in: tx)
            try await tx.audit(
                "mark_unavailable", entity: "vehicle", id: id.uuidString, organisation: vehicle.ownerOrganisationId,
                details: "\(day): \(reason)")
            guard let changed = try await VehicleService().get(id, in: tx) else {
                throw KernelError.notFound(entity: "vehicle", id: id.uuidString)
            }
            return changed
        }
    }
}
