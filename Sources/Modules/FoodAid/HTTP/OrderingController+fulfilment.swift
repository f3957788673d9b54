import CollectoKernel
import Foundation
import Hummingbird

extension OrderingController {
    /// The food bank's steps after allocation, and the partner's receipt.
    func addFulfilment(to endpoints: Endpoints<AuthenticatedContext>) {
        let steps: [(String, OrderStatus, OrderStatus, String)] = [
            ("validate", .allocated, .validated, "Validate an allocated order"),
            ("prepare", .validated, .prepared, "Mark an order picked and packed"),
            ("close", .received, .closed, "Close a received order"),
        ]
        for (action, from, to, summary) in steps {
            endpoints.post("orders/{id}/\(action)", summary: summary, status: .ok) { _, context in
                try await ordering.advance(try context.uuid("id"), action: action, from: from, to: to, by: context.caller)
            }
        }
        endpoints.get("orders/{id}/picking-list", summary: "The lots to pick for an order, first-expiring first") { _, context in
            try await ordering.pickingList(try context.uuid("id"), by: context.caller)
        }
        endpoints.raw(
            .get, "orders/{id}/delivery-note", summary: "The printable delivery note (HTML) with lots and weights", contentType: "text/html"
        ) {
            _, context in
            let html = try await ordering.deliveryNote(try context.uuid("id"), by: context.caller)
            return Response(
                status: .ok, headers: [.contentType: "text/html; charset=utf-8"], body: .init(byteBuffer: ByteBuffer(string: html)))
        }
        endpoints.post("orders/{id}/ship", summary: "Ship a prepared order (a delivery task, or handed over at collection)", status: .ok) {
            _, context in
            try await ordering.ship(try context.uuid("id"), by: context.caller)
        }
        endpoints.post(
            "orders/{id}/receive", summary: "Record what the partner received, with any discrepancy", status: .ok,
            body: FulfilmentService.Receipt.self
        ) {
            request, context in
            let id = try context.uuid("id")
            let receipt = try await request.decodeJSON(FulfilmentService.Receipt.self, context: context)
            return try await ordering.receive(id, receipt, by: context.caller)
        }
    }
}
