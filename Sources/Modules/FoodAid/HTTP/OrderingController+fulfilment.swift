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
                let id = try context.uuid("id")
                try FoodAidAccess.requireFoodBankStaff(context.caller)
                return try await units.write(by: context.caller) { tx in
                    let order = try await fulfilment(tx).advance(id, from: from, to: to, in: tx)
                    try await tx.audit(action, entity: "foodaid.order", id: id.uuidString, organisation: order.organisationId)
                    return order
                }
            }
        }
        endpoints.get("orders/{id}/picking-list", summary: "The lots to pick for an order, first-expiring first") { _, context in
            let id = try context.uuid("id")
            try FoodAidAccess.requireFoodBankStaff(context.caller)
            return try await units.read { db in try await fulfilment(db).pickingList(id, in: db) }
        }
        endpoints.raw(
            .get, "orders/{id}/delivery-note", summary: "The printable delivery note (HTML) with lots and weights", contentType: "text/html"
        ) {
            _, context in
            let id = try context.uuid("id")
            let caller = context.caller
            let zone = timeZone
            let html = try await units.read { db in
                let order = try await FulfilmentService.loadOrder(id, in: db)
                try FoodAidAccess.requireOrderAccess(order, caller)
                return try await DeliveryNote(fulfilment: try await fulfilment(db)).render(order, now: Date(), timeZone: zone, in: db)
            }
            return Response(
                status: .ok, headers: [.contentType: "text/html; charset=utf-8"], body: .init(byteBuffer: ByteBuffer(string: html)))
        }
        endpoints.post("orders/{id}/ship", summary: "Ship a prepared order (a delivery task, or handed over at collection)", status: .ok) {
            _, context in
            let id = try context.uuid("id")
            try FoodAidAccess.requireFoodBankStaff(context.caller)
            return try await units.write(by: context.caller) { tx in
                let order = try await fulfilment(tx).ship(id, in: tx)
                try await tx.audit("ship", entity: "foodaid.order", id: id.uuidString, organisation: order.organisationId)
                return order
            }
        }
        endpoints.post(
            "orders/{id}/receive", summary: "Record what the partner received, with any discrepancy", status: .ok,
            body: FulfilmentService.Receipt.self
        ) {
            request, context in
            let id = try context.uuid("id")
            let receipt = try await request.decodeJSON(FulfilmentService.Receipt.self, context: context)
            let caller = context.caller
            return try await units.write(by: caller) { tx in
                let order = try await FulfilmentService.loadOrder(id, in: tx)
                try FoodAidAccess.requireOrderAccess(order, caller)
                guard FoodAidAccess.mayOrder(for: order.organisationId, caller) else {
                    throw KernelError.forbidden("you cannot receive this order")
                }
                let received = try await fulfilment(tx).receive(id, receipt, in: tx)
                try await tx.audit("receive", entity: "foodaid.order", id: id.uuidString, organisation: order.organisationId)
                return received
            }
        }
    }

    func fulfilment(_ db: any SQLExecutor) async throws -> FulfilmentService {
        FulfilmentService(stock: try await stock(db), tasks: tasks, timeZone: timeZone)
    }
}
