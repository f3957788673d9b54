import CollectoKernel
import Foundation

/// Batches' actions, so that the API and the pages share one rule for each:
/// the workshop's cooks start and finish batches, its managers release or
/// discard quarantined output, its people and the food bank's staff read.
struct BatchUseCases: Sendable {
    let units: UnitOfWorkRunner
    let timeZone: TimeZone

    private var running: BatchRunService { BatchRunService(timeZone: timeZone) }

    /// A workshop's batches between two days (all of them by default), filtered and paged.
    func batches(
        _ workshop: UUID, from: CalendarDate?, until: CalendarDate?, status: BatchStatus?, page: PageRequest, by caller: Caller
    ) async throws -> Page<Batch> {
        try MicroTransformPermissions.readWorkshop.require(caller, atWorkshop: workshop)
        let from = from ?? CalendarDate(year: 2000, month: 1, day: 1)!
        let until = until ?? CalendarDate(year: 2100, month: 1, day: 1)!
        return try await units.read { db in
            try await Workshop.mustExist(workshop, in: db)
            return try await PlanStore.batches(workshop: workshop, from: from, until: until, status: status, page: page, in: db)
        }
    }

    /// One batch, with its inputs, steps and HACCP record.
    func batch(_ id: UUID, by caller: Caller) async throws -> Batch {
        try await units.read { db in
            let batch = try await PlanStore.batch(id, in: db)
            try MicroTransformPermissions.readWorkshop.require(caller, atWorkshop: batch.workshopId)
            return batch
        }
    }

    /// Starts a batch with the produce actually taken.
    func start(_ id: UUID, _ start: BatchRunService.Start, by caller: Caller) async throws -> Batch {
        let running = running
        return try await units.write(by: caller) { tx in
            let batch = try await PlanStore.batch(id, in: tx)
            try MicroTransformPermissions.runBatches.require(caller, atWorkshop: batch.workshopId)
            let started = try await running.start(id, start, in: tx)
            try await tx.audit("start", entity: "microtransform.batch", id: id.uuidString, organisation: batch.workshopId)
            return started
        }
    }

    /// Finishes a batch: output, waste and HACCP record.
    func finish(_ id: UUID, _ finish: BatchRunService.Finish, by caller: Caller) async throws -> Batch {
        let running = running
        return try await units.write(by: caller) { tx in
            let batch = try await PlanStore.batch(id, in: tx)
            try MicroTransformPermissions.runBatches.require(caller, atWorkshop: batch.workshopId)
            let finished = try await running.finish(id, finish, in: tx)
            try await tx.audit(
                "finish", entity: "microtransform.batch", id: id.uuidString, organisation: batch.workshopId,
                details: finished.deviations.isEmpty ? nil : finished.deviations.joined(separator: "; "))
            return finished
        }
    }

    /// Releases quarantined output to food-aid stock (`release`), or discards it to biowaste.
    func decide(_ id: UUID, release: Bool, reason: String, by caller: Caller) async throws -> Batch {
        let running = running
        return try await units.write(by: caller) { tx in
            let batch = try await PlanStore.batch(id, in: tx)
            try MicroTransformPermissions.releaseBatches.require(caller, atWorkshop: batch.workshopId)
            let decided = try await running.decide(id, release: release, reason: reason, in: tx)
            try await tx.audit(
                release ? "release" : "discard", entity: "microtransform.batch", id: id.uuidString, organisation: batch.workshopId,
                details: reason)
            return decided
        }
    }
}
