import CollectoKernel
import Foundation
import Hummingbird

/// Output lots, their genealogy, recalls and the workshop's reports.
struct TraceabilityController {
    let units: UnitOfWorkRunner
    let timeZone: TimeZone
    let clock: any WallClock

    var endpoints: Endpoints<AuthenticatedContext> {
        let endpoints = Endpoints<AuthenticatedContext>(tag: "microtransform")
        endpoints.get("workshops/{workshopId}/output-lots", summary: "Output lots (by status)", query: ["status", "limit", "offset"]) {
            request, context in
            let workshop = try context.uuid("workshopId")
            try WorkshopAccess.requireReader(workshop, context.caller)
            let page = try request.page()
            let status = try request.query("status", OutputLotStatus.init(rawValue:))
            return try await units.read { db in try await InputLotStore.outputLots(workshop: workshop, status: status, page: page, in: db) }
        }
        endpoints.get("output-lots/{id}/genealogy", summary: "An output lot's batch, input lots and their origins") { _, context in
            let id = try context.uuid("id")
            return try await units.read { db in
                let tree = try await Genealogy.tree(outputLot: id, in: db)
                guard context.caller.canRead(tree.outputLot.workshopId) else {
                    throw KernelError.notFound(entity: "output lot", id: id.uuidString)
                }
                return tree
            }
        }
        endpoints.get("input-lots/{id}/outputs", summary: "Every output lot made from an input lot") { _, context in
            let id = try context.uuid("id")
            return try await units.read { db in
                let lot = try await InputLotStore.load(id, in: db)
                guard context.caller.canRead(lot.workshopId) else { throw KernelError.notFound(entity: "input lot", id: id.uuidString) }
                return try await Genealogy.outputs(from: [id], in: db)
            }
        }
        endpoints.post(
            "workshops/{workshopId}/recalls", summary: "Recall an input lot or an origin: blocks every output made from it", status: .ok,
            body: Genealogy.RecallRequest.self
        ) { request, context in
            let workshopID = try context.uuid("workshopId")
            try WorkshopAccess.requireManager(workshopID, context.caller)
            let recall = try await request.decodeJSON(Genealogy.RecallRequest.self, context: context)
            return try await units.write(by: context.caller) { tx in
                let report = try await Genealogy.recall(workshop: try await Workshop.get(workshopID, in: tx), recall, in: tx)
                try await tx.audit(
                    "recall", entity: "microtransform.input_lot", id: report.inputLotIds.first?.uuidString, organisation: workshopID,
                    details: "\(report.outputLots.count) output lot(s): \(recall.reason)")
                return report
            }
        }
        endpoints.raw(
            .get, "workshops/{workshopId}/reports",
            summary: "Kg rescued, output, yield per recipe, losses, HACCP deviations (?by=week|month&from=&until=&format=csv)",
            contentType: "application/json"
        ) { request, context in
            let workshop = try context.uuid("workshopId")
            try WorkshopAccess.requireReader(workshop, context.caller)
            let today = CalendarDate(clock.now(), in: timeZone)
            let grouping = try request.query("by", WorkshopReport.Grouping.init(rawValue:)) ?? .month
            let from = try request.query("from", CalendarDate.init) ?? today.adding(days: -90)
            let until = try request.query("until", CalendarDate.init) ?? today
            let report = try await units.read { db in
                try await WorkshopReport.make(workshop: workshop, from: from, until: until, grouping: grouping, in: db)
            }
            return try ReportResponse.make(report, for: request) { try $0.csv() }
        }
        return endpoints
    }
}
