import CollectoKernel
import Foundation
import Hummingbird

/// Stock over HTTP: lots, corrections, recalls (the food bank's staff), and the
/// recall notices each partner reads.
struct StockController {
    let stock: StockUseCases

    var endpoints: Endpoints<AuthenticatedContext> {
        let endpoints = Endpoints<AuthenticatedContext>(tag: "foodaid")
        endpoints.post("lots", summary: "Receive a lot into stock", body: StockService.Receipt.self) { request, context in
            try await stock.receive(try await request.decodeJSON(StockService.Receipt.self, context: context), by: context.caller)
        }
        endpoints.get(
            "lots", summary: "Lots, by product, status and origin (the pickup or workshop lot they came from)",
            query: APIParameter.page + [.uuid("productId"), .oneOf("status", LotStatus.self), "originReference"]
        ) { request, context in
            let product = try request.query("productId") { UUID(uuidString: $0) }
            let status = try request.query("status", LotStatus.init(rawValue:))
            let origin = request.uri.queryParameters.get("originReference").map { String($0) }
            return try await stock.lots(
                product: product, status: status, originReference: origin, page: try request.page(), by: context.caller)
        }
        endpoints.get("lots/{id}", summary: "A lot and every movement that made its quantity") { _, context in
            try await stock.lot(try context.uuid("id"), by: context.caller)
        }
        endpoints.post(
            "lots/{id}/corrections", summary: "Record an adjustment or a loss, with its reason", status: .ok,
            body: StockUseCases.Correction.self
        ) {
            request, context in
            let id = try context.uuid("id")
            let correction = try await request.decodeJSON(StockUseCases.Correction.self, context: context)
            return try await stock.correct(id, correction, by: context.caller)
        }
        endpoints.post(
            "recalls", summary: "Quarantine or recall lots or a product, and trace where they went", status: .ok,
            body: RecallService.Request.self
        ) {
            request, context in
            try await stock.recall(try await request.decodeJSON(RecallService.Request.self, context: context), by: context.caller)
        }
        endpoints.post(
            "lots/{id}/lift-quarantine", summary: "Lift a quarantine the food bank raised, with a reason (never a recall)", status: .ok,
            body: LiftQuarantine.Request.self
        ) { request, context in
            let id = try context.uuid("id")
            return try await stock.liftQuarantine(
                id, try await request.decodeJSON(LiftQuarantine.Request.self, context: context), by: context.caller)
        }
        endpoints.get(
            "notices", summary: "Recall and quarantine notices for the partners the caller belongs to (?organisationId=&unacknowledged=)",
            query: [.uuid("organisationId"), .boolean("unacknowledged")] + APIParameter.page
        ) { request, context in
            let organisation = try request.query("organisationId") { UUID(uuidString: $0) }
            let unacknowledged = try request.query("unacknowledged") { ["true": true, "false": false][$0] } ?? false
            return try await stock.notices(
                organisation: organisation, unacknowledged: unacknowledged, page: try request.page(), by: context.caller)
        }
        endpoints.post("notices/{id}/acknowledge", summary: "Say a notice was read and acted on", status: .ok) { _, context in
            try await stock.acknowledgeNotice(try context.uuid("id"), by: context.caller)
        }
        return endpoints
    }
}
