import CollectoKernel
import CollectoTestSupport
import FoodAid
import Foundation
import HTTPTypes
import HummingbirdTesting
import Testing

/// Partners' orders in a window through the HTTP API of a live server, up to
/// the allocation: who sees which order, what the cut-off closes, how scarce
/// and plentiful stock is shared, and which lots are reserved. Shipping is in
/// `OrderShippingTests`, the rules on a draft order in `OrderingRulesTests`.
@Suite struct OrderingFlowTests {
    typealias DraftBody = FoodAidWorld.DraftBody
    typealias OrderView = FoodAidWorld.OrderView

    @Test func aPartnerSeesOnlyItsOwnOrders() async throws {
        let world = try await PartnerOrders.world()
        try await withLiveServer(world.test.kernel) { client throws in
            let orders = try await PartnerOrders.submitted(world, client).orders
            let own = try await client.json(.get, "/api/v1/foodaid/orders", token: world.partners[0].member.token).decode([OrderView].self)
            #expect(own.map(\.id) == [orders[0].id])
            #expect(
                try await client.json(.get, "/api/v1/foodaid/orders/\(orders[1].id)", token: world.partners[0].member.token).status
                    == .notFound)
        }
    }

    @Test func allocationWaitsForTheCutOff() async throws {
        let world = try await PartnerOrders.world()
        try await withLiveServer(world.test.kernel) { client throws in
            #expect(try await PartnerOrders.submitted(world, client).allocate(client).status == .conflict)
        }
    }

    @Test func anOrderCannotBeCancelledAfterTheCutOff() async throws {
        let world = try await PartnerOrders.world()
        try await withLiveServer(world.test.kernel) { client throws in
            let orders = try await PartnerOrders.submitted(world, client)
            orders.pastTheCutOff()
            let cancelled = try await client.json(
                .post, "/api/v1/foodaid/orders/\(orders.orders[0].id)/cancel", token: world.partners[0].member.token)
            #expect(cancelled.apiError?.code == "after_cutoff")
        }
    }

    @Test func scarceStockIsSharedInProportionToHouseholds() async throws {
        let world = try await PartnerOrders.world()
        try await withLiveServer(world.test.kernel) { client throws in
            let orders = try await PartnerOrders.submitted(world, client)
            let allocated = try await orders.allocated(client)
            // 150 packs of pasta asked for, 60 in stock, to partners of 100, 200 and 300 households.
            #expect(orders.shares(of: orders.pasta, in: allocated) == [10, 20, 30])
            #expect(
                allocated.byPartner[world.partners[0].organisation.id]!.lines.first { $0.productId == orders.pasta.id }!.allocationNote?
                    .contains("households") == true)
        }
    }

    @Test func plentifulStockServesEveryOrderInFull() async throws {
        let world = try await PartnerOrders.world()
        try await withLiveServer(world.test.kernel) { client throws in
            let orders = try await PartnerOrders.submitted(world, client)
            #expect(orders.shares(of: orders.milk, in: try await orders.allocated(client)) == [10, 10, 10])
        }
    }

    @Test func reservationsTakeTheLotThatExpiresFirstBeforeTheLaterOne() async throws {
        let world = try await PartnerOrders.world()
        try await withLiveServer(world.test.kernel) { client throws in
            let orders = try await PartnerOrders.submitted(world, client)
            let picks = try await orders.allocated(client).pastaPicks
            #expect(picks.values.reduce(0) { $0 + ($1[orders.early.id] ?? 0) } == 20)
            #expect(picks.values.reduce(0) { $0 + ($1[orders.late.id] ?? 0) } == 40)
        }
    }

    @Test func aPartnerCannotReadThePickingListOfItsOrder() async throws {
        let world = try await PartnerOrders.world()
        try await withLiveServer(world.test.kernel) { client throws in
            let orders = try await PartnerOrders.submitted(world, client)
            _ = try await orders.allocated(client)
            let order = orders.orders[2].id
            #expect(
                try await client.json(.get, "/api/v1/foodaid/orders/\(order)/picking-list", token: world.partners[2].member.token).status
                    == .forbidden)
        }
    }

    @Test func concurrentAllocationsNeverReserveMoreThanStock() async throws {
        let world = try await FoodAidWorld.make(households: [10, 10])
        let (windows, product) = try await withLiveServerValue(world) { client in
            let oil = try await world.product(client, .init(code: "OIL", name: "Huile", category: "dry_grocery", unitWeightKg: 0.92))
            _ = try await world.receive(client, oil, 10, bestBefore: world.today.adding(days: 300))
            var windows: [UUID] = []
            for partner in world.partners {
                let window = try await world.window(client, hours: 1)
                let draft = DraftBody(organisationId: partner.organisation.id, lines: [.init(productId: oil.id, quantity: 8)])
                let order = try await client.json(
                    .put, "/api/v1/foodaid/windows/\(window.id)/order", token: partner.member.token, body: draft
                ).decode(OrderView.self)
                #expect(
                    try await client.json(.post, "/api/v1/foodaid/orders/\(order.id)/submit", token: partner.member.token).status == .ok)
                windows.append(window.id)
            }
            return (windows, oil)
        }
        world.test.clock.advance(by: 2 * 3600)
        try await withLiveServer(world.test.kernel) { client throws in
            let statuses = try await withThrowingTaskGroup(of: HTTPResponse.Status.self) { group in
                for window in windows {
                    group.addTask {
                        try await client.json(.post, "/api/v1/foodaid/windows/\(window)/allocate", token: world.coordinator.token).status
                    }
                }
                return try await group.reduce(into: [HTTPResponse.Status]()) { $0.append($1) }
            }
            #expect(statuses.allSatisfy { $0 == .ok })
        }
        let reserved = try await world.test.kernel.units.read { db in
            try await db.scalarInt("SELECT SUM(reserved) FROM foodaid_lots WHERE product_id = ?", [product.id])
        }
        #expect(reserved == 10)
    }
}

/// Runs `body` on a live server and returns what it returns.
func withLiveServerValue<T: Sendable>(_ world: FoodAidWorld, _ body: @escaping @Sendable (any TestClientProtocol) async throws -> T)
    async throws -> T
{
    try await testApplication(world.test.kernel).test(.live) { client in try await body(client) }
}
