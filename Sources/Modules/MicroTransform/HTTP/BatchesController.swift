import CollectoKernel
import Foundation
import Hummingbird

/// The plan and the batches: planning, moving and locking by the manager,
/// running by the cooks, releasing or discarding quarantined output.
struct BatchesController {
    let units: UnitOfWorkRunner
    let timeZone: TimeZone
    let clock: any WallClock

    var endpoints: Endpoints<AuthenticatedContext> {
        let endpoints = Endpoints<AuthenticatedContext>(tag: "microtransform")
        let planning = PlanningService(timeZone: timeZone)
        let running = BatchRunService(timeZone: timeZone)
        endpoints.post(
            "workshops/{workshopId}/plan", summary: "Replan the coming days around locked and running batches", status: .ok,
            body: PlanningService.PlanRequest.self
        ) { request, context in
            let workshopID = try context.uuid("workshopId")
            try WorkshopAccess.requireManager(workshopID, context.caller)
            let input = try await request.decodeJSON(PlanningService.PlanRequest.self, context: context)
            return try await units.write(by: context.caller) { tx in
                let workshop = try await Workshop.get(workshopID, in: tx)
                let plan = try await planning.replan(workshop: workshop, request: input, in: tx)
                try await tx.audit(
                    "plan", entity: "microtransform.plan", id: plan.from.description, organisation: workshopID,
                    details: "\(plan.batches.count) batches, \(plan.unused.count) lots left")
                return plan
            }
        }
        endpoints.get("workshops/{workshopId}/plan", summary: "The plan (?from=&days=) with why lots are left", query: ["from", "days"]) {
            request, context in
            let workshop = try context.uuid("workshopId")
            try WorkshopAccess.requireReader(workshop, context.caller)
            let from = try request.query("from", CalendarDate.init) ?? CalendarDate(clock.now(), in: timeZone)
            let days = try request.query("days") { Int($0) } ?? 7
            try Validate.range(days, 1...60, field: "days")
            return try await units.read { db in
                try await planning.view(workshop: workshop, from: from, until: from.adding(days: days - 1), in: db)
            }
        }
        endpoints.get(
            "workshops/{workshopId}/batches", summary: "Batches (?from=&until=&status=)",
            query: ["from", "until", "status", "limit", "offset"]
        ) { request, context in
            let workshop = try context.uuid("workshopId")
            try WorkshopAccess.requireReader(workshop, context.caller)
            let page = try request.page()
            let from = try request.query("from", CalendarDate.init) ?? CalendarDate(year: 2000, month: 1, day: 1)!
            let until = try request.query("until", CalendarDate.init) ?? CalendarDate(year: 2100, month: 1, day: 1)!
            let status = try request.query("status", BatchStatus.init(rawValue:))
            return try await units.read { db in
                try await PlanStore.batches(workshop: workshop, from: from, until: until, status: status, page: page, in: db)
            }
        }
        endpoints.get("batches/{id}", summary: "One batch, with its inputs, steps and HACCP record") { _, context in
            let id = try context.uuid("id")
            return try await units.read { db in
                let batch = try await PlanStore.batch(id, in: db)
                try WorkshopAccess.requireReader(batch.workshopId, context.caller)
                return batch
            }
        }
        endpoints.put(
            "batches/{id}", summary: "Move a planned batch to a day and start, and lock it there", body: PlanningService.Move.self
        ) {
            request, context in
            let id = try context.uuid("id")
            let move = try await request.decodeJSON(PlanningService.Move.self, context: context)
            return try await units.write(by: context.caller) { tx in
                let batch = try await PlanStore.batch(id, in: tx)
                try WorkshopAccess.requireManager(batch.workshopId, context.caller)
                let moved = try await planning.move(id, move, in: tx)
                try await tx.audit(
                    "move", entity: "microtransform.batch", id: id.uuidString, organisation: batch.workshopId,
                    details: "\(move.day) \(move.start)")
                return moved
            }
        }
        for (action, lock) in [("lock", true), ("unlock", false)] {
            endpoints.post(
                "batches/{id}/\(action)", summary: lock ? "Keep a planned batch where it is when replanning" : "Let replanning move it",
                status: .ok
            ) {
                _, context in
                let id = try context.uuid("id")
                return try await units.write(by: context.caller) { tx in
                    let batch = try await PlanStore.batch(id, in: tx)
                    try WorkshopAccess.requireManager(batch.workshopId, context.caller)
                    guard batch.status == .planned else {
                        throw KernelError.conflict(code: "batch_status", message: "only a planned batch is locked or unlocked")
                    }
                    try await tx.execute("UPDATE microtransform_batches SET locked = ? WHERE id = ?", [lock, id])
                    try await tx.audit(action, entity: "microtransform.batch", id: id.uuidString, organisation: batch.workshopId)
                    return try await PlanStore.batch(id, in: tx)
                }
            }
        }
        endpoints.delete("batches/{id}", summary: "Delete a planned batch; its produce is free for the next plan") { _, context in
            let id = try context.uuid("id")
            return try await units.write(by: context.caller) { tx in
                let batch = try await PlanStore.batch(id, in: tx)
                try WorkshopAccess.requireManager(batch.workshopId, context.caller)
                guard batch.status == .planned else {
                    throw KernelError.conflict(code: "batch_status", message: "only a planned batch can be deleted")
                }
                try await PlanStore.delete(id, in: tx)
                try await tx.audit("delete", entity: "microtransform.batch", id: id.uuidString, organisation: batch.workshopId)
                return batch
            }
        }
        endpoints.post(
            "batches/{id}/start", summary: "Start a batch with the produce actually taken", status: .ok, body: BatchRunService.Start.self
        ) {
            request, context in
            let id = try context.uuid("id")
            let start = try await request.decodeJSON(BatchRunService.Start.self, context: context)
            return try await units.write(by: context.caller) { tx in
                let batch = try await PlanStore.batch(id, in: tx)
                try WorkshopAccess.requireCook(batch.workshopId, context.caller)
                let started = try await running.start(id, start, in: tx)
                try await tx.audit("start", entity: "microtransform.batch", id: id.uuidString, organisation: batch.workshopId)
                return started
            }
        }
        endpoints.post(
            "batches/{id}/finish", summary: "Finish a batch: output, waste and HACCP record", status: .ok, body: BatchRunService.Finish.self
        ) { request, context in
            let id = try context.uuid("id")
            let finish = try await request.decodeJSON(BatchRunService.Finish.self, context: context)
            return try await units.write(by: context.caller) { tx in
                let batch = try await PlanStore.batch(id, in: tx)
                try WorkshopAccess.requireCook(batch.workshopId, context.caller)
                let finished = try await running.finish(id, finish, in: tx)
                try await tx.audit(
                    "finish", entity: "microtransform.batch", id: id.uuidString, organisation: batch.workshopId,
                    details: finished.deviations.isEmpty ? nil : finished.deviations.joined(separator: "; "))
                return finished
            }
        }
        for (action, release) in [("release", true), ("discard", false)] {
            endpoints.post(
                "batches/{id}/\(action)", summary: release ? "Release quarantined output" : "Discard quarantined output (to biowaste)",
                status: .ok, body: BatchRunService.Decision.self
            ) { request, context in
                let id = try context.uuid("id")
                let decision = try await request.decodeJSON(BatchRunService.Decision.self, context: context)
                return try await units.write(by: context.caller) { tx in
                    let batch = try await PlanStore.batch(id, in: tx)
                    try WorkshopAccess.requireManager(batch.workshopId, context.caller)
                    let decided = try await running.decide(id, release: release, reason: decision.reason, in: tx)
                    try await tx.audit(
                        action, entity: "microtransform.batch", id: id.uuidString, organisation: batch.workshopId, details: decision.reason)
                    return decided
                }
            }
        }
        return endpoints
    }
}
