import CollectoKernel
import CollectoTestSupport
import FoodAid
import Foundation
import HTTPTypes
import HummingbirdTesting
import Testing

/// After the cut-off, partners can no longer cancel, but the food bank's staff
/// can, with a reason: the units the order held go back to stock, and the
/// audit log says why.
@Suite struct StaffCancellationTests {
    typealias OrderView = FoodAidWorld.OrderView
    struct Cancellation: Encodable { let reason: String }
    struct LotView: Decodable { let id: UUID; let onHand: Int; let reserved: Int }

    func lots(_ client: any TestClientProtocol, _ orders: PartnerOrders) async throws -> [UUID: LotView] {
        var lots: [UUID: LotView] = [:]
        for lot in [orders.early.id, orders.late.id] {
            struct Detail: Decodable { let lot: LotView }
            lots[lot] = try await client.json(.get, "/api/v1/foodaid/lots/\(lot)", token: orders.world.coordinator.token).decode(
                Detail.self
            ).lot
        }
        return lots
    }

    @Test func staffCancelAnAllocatedOrderAfterTheCutOffWithAReasonAndItsUnitsGoBackToStock() async throws {
        let world = try await PartnerOrders.world()
        let admin = try await world.fixtures.logIn("admin@bank.test", role: .admin, in: world.bank.id)
        try await withLiveServer(world.test.kernel) { client throws in
            let orders = try await PartnerOrders.submitted(world, client)
            let allocated = try await orders.allocated(client)
            let order = orders.orders[1].id
            let path = "/api/v1/foodaid/orders/\(order)/cancel"
            // The partner keeps today's rule: only before the cut-off, reason or not.
            #expect(try await client.json(.post, path, token: world.partners[1].member.token).status == .conflict)
            #expect(
                try await client.json(.post, path, token: world.partners[1].member.token, body: Cancellation(reason: "plus besoin"))
                    .status == .conflict)
            // The food bank says why, in at most 500 characters.
            #expect(try await client.json(.post, path, token: world.coordinator.token).apiError?.field == "reason")
            #expect(
                try await client.json(.post, path, token: world.coordinator.token, body: Cancellation(reason: "  ")).apiError?.field
                    == "reason")
            #expect(
                try await client.json(
                    .post, path, token: world.coordinator.token, body: Cancellation(reason: String(repeating: "x", count: 501))
                ).apiError?.field == "reason")
            let before = try await lots(client, orders)
            let held = allocated.pastaPicks[order] ?? [:]
            #expect(held.values.reduce(0, +) == 20)
            let cancelled = try await client.json(
                .post, path, token: world.coordinator.token, body: Cancellation(reason: "local fermé pour travaux"))
            #expect(cancelled.status == .ok, "\(cancelled.text)")
            #expect(try cancelled.decode(OrderView.self).status == "cancelled")
            // Its reserved units are available again; nothing left the warehouse.
            let after = try await lots(client, orders)
            for (lot, was) in before {
                #expect(after[lot]?.onHand == was.onHand)
                #expect(after[lot]?.reserved == was.reserved - (held[lot] ?? 0))
            }
            #expect(
                try await client.json(.get, "/api/v1/foodaid/orders/\(order)/picking-list", token: world.coordinator.token).decode(
                    [Pick].self
                ).isEmpty)
            struct Entry: Decodable { let action: String; let entity: String; let entityId: String?; let details: String? }
            let log = try await client.json(
                .get, "/api/v1/audit?organisationId=\(world.partners[1].organisation.id)", token: admin.token
            ).decode([Entry].self)
            let entry = log.first { $0.entity == "foodaid.order" && $0.action == "cancel" }
            #expect(entry?.entityId?.lowercased() == order.uuidString.lowercased())
            #expect(entry?.details?.contains("local fermé pour travaux") == true)
        }
    }

    struct Pick: Decodable { let lotId: UUID; let units: Int }

    @Test func staffCancelAValidatedOrderButNotOneThatShipped() async throws {
        let world = try await PartnerOrders.world()
        try await withLiveServer(world.test.kernel) { client throws in
            let orders = try await PartnerOrders.submitted(world, client)
            _ = try await orders.allocated(client)
            let validated = orders.orders[0].id
            #expect(
                try await client.json(.post, "/api/v1/foodaid/orders/\(validated)/validate", token: world.coordinator.token).status == .ok)
            let cancelled = try await client.json(
                .post, "/api/v1/foodaid/orders/\(validated)/cancel", token: world.coordinator.token,
                body: Cancellation(reason: "association dissoute"))
            #expect(cancelled.status == .ok, "\(cancelled.text)")
            #expect(try cancelled.decode(OrderView.self).status == "cancelled")
            let shipped = try await orders.shipped(client)
            let refused = try await client.json(
                .post, "/api/v1/foodaid/orders/\(shipped)/cancel", token: world.coordinator.token, body: Cancellation(reason: "trop tard"))
            #expect(refused.apiError?.code == "order_not_cancellable")
            #expect(refused.status == .conflict)
        }
    }

    @Test func staffCancelASubmittedOrderAfterTheCutOffBeforeAllocation() async throws {
        let world = try await PartnerOrders.world()
        try await withLiveServer(world.test.kernel) { client throws in
            let orders = try await PartnerOrders.submitted(world, client)
            orders.pastTheCutOff()
            let order = orders.orders[2].id
            let cancelled = try await client.json(
                .post, "/api/v1/foodaid/orders/\(order)/cancel", token: world.coordinator.token, body: Cancellation(reason: "doublon"))
            #expect(cancelled.status == .ok, "\(cancelled.text)")
            // The allocation that follows shares the stock between the two orders left.
            let allocated = try await orders.allocate(client).decode([OrderView].self)
            #expect(Set(allocated.map(\.id)) == Set([orders.orders[0].id, orders.orders[1].id]))
        }
    }

    @Test func aPartnerStillCancelsItsOwnOrderBeforeTheCutOffWithoutABody() async throws {
        let world = try await PartnerOrders.world()
        try await withLiveServer(world.test.kernel) { client throws in
            let orders = try await PartnerOrders.submitted(world, client)
            let order = orders.orders[0].id
            let cancelled = try await client.json(.post, "/api/v1/foodaid/orders/\(order)/cancel", token: world.partners[0].member.token)
            #expect(cancelled.status == .ok, "\(cancelled.text)")
            #expect(try cancelled.decode(OrderView.self).status == "cancelled")
        }
    }
}
