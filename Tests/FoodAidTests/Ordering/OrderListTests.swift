import CollectoKernel
import CollectoTestSupport
import FoodAid
import Foundation
import HTTPTypes
import HummingbirdTesting
import Testing

/// The order list: filtered and paged, and a partner's view holds only its own orders.
@Suite struct OrderListTests {
    typealias DraftBody = FoodAidWorld.DraftBody
    typealias OrderView = FoodAidWorld.OrderView

    @Test func ordersAreFilteredByStatusAndPartnerAndPartnersSeeOnlyTheirOwn() async throws {
        let world = try await FoodAidWorld.make(households: [10, 20])
        try await withAPI(world.test.kernel) { client throws in
            let rice = try await world.product(client, .init(code: "RICE", name: "Riz", category: "dry_grocery", unitWeightKg: 1))
            let window = try await world.window(client)
            var orders: [UUID] = []
            for partner in world.partners {
                let saved = try await client.json(
                    .put, "/api/v1/foodaid/windows/\(window.id)/order", token: partner.member.token,
                    body: DraftBody(organisationId: partner.organisation.id, lines: [.init(productId: rice.id, quantity: 2)]))
                orders.append(try saved.decode(OrderView.self).id)
            }
            let submit = try await client.json(.post, "/api/v1/foodaid/orders/\(orders[0])/submit", token: world.partners[0].member.token)
            #expect(submit.status == .ok)

            func list(_ query: String, token: String) async throws -> [OrderView] {
                let response = try await client.json(.get, "/api/v1/foodaid/orders?\(query)", token: token)
                #expect(response.status == .ok, "\(response.text)")
                return try response.decode([OrderView].self)
            }
            let bank = world.coordinator.token
            #expect(try await list("windowId=\(window.id)", token: bank).count == 2)
            #expect(try await list("windowId=\(window.id)&status=submitted", token: bank).map(\.id) == [orders[0]])
            #expect(try await list("windowId=\(window.id)&status=draft", token: bank).map(\.id) == [orders[1]])
            #expect(try await list("windowId=\(window.id)&limit=1&offset=1", token: bank).count == 1)
            let first = world.partners[0]
            #expect(try await list("windowId=\(window.id)", token: first.member.token).map(\.id) == [orders[0]])
            let other = world.partners[1].organisation.id
            #expect(try await list("organisationId=\(other)", token: first.member.token).isEmpty)
            #expect(try await list("organisationId=\(other)", token: bank).map(\.id) == [orders[1]])
            let bad = try await client.json(.get, "/api/v1/foodaid/orders?status=lost", token: bank)
            #expect(bad.status == .unprocessableContent)
            #expect(bad.apiError?.field == "status")
        }
    }
}
