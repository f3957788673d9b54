import Foundation

/// The actions on vehicles: seen by their owner and the organisations they
/// are shared with, added, changed and taken out of service by the owner's
/// coordinators. A change never breaks a round still to drive: a smaller
/// capacity, a lost refrigeration, a weekday dropped or a day out that a
/// planned round needs is refused, naming the round.
public struct VehicleUseCases: Sendable {
    let units: UnitOfWorkRunner
    let rounds: RoundService

    public init(units: UnitOfWorkRunner, rounds: RoundService) {
        self.units = units
        self.rounds = rounds
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
            try Validate.nonEmpty(reason, field: "reason", maxLength: 500)
            var out = vehicle
            out.unavailableDays.append(day)
            try await refuseBreakingRounds(vehicle, out, from: day, through: day, in: tx)
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

    /// Changes a vehicle's name, plate, capacity, cold, weekdays or sharing.
    public func update(_ id: UUID, _ changes: VehicleService.Changes, by caller: Caller) async throws -> Vehicle {
        try await units.write(by: caller) { tx in
            guard let vehicle = try await VehicleService().get(id, in: tx), caller.canRead(vehicle.ownerOrganisationId) else {
                throw KernelError.notFound(entity: "vehicle", id: id.uuidString)
            }
            try caller.require(caller.canManage(vehicle.ownerOrganisationId), "only the owner's coordinators change a vehicle")
            let changed = try await VehicleService().applying(changes, to: vehicle, in: tx)
            try await refuseBreakingRounds(vehicle, changed, from: CalendarDate(tx.now, in: rounds.feasibility.timeZone), in: tx)
            try await VehicleService().save(changed, in: tx)
            try await tx.audit(
                "update", entity: "vehicle", id: id.uuidString, organisation: vehicle.ownerOrganisationId,
                details: "\(changed.name) \(changed.plate) \(changed.capacityKg) kg \(changed.capacityLitres) L")
            return changed
        }
    }

    /// Puts a vehicle back in service on a day it was marked out.
    public func markAvailable(_ id: UUID, on day: CalendarDate, by caller: Caller) async throws -> Vehicle {
        try await units.write(by: caller) { tx in
            guard let vehicle = try await VehicleService().get(id, in: tx), caller.canRead(vehicle.ownerOrganisationId) else {
                throw KernelError.notFound(entity: "vehicle", id: id.uuidString)
            }
            try caller.require(caller.canManage(vehicle.ownerOrganisationId), "only the owner's coordinators change availability")
            guard try await VehicleService().clearUnavailable(id, on: day, in: tx) else {
                throw KernelError.notFound(entity: "unavailable day", id: day.description)
            }
            try await tx.audit(
                "mark_available", entity: "vehicle", id: id.uuidString, organisation: vehicle.ownerOrganisationId, details: "\(day)")
            guard let changed = try await VehicleService().get(id, in: tx) else {
                throw KernelError.notFound(entity: "vehicle", id: id.uuidString)
            }
            return changed
        }
    }

    /// Throws ``RoundRulesBroken`` when a round still to drive would break a rule with `changed` that it kept with `original`.
    private func refuseBreakingRounds(
        _ original: Vehicle, _ changed: Vehicle, from first: CalendarDate, through last: CalendarDate? = nil, in tx: Transaction
    ) async throws {
        let broken = try await rounds.roundsBroken(byChanging: original, to: changed, from: first, through: last, in: tx)
        guard !broken.isEmpty else { return }
        throw RoundRulesBroken.vehicleNeeded(by: broken)
    }
}
