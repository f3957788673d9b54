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

    @Test func aPartnersPageOfOrdersCountsItsOwnOrdersOnlyAndLinksToTheRest() async throws {
        let world = try await FoodAidWorld.make(households: [10, 20])
        try await withAPI(world.test.kernel) { client throws in
            let rice = try await world.product(client, .init(code: "RICE", name: "Riz", category: "dry_grocery", unitWeightKg: 1))
            // Three windows, an order of each partner in each: six orders, three of each partner.
            for _ in 0..<3 {
                let window = try await world.window(client)
                for partner in world.partners {
                    let saved = try await client.json(
                        .put, "/api/v1/foodaid/windows/\(window.id)/order", token: partner.member.token,
                        body: DraftBody(organisationId: partner.organisation.id, lines: [.init(productId: rice.id, quantity: 2)]))
                    #expect(saved.status == .ok, "\(saved.text)")
                }
            }
            let first = world.partners[0]
            let own = try await client.json(.get, "/api/v1/foodaid/orders?limit=2", token: first.member.token)
            #expect(try own.decode([OrderView].self).map(\.organisationId) == [first.organisation.id, first.organisation.id])
            #expect(own.headers[.totalCount] == "3")
            #expect(own.headers[.link] == "</api/v1/foodaid/orders?limit=2&offset=2>; rel=\"next\"")
            let rest = try await client.json(.get, "/api/v1/foodaid/orders?limit=2&offset=2", token: first.member.token)
            #expect(try rest.decode([OrderView].self).map(\.organisationId) == [first.organisation.id])
            #expect(rest.headers[.totalCount] == "3")
            #expect(rest.headers[.link] == "</api/v1/foodaid/orders?limit=2&offset=0>; rel=\"prev\"")
            // Asking for the other partner's orders counts none of them.
            let other = world.partners[1].organisation.id
            let theirs = try await client.json(.get, "/api/v1/foodaid/orders?organisationId=\(other)", token: first.member.token)
            #expect(try theirs.decode([OrderView].self).isEmpty)
            #expect(theirs.headers[.totalCount] == "0")
            // The food bank counts every partner's, or one partner's when it asks, and the filter stays in the link.
            let bank = world.coordinator.token
            let all = try await client.json(.get, "/api/v1/foodaid/orders?limit=4", token: bank)
            #expect(all.headers[.totalCount] == "6")
            let one = try await client.json(.get, "/api/v1/foodaid/orders?organisationId=\(other)&limit=1", token: bank)
            #expect(one.headers[.totalCount] == "3")
            #expect(one.headers[.link] == "</api/v1/foodaid/orders?organisationId=\(other)&limit=1&offset=1>; rel=\"next\"")
        }
    }
}
