import CollectoKernel
import Foundation

/// The actions on what the scheduler may book, so that the API and the pages
/// share one rule for each: the workshop's managers add and delete equipment's
/// unavailable times, cooks' shifts and closed days, and add and retire
/// equipment; its people and the food bank's staff read them.
///
/// The stored plan stays sound through every change: what takes resources away
/// (a shift deleted, a day closed, equipment unavailable or retired) moves the
/// planned batches that relied on them to the earliest place their produce
/// allows, or re-plans their produce when there is none, and is refused (409
/// `locked_batch_in_the_way`) when a locked batch relied on them — the manager
/// moves or unlocks it first. A running batch is never touched: retired
/// equipment finishes the batch it is running. What gives resources back (a
/// closure or an unavailable time deleted) leaves the plan as it is: the next
/// plan uses them.
struct ResourceUseCases: Sendable {
    /// What a deletion or a retirement did: what went, and the planned batches it moved or re-planned.
    struct Removal<Removed: Sendable & Encodable>: Sendable, Encodable {
        var removed: Removed
        var replannedBatchIds: [UUID]
    }

    let units: UnitOfWorkRunner
    let timeZone: TimeZone

    private var planning: PlanningService { PlanningService(timeZone: timeZone) }

    private var resources: ResourceService { ResourceService() }

    /// Equipment with its unavailable times.
    func equipment(_ workshop: UUID, by caller: Caller) async throws -> [Equipment] {
        try MicroTransformPermissions.readWorkshop.require(caller, atWorkshop: workshop)
        return try await units.read { db in
            try await Workshop.mustExist(workshop, in: db)
            return try await ResourceService.equipment(workshop: workshop, in: db)
        }
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
        let (resources, planning) = (resources, planning)
        return try await units.write(by: caller) { tx in
            let workshop = try await ResourceService.workshop(ofEquipment: id, in: tx)
            try MicroTransformPermissions.manageWorkshop.require(caller, atWorkshop: workshop)
            try await resources.addUnavailability(input, equipment: id, in: tx)
            try await planning.repair(workshop: try await Workshop.get(workshop, in: tx), in: tx)
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
        return try await units.read { db in
            try await Workshop.mustExist(workshop, in: db)
            return try await ResourceService.shifts(workshop: workshop, from: from, until: until, in: db)
        }
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
        return try await units.read { db in
            try await Workshop.mustExist(workshop, in: db)
            return try await ResourceService.closures(workshop: workshop, in: db)
        }
    }

    /// Closes the workshop for a day; answers every closed day.
    func close(_ closure: ClosedDay, at workshop: UUID, by caller: Caller) async throws -> [ClosedDay] {
        try MicroTransformPermissions.manageWorkshop.require(caller, atWorkshop: workshop)
        let (resources, planning) = (resources, planning)
        return try await units.write(by: caller) { tx in
            let place = try await Workshop.get(workshop, in: tx)
            try await resources.close(closure, workshop: workshop, in: tx)
            try await planning.repair(workshop: place, in: tx)
            try await tx.audit("close", entity: "microtransform.workshop", id: closure.day.description, organisation: workshop)
            return try await ResourceService.closures(workshop: workshop, in: tx)
        }
    }

    /// Deletes a shift of cooks; the planned batches that needed it move (see the type's note).
    func deleteShift(_ id: UUID, by caller: Caller) async throws -> Removal<StaffShift> {
        let (resources, planning) = (resources, planning)
        return try await units.write(by: caller) { tx in
            guard
                let row = try await tx.queryFirst("SELECT workshop_id FROM microtransform_shifts WHERE id = ?", [id]),
                case let workshop = try row.uuid("workshop_id")
            else { throw KernelError.notFound(entity: "shift", id: id.uuidString) }
            try MicroTransformPermissions.manageWorkshop.require(caller, atWorkshop: workshop)
            guard let shift = try await resources.deleteShift(id, in: tx) else {
                throw KernelError.notFound(entity: "shift", id: id.uuidString)
            }
            let moved = try await planning.repair(workshop: try await Workshop.get(workshop, in: tx), in: tx)
            try await tx.audit(
                "delete", entity: "microtransform.shift", id: id.uuidString, organisation: workshop,
                details: "\(shift.day) \(shift.from)–\(shift.until), \(shift.cooks) cooks; \(moved.count) batches moved")
            return Removal(removed: shift, replannedBatchIds: moved)
        }
    }

    /// Opens a closed day again (`day` as YYYY-MM-DD); answers every closed day left.
    func reopen(_ day: String, at workshop: UUID, by caller: Caller) async throws -> [ClosedDay] {
        try MicroTransformPermissions.manageWorkshop.require(caller, atWorkshop: workshop)
        guard let date = CalendarDate(day) else { throw KernelError.invalid(field: "day", message: "a day is written YYYY-MM-DD") }
        let resources = resources
        return try await units.write(by: caller) { tx in
            _ = try await Workshop.get(workshop, in: tx)
            guard try await resources.reopen(date, workshop: workshop, in: tx) else {
                throw KernelError.notFound(entity: "closure", id: date.description)
            }
            try await tx.audit("reopen", entity: "microtransform.workshop", id: date.description, organisation: workshop)
            return try await ResourceService.closures(workshop: workshop, in: tx)
        }
    }

    /// Deletes one unavailable time of a piece of equipment; answers the equipment with its calendar.
    func deleteUnavailability(_ entry: UUID, of id: UUID, by caller: Caller) async throws -> Equipment? {
        let resources = resources
        return try await units.write(by: caller) { tx in
            let workshop = try await ResourceService.workshop(ofEquipment: id, in: tx)
            try MicroTransformPermissions.manageWorkshop.require(caller, atWorkshop: workshop)
            guard try await resources.deleteUnavailability(entry, equipment: id, in: tx) else {
                throw KernelError.notFound(entity: "unavailability", id: entry.uuidString)
            }
            try await tx.audit(
                "available", entity: "microtransform.equipment", id: id.uuidString, organisation: workshop,
                details: "unavailability \(entry) deleted")
            return try await ResourceService.equipment(workshop: workshop, in: tx).first { $0.id == id }
        }
    }

    /// Retires a piece of equipment: no new batch on it; the planned ones move (see the type's note).
    func retire(_ id: UUID, by caller: Caller) async throws -> Removal<Equipment> {
        let (resources, planning) = (resources, planning)
        return try await units.write(by: caller) { tx in
            let workshop = try await ResourceService.workshop(ofEquipment: id, in: tx)
            try MicroTransformPermissions.manageWorkshop.require(caller, atWorkshop: workshop)
            guard var item = try await ResourceService.equipment(workshop: workshop, in: tx).first(where: { $0.id == id }) else {
                throw MicroTransformError.equipmentRetired(equipment: id)
            }
            try await resources.retire(id, in: tx)
            let moved = try await planning.repair(workshop: try await Workshop.get(workshop, in: tx), in: tx)
            try await tx.audit(
                "retire", entity: "microtransform.equipment", id: id.uuidString, organisation: workshop,
                details: "\(item.name); \(moved.count) batches moved")
            item.active = false
            return Removal(removed: item, replannedBatchIds: moved)
        }
    }
}
