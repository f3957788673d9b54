import CollectoKernel
import Foundation

/// The actions on what the scheduler may book, so that the API and the pages
/// share one rule for each: the workshop's managers add equipment and its
/// unavailable times, cooks' shifts and closed days; its people and the food
/// bank's staff read them.
struct ResourceUseCases: Sendable {
    let units: UnitOfWorkRunner

    private var resources: ResourceService { ResourceService() }

    /// Equipment with its unavailable times.
    func equipment(_ workshop: UUID, by caller: Caller) async throws -> [Equipment] {
        try MicroTransformPermissions.readWorkshop.require(caller, atWorkshop: workshop)
        return try await units.read { db in try await ResourceService.equipment(workshop: workshop, in: db) }
    }

    /// Adds equipment.
    func addEquipment(_ input: ResourceService.EquipmentInput, at workshop: UUID, by caller: Caller) async throws -> Equipment {
        try MicroTransformPermissions.manageWorkshop.require(caller, atWorkshop: workshop)
        let resources = resources
        return try await units.write(by: caller) { tx in
            _ = try await Workshop.get(workshop, in: tx)
            let item = try await resources.addEquipment(input, workshop: workshop, in: tx)
            try await tx.audit("create", entity: "microtransform.equipment", id: item.id.uuidString, organisation: workshop)
            return item
        }
    }

    /// Marks equipment unavailable (a day, or times of a day); answers the equipment with its calendar.
    func markUnavailable(_ id: UUID, _ input: ResourceService.UnavailabilityInput, by caller: Caller) async throws -> Equipment? {
        let resources = resources
        return try await units.write(by: caller) { tx in
            let workshop = try await ResourceService.workshop(ofEquipment: id, in: tx)
            try MicroTransformPermissions.manageWorkshop.require(caller, atWorkshop: workshop)
            try await resources.addUnavailability(input, equipment: id, in: tx)
            try await tx.audit(
                "unavailable", entity: "microtransform.equipment", id: id.uuidString, organisation: workshop, details: input.reason)
            return try await ResourceService.equipment(workshop: workshop, in: tx).first { $0.id == id }
        }
    }

    /// Cooks' shifts between two days (all of them by default).
    func shifts(_ workshop: UUID, from: CalendarDate?, until: CalendarDate?, by caller: Caller) async throws -> [StaffShift] {
        try MicroTransformPermissions.readWorkshop.require(caller, atWorkshop: workshop)
        let from = from ?? CalendarDate(year: 2000, month: 1, day: 1)!
        let until = until ?? CalendarDate(year: 2100, month: 1, day: 1)!
        return try await units.read { db in try await ResourceService.shifts(workshop: workshop, from: from, until: until, in: db) }
    }

    /// Adds a shift of cooks.
    func addShift(_ input: ResourceService.ShiftInput, at workshop: UUID, by caller: Caller) async throws -> StaffShift {
        try MicroTransformPermissions.manageWorkshop.require(caller, atWorkshop: workshop)
        let resources = resources
        return try await units.write(by: caller) { tx in
            _ = try await Workshop.get(workshop, in: tx)
            let shift = try await resources.addShift(input, workshop: workshop, in: tx)
            try await tx.audit("create", entity: "microtransform.shift", id: shift.id.uuidString, organisation: workshop)
            return shift
        }
    }

    /// The days the workshop is closed.
    func closures(_ workshop: UUID, by caller: Caller) async throws -> [ClosedDay] {
        try MicroTransformPermissions.readWorkshop.require(caller, atWorkshop: workshop)
        return try await units.read { db in try await ResourceService.closures(workshop: workshop, in: db) }
    }

    /// Closes the workshop for a day; answers every closed day.
    func close(_ closure: ClosedDay, at workshop: UUID, by caller: Caller) async throws -> [ClosedDay] {
        try MicroTransformPermissions.manageWorkshop.require(caller, atWorkshop: workshop)
        let resources = resources
        return try await units.write(by: caller) { tx in
            _ = try await Workshop.get(workshop, in: tx)
            try await resources.close(closure, workshop: workshop, in: tx)
            try await tx.audit("close", entity: "microtransform.workshop", id: closure.day.description, organisation: workshop)
            return try await ResourceService.closures(workshop: workshop, in: tx)
        }
    }
}
