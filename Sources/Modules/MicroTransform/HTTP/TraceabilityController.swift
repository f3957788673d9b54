import CollectoKernel
import Foundation
import Hummingbird

/// Output lots, their genealogy, recalls and the workshop's reports.
struct TraceabilityController {
    let traceability: TraceabilityUseCases
    let reports: ReportUseCases

    var endpoints: Endpoints<AuthenticatedContext> {
        let endpoints = Endpoints<AuthenticatedContext>(tag: "microtransform")
        endpoints.get(
            "workshops/{workshopId}/output-lots", summary: "Output lots (by status)",
            query: [.oneOf("status", OutputLotStatus.self)] + APIParameter.page
        ) {
            request, context in
            let workshop = try context.uuid("workshopId")
            let page = try request.page()
            let status = try request.query("status", OutputLotStatus.init(rawValue:))
            return try await traceability.outputLots(workshop, status: status, page: page, by: context.caller)
        }
        endpoints.get("output-lots/{id}/genealogy", summary: "An output lot's batch, input lots and their origins") { _, context in
            try await traceability.genealogy(ofOutputLot: try context.uuid("id"), by: context.caller)
        }
        endpoints.get("input-lots/{id}/outputs", summary: "Every output lot made from an input lot") { _, context in
            try await traceability.outputs(ofInputLot: try context.uuid("id"), by: context.caller)
        }
        endpoints.post(
            "workshops/{workshopId}/recalls", summary: "Recall an input lot or an origin: blocks every output made from it", status: .ok,
            body: Genealogy.RecallRequest.self
        ) { request, context in
            let workshop = try context.uuid("workshopId")
            let recall = try await request.decodeJSON(Genealogy.RecallRequest.self, context: context)
            return try await traceability.recall(recall, at: workshop, by: context.caller)
        }
        endpoints.raw(
            .get, "workshops/{workshopId}/reports",
            summary: "Kg rescued, output, yield per recipe, losses, HACCP deviations (?by=week|month&from=&until=&format=csv)",
            contentType: "application/json",
            query: [APIParameter("by", .oneOf(["week", "month"])), .date("from"), .date("until"), APIParameter.format]
        ) { request, context in
            let workshop = try context.uuid("workshopId")
            let grouping = try request.query("by", WorkshopReport.Grouping.init(rawValue:))
            let from = try request.query("from", CalendarDate.init)
            let until = try request.query("until", CalendarDate.init)
            let report = try await reports.report(workshop, grouping: grouping, from: from, until: until, by: context.caller)
            return try ReportResponse.make(report, for: request) { try $0.csv() }
        }
        return endpoints
    }
}
