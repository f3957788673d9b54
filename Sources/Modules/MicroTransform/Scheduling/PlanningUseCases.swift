import CollectoKernel
import Foundation

/// The plan's actions, so that the API and the pages share one rule for each:
/// the workshop's managers replan, make batches by hand, move, lock, unlock and
/// delete planned batches; the workshop's people and the food bank's staff read the plan.
struct PlanningUseCases: Sendable {
    let units: UnitOfWorkRunner
    let timeZone: TimeZone
    let clock: any WallClock

    private var planning: PlanningService { PlanningService(timeZone: timeZone) }

    /// Replans the coming days around locked and running batches.
    func replan(_ workshopID: UUID, _ request: PlanningService.PlanRequest, by caller: Caller) async throws -> PlanningService.PlanView {
        try MicroTransformPermissions.planBatches.require(caller, atWorkshop: workshopID)
        let planning = planning
        return try await units.write(by: caller) { tx in
            let workshop = try await Workshop.get(workshopID, in: tx)
            let plan = try await planning.replan(workshop: workshop, request: request, in: tx)
            try await tx.audit(
                "plan", entity: "microtransform.plan", id: plan.from.description, organisation: workshopID,
                details: "\(plan.batches.count) batches, \(plan.unused.count) lots left")
            return plan
        }
    }

    /// The plan over `days` days (7 by default) from `from` (today by default), with why lots are left.
    func plan(_ workshop: UUID, from: CalendarDate?, days: Int?, by caller: Caller) async throws -> PlanningService.PlanView {
        try MicroTransformPermissions.readWorkshop.require(caller, atWorkshop: workshop)
        let from = from ?? CalendarDate(clock.now(), in: timeZone)
        let days = days ?? 7
        try Validate.range(days, 1...60, field: "days")
        let planning = planning
        return try await units.read { db in
            try await Workshop.mustExist(workshop, in: db)
            return try await planning.view(workshop: workshop, from: from, until: from.adding(days: days - 1), in: db)
        }
    }

    /// Moves a planned batch to a day and start, and locks it there.
    func move(_ id: UUID, _ move: PlanningService.Move, by caller: Caller) async throws -> Batch {
        let planning = planning
        return try await units.write(by: caller) { tx in
            let batch = try await PlanStore.batch(id, in: tx)
            try MicroTransformPermissions.planBatches.require(caller, atWorkshop: batch.workshopId)
            let moved = try await planning.move(id, move, in: tx)
            try await tx.audit(
                "move", entity: "microtransform.batch", id: id.uuidString, organisation: batch.workshopId,
                details: "\(move.day) \(move.start)")
            return moved
        }
    }

    /// Keeps a planned batch where it is when replanning (`locked`), or lets replanning move it again.
    func setLocked(_ id: UUID, _ locked: Bool, by caller: Caller) async throws -> Batch {
        try await units.write(by: caller) { tx in
            let batch = try await PlanStore.batch(id, in: tx)
            try MicroTransformPermissions.planBatches.require(caller, atWorkshop: batch.workshopId)
            guard batch.status == .planned else {
                throw MicroTransformError.batchStatus(batch: id, status: batch.status, action: locked ? .lock : .unlock)
            }
            try await PlanStore.setLocked(id, locked, in: tx)
            try await tx.audit(
                locked ? "lock" : "unlock", entity: "microtransform.batch", id: id.uuidString, organisation: batch.workshopId)
            return try await PlanStore.batch(id, in: tx)
        }
    }

    /// Deletes a planned batch; its produce is free for the next plan.
    func delete(_ id: UUID, by caller: Caller) async throws -> Batch {
        try await units.write(by: caller) { tx in
            let batch = try await PlanStore.batch(id, in: tx)
            try MicroTransformPermissions.planBatches.require(caller, atWorkshop: batch.workshopId)
            guard batch.status == .planned else {
                throw MicroTransformError.batchStatus(batch: id, status: batch.status, action: .delete)
            }
            try await PlanStore.delete(id, in: tx)
            try await tx.audit("delete", entity: "microtransform.batch", id: id.uuidString, organisation: batch.workshopId)
            return batch
        }
    }

    /// Makes a batch by hand, held to the scheduler's hard rules, and locks it (see ``PlanningService/ManualBatch``).
    func create(_ input: PlanningService.ManualBatch, at workshopID: UUID, by caller: Caller) async throws -> Batch {
        try MicroTransformPermissions.planBatches.require(caller, atWorkshop: workshopID)
        let planning = planning
        return try await units.write(by: caller) { tx in
            let workshop = try await Workshop.get(workshopID, in: tx)
            let batch = try await planning.create(input, workshop: workshop, in: tx)
            try await tx.audit(
                "create", entity: "microtransform.batch", id: batch.id.uuidString, organisation: workshopID,
                details: "by hand: \(batch.recipeName) \(batch.day) \(batch.start)")
            return batch
        }
    }
}
