import CollectoKernel
import Foundation

/// Sharing's actions, so that the JSON API and the pages share one rule per
/// action: a partner's people post, claim, transfer and withdraw surpluses and
/// book shared equipment for their own organisation; its coordinators declare
/// its equipment; the food bank's staff may act for any of them.
struct SharingUseCases: Sendable {
    let units: UnitOfWorkRunner
    let timeZone: TimeZone

    var sharing: SharingService { SharingService(timeZone: timeZone) }

    // Surpluses

    func postSurplus(_ input: Surplus.Input, by caller: Caller) async throws -> Surplus {
        try FoodAidPermissions.shareSurpluses.require(caller, in: input.organisationId)
        let sharing = sharing
        return try await units.write(by: caller) { tx in
            let surplus = try await sharing.post(input, in: tx)
            try await tx.audit("post", entity: "foodaid.surplus", id: surplus.id.uuidString, organisation: surplus.organisationId)
            return surplus
        }
    }

    /// Posted surpluses for every caller, and the caller's organisations' own
    /// and claimed ones whatever their state (all of them for the food bank's staff).
    func surpluses(page: PageRequest, by caller: Caller) async throws -> Page<Surplus> {
        let readable = FoodAidPermissions.readSurpluses.organisations(heldBy: caller)
        let sharing = sharing
        return try await units.read { db in try await sharing.surpluses(visibleTo: readable, page: page, in: db) }
    }

    /// Claims another partner's posted surplus for `organisation`.
    func claimSurplus(_ id: UUID, for organisation: UUID, by caller: Caller) async throws -> Surplus {
        try await move(id, "claim", for: organisation, by: caller)
    }

    /// Hands a claimed surplus over (by the organisation that posted it).
    func transferSurplus(_ id: UUID, for organisation: UUID, by caller: Caller) async throws -> Surplus {
        try await move(id, "transfer", for: organisation, by: caller)
    }

    /// Withdraws a posted or claimed surplus (by the organisation that posted it).
    func withdrawSurplus(_ id: UUID, for organisation: UUID, by caller: Caller) async throws -> Surplus {
        try await move(id, "withdraw", for: organisation, by: caller)
    }

    // Equipment

    func declareEquipment(_ input: Equipment.Input, by caller: Caller) async throws -> Equipment {
        try FoodAidPermissions.declareEquipment.require(caller, in: input.ownerId)
        let sharing = sharing
        return try await units.write(by: caller) { tx in
            let item = try await sharing.declare(input, in: tx)
            try await tx.audit("create", entity: "foodaid.equipment", id: item.id.uuidString, organisation: item.ownerId)
            return item
        }
    }

    /// Every piece of shared equipment, which every caller may see.
    func equipment(page: PageRequest, by caller: Caller) async throws -> Page<Equipment> {
        let sharing = sharing
        return try await units.read { db in try await sharing.equipment(page: page, in: db) }
    }

    /// A piece of equipment's calendar, which every caller may see.
    func bookings(of id: UUID, by caller: Caller) async throws -> [EquipmentBooking] {
        let sharing = sharing
        return try await units.read { db in try await sharing.bookings(of: id, in: db) }
    }

    func book(_ id: UUID, _ input: EquipmentBooking.Input, by caller: Caller) async throws -> EquipmentBooking {
        try FoodAidPermissions.bookEquipment.require(caller, in: input.borrowerId)
        let sharing = sharing
        return try await units.write(by: caller) { tx in
            let booking = try await sharing.book(id, input, in: tx)
            try await tx.audit("book", entity: "foodaid.equipment", id: id.uuidString, organisation: input.borrowerId)
            return booking
        }
    }

    /// The borrower's people who may book, or the owner's who declare
    /// equipment, cancel a booking still to come or under way (with a reason,
    /// audited); the slot is free again.
    func cancelBooking(_ id: UUID, of equipment: UUID, reason: String?, by caller: Caller) async throws -> EquipmentBooking {
        if let reason { try Validate.nonEmpty(reason, field: "reason", maxLength: 500) }
        let sharing = sharing
        return try await units.write(by: caller) { tx in
            guard let (booking, owner) = try await sharing.booking(id, of: equipment, in: tx),
                caller.canRead(booking.borrowerId) || caller.canRead(owner)
            else { throw KernelError.notFound(entity: "booking", id: id.uuidString) }
            if !FoodAidPermissions.declareEquipment.isHeld(by: caller, in: owner) {
                try FoodAidPermissions.bookEquipment.require(caller, in: booking.borrowerId)
            }
            let cancelled = try await sharing.cancel(booking, in: tx)
            try await tx.audit(
                "cancel_booking", entity: "foodaid.equipment", id: equipment.uuidString, organisation: booking.borrowerId,
                details: reason ?? "")
            return cancelled
        }
    }

    /// One move of a surplus, audited under the action's name.
    private func move(_ id: UUID, _ action: String, for organisation: UUID, by caller: Caller) async throws -> Surplus {
        try FoodAidPermissions.shareSurpluses.require(caller, in: organisation)
        let sharing = sharing
        return try await units.write(by: caller) { tx in
            let surplus = try await sharing.move(id, action, by: organisation, in: tx)
            try await tx.audit(action, entity: "foodaid.surplus", id: id.uuidString, organisation: organisation)
            return surplus
        }
    }
}
