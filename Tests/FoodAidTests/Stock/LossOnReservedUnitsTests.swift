import CollectoKernel
import CollectoTestSupport
import FoodAid
import Foundation
import HTTPTypes
import HummingbirdTesting
import Testing

/// Breakage on units promised to orders is recorded: the free units go first,
/// then the reservations of the latest-submitted orders, each line saying why.
@Suite struct LossOnReservedUnitsTests {
    struct Correction: Encodable { let kind: String; let change: Int; let reason: String }
    typealias OrderView = FoodAidWorld.OrderView

    /// 25 tins of beans in one lot; two partners order 10 each, the second a minute after the first; allocated.
    struct Beans {
        let world: FoodAidWorld
        let lot: Lot
        let first: UUID
        let second: UUID

        static func allocated(_ world: FoodAidWorld, _ client: any TestClientProtocol) async throws -> Beans {
            let beans = try await world.product(client, .init(code: "BEANS", name: "Haricots", category: "dry_grocery", unitWeightKg: 0.4))
            let lot = try await world.receive(client, beans, 25, bestBefore: world.today.adding(days: 100))
            let window = try await world.window(client, hours: 1)
            var orders: [UUID] = []
            for partner in world.partners {
                let draft = FoodAidWorld.DraftBody(
                    organisationId: partner.organisation.id, lines: [.init(productId: beans.id, quantity: 10)])
                let order = try await client.json(
                    .put, "/api/v1/foodaid/windows/\(window.id)/order", token: partner.member.token, body: draft
                ).decode(OrderView.self)
                #expect(
                    try await client.json(.post, "/api/v1/foodaid/orders/\(order.id)/submit", token: partner.member.token).status == .ok)
                orders.append(order.id)
                world.test.clock.advance(by: 60)
            }
            world.test.clock.advance(by: 2 * 3600)
            #expect(
                try await client.json(.post, "/api/v1/foodaid/windows/\(window.id)/allocate", token: world.coordinator.token).status == .ok)
            return Beans(world: world, lot: lot, first: orders[0], second: orders[1])
        }

        func loss(_ client: any TestClientProtocol, _ units: Int, _ reason: String = "carton écrasé") async throws -> TestResponse {
            try await client.json(
                .post, "/api/v1/foodaid/lots/\(lot.id)/corrections", token: world.coordinator.token,
                body: Correction(kind: "loss", change: -units, reason: reason))
        }

        /// The order's only line as its partner reads it.
        func line(_ client: any TestClientProtocol, _ order: UUID, partner: Int) async throws -> OrderView.Line {
            let view = try await client.json(.get, "/api/v1/foodaid/orders/\(order)", token: world.partners[partner].member.token)
            return try #require(try view.decode(OrderView.self).lines.first)
        }
    }

    @Test func aLossOnReservedUnitsTakesThemFromTheLatestSubmittedOrderAndTellsItsLine() async throws {
        let world = try await FoodAidWorld.make(households: [10, 10])
        try await withLiveServer(world.test.kernel) { client throws in
            let beans = try await Beans.allocated(world, client)
            // Five units are free: a loss of three touches no order.
            let small = try await beans.loss(client, 3)
            #expect(small.status == .ok, "\(small.text)")
            #expect(try small.decode(Lot.self).onHand == 22)
            #expect(try small.decode(Lot.self).reserved == 20)
            #expect(try await beans.line(client, beans.second, partner: 1).allocated == 10)

            // Seven more: two free, five taken from the second order.
            let larger = try await beans.loss(client, 7, "carton écrasé au quai")
            #expect(larger.status == .ok, "\(larger.text)")
            #expect(try larger.decode(Lot.self).onHand == 15)
            #expect(try larger.decode(Lot.self).reserved == 15)
            let second = try await beans.line(client, beans.second, partner: 1)
            #expect(second.allocated == 5)
            #expect(second.allocationNote?.contains("carton écrasé au quai") == true)
            let first = try await beans.line(client, beans.first, partner: 0)
            #expect(first.allocated == 10)
            #expect(first.allocationNote?.contains("loss") != true)

            // Eight more: the second order's last five, then three of the first's.
            let more = try await beans.loss(client, 8)
            #expect(more.status == .ok, "\(more.text)")
            #expect(try more.decode(Lot.self).onHand == 7)
            #expect(try more.decode(Lot.self).reserved == 7)
            #expect(try await beans.line(client, beans.second, partner: 1).allocated == 0)
            #expect(try await beans.line(client, beans.first, partner: 0).allocated == 7)
            struct Pick: Decodable { let lotId: UUID; let units: Int }
            let picks = try await client.json(
                .get, "/api/v1/foodaid/orders/\(beans.first)/picking-list", token: world.coordinator.token
            ).decode([Pick].self)
            #expect(picks.map(\.units) == [7])

            // More than is on hand is still refused.
            #expect(try await beans.loss(client, 8).apiError?.code == "stock_insufficient")
        }
    }
}
