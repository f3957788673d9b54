import CollectoKernel
import Foundation
import Hummingbird

/// The plan and the batches over HTTP: planning, moving and locking by the
/// manager, running by the cooks, releasing or discarding quarantined output.
struct BatchesController {
    let planning: PlanningUseCases
    let batches: BatchUseCases

    var endpoints: Endpoints<AuthenticatedContext> {
        let endpoints = Endpoints<AuthenticatedContext>(tag: "microtransform")
        endpoints.post(
            "workshops/{workshopId}/plan", summary: "Replan the coming days around locked and running batches", status: .ok,
            body: PlanningService.PlanRequest.self
        ) { request, context in
            let workshop = try context.uuid("workshopId")
            let input = try await request.decodeJSON(PlanningService.PlanRequest.self, context: context)
            return try await planning.replan(workshop, input, by: context.caller)
        }
        endpoints.get(
            "workshops/{workshopId}/plan", summary: "The plan (?from=&days=) with why lots are left",
            query: [.date("from"), .wholeNumber("days", 1...60)]
        ) {
            request, context in
            let workshop = try context.uuid("workshopId")
            let from = try request.query("from", CalendarDate.init)
            let days = try request.query("days") { Int($0) }
            return try await planning.plan(workshop, from: from, days: days, by: context.caller)
        }
        endpoints.get(
            "workshops/{workshopId}/batches", summary: "Batches (?from=&until=&status=)",
            query: [.date("from"), .date("until"), .oneOf("status", BatchStatus.self)] + APIParameter.page
        ) { request, context in
            let workshop = try context.uuid("workshopId")
            let page = try request.page()
            let from = try request.query("from", CalendarDate.init)
            let until = try request.query("until", CalendarDate.init)
            let status = try request.query("status", BatchStatus.init(rawValue:))
            return try await batches.batches(workshop, from: from, until: until, status: status, page: page, by: context.caller)
        }
        endpoints.post(
            "workshops/{workshopId}/batches", summary: "Make a batch by hand, held to the scheduler's rules, and lock it",
            body: PlanningService.ManualBatch.self
        ) { request, context in
            let workshop = try context.uuid("workshopId")
            let input = try await request.decodeJSON(PlanningService.ManualBatch.self, context: context)
            return try await planning.create(input, at: workshop, by: context.caller)
        }
        endpoints.get("batches/{id}", summary: "One batch, with its inputs, steps and HACCP record") { _, context in
            try await batches.batch(try context.uuid("id"), by: context.caller)
        }
        endpoints.put(
            "batches/{id}", summary: "Move a planned batch to a day and start, and lock it there", body: PlanningService.Move.self
        ) {
            request, context in
            let id = try context.uuid("id")
            let move = try await request.decodeJSON(PlanningService.Move.self, context: context)
            return try await planning.move(id, move, by: context.caller)
        }
        for (action, lock) in [("lock", true), ("unlock", false)] {
            endpoints.post(
                "batches/{id}/\(action)", summary: lock ? "Keep a planned batch where it is when replanning" : "Let replanning move it",
                status: .ok
            ) {
                _, context in
                try await planning.setLocked(try context.uuid("id"), lock, by: context.caller)
            }
        }
        endpoints.delete("batches/{id}", summary: "Delete a planned batch; its produce is free for the next plan") { _, context in
            try await planning.delete(try context.uuid("id"), by: context.caller)
        }
        endpoints.post(
            "batches/{id}/start", summary: "Start a batch with the produce actually taken", status: .ok, body: BatchRunService.Start.self
        ) {
            request, context in
            let id = try context.uuid("id")
            let start = try await request.decodeJSON(BatchRunService.Start.self, context: context)
            return try await batches.start(id, start, by: context.caller)
        }
        endpoints.post(
            "batches/{id}/finish", summary: "Finish a batch: output, waste and HACCP record", status: .ok, body: BatchRunService.Finish.self
        ) { request, context in
            let id = try context.uuid("id")
            let finish = try await request.decodeJSON(BatchRunService.Finish.self, context: context)
            return try await batches.finish(id, finish, by: context.caller)
        }
        for (action, release) in [("release", true), ("discard", false)] {
            endpoints.post(
                "batches/{id}/\(action)", summary: release ? "Release quarantined output" : "Discard quarantined output (to biowaste)",
                status: .ok, body: BatchRunService.Decision.self
            ) { request, context in
                let id = try context.uuid("id")
                let decision = try await request.decodeJSON(BatchRunService.Decision.self, context: context)
                return try await batches.decide(id, release: release, reason: decision.reason, by: context.caller)
            }
        }
        return endpoints
    }
}
