import CollectoKernel
import Foundation

extension OrderingUseCases {
    /// One of the food bank's steps after allocation: validate, prepare, close.
    func advance(_ id: UUID, action: String, from: OrderStatus, to: OrderStatus, by caller: Caller) async throws -> PartnerOrder {
        try FoodAidPermissions.fulfilOrders.require(caller)
        return try await units.write(by: caller) { tx in
            let order = try await fulfilment(tx).advance(id, from: from, to: to, in: tx)
            try await tx.audit(action, entity: "foodaid.order", id: id.uuidString, organisation: order.organisationId)
            return order
        }
    }

    func pickingList(_ id: UUID, by caller: Caller) async throws -> [FulfilmentService.Pick] {
        try FoodAidPermissions.fulfilOrders.require(caller)
        return try await units.read { db in try await fulfilment(db).pickingList(id, in: db) }
    }

    /// The printable delivery note, for the food bank and the partner.
    func deliveryNote(_ id: UUID, by caller: Caller) async throws -> String {
        let now = clock.now()
        let zone = timeZone
        return try await units.read { db in
            let order = try await FulfilmentService.loadOrder(id, in: db)
            try FoodAidPermissions.readOrders.require(caller, in: order.organisationId, hiding: "order", id: id)
            return try await DeliveryNote(fulfilment: try await fulfilment(db)).render(order, now: now, timeZone: zone, in: db)
        }
    }

    func ship(_ id: UUID, by caller: Caller) async throws -> PartnerOrder {
        try FoodAidPermissions.fulfilOrders.require(caller)
        return try await units.write(by: caller) { tx in
            let order = try await fulfilment(tx).ship(id, in: tx)
            try await tx.audit("ship", entity: "foodaid.order", id: id.uuidString, organisation: order.organisationId)
            return order
        }
    }

    func receive(_ id: UUID, _ receipt: FulfilmentService.Receipt, by caller: Caller) async throws -> PartnerOrder {
        try await units.write(by: caller) { tx in
            let order = try await FulfilmentService.loadOrder(id, in: tx)
            try FoodAidPermissions.readOrders.require(caller, in: order.organisationId, hiding: "order", id: id)
            try FoodAidPermissions.placeOrders.require(caller, in: order.organisationId)
            let received = try await fulfilment(tx).receive(id, receipt, in: tx)
            try await tx.audit("receive", entity: "foodaid.order", id: id.uuidString, organisation: order.organisationId)
            return received
        }
    }
}
