import CollectoKernel
import CollectoTestSupport
import FoodAid
import Foundation
import HTTPTypes
import HummingbirdTesting
import Testing

/// The stock list: first to expire first, paged, for the food bank's staff.
@Suite struct LotListTests {
    @Test func lotsAreListedFirstExpiredFirstAndPaged() async throws {
        let world = try await FoodAidWorld.make(households: [10])
        try await withAPI(world.test.kernel) { client throws in
            let milk = try await world.product(client, .init(code: "MILK", name: "Lait", category: "dairy", unitWeightKg: 1))
            let pasta = try await world.product(client, .init(code: "PASTA", name: "Pâtes", category: "dry_grocery", unitWeightKg: 0.5))
            let late = try await world.receive(client, milk, 10, useBy: world.today.adding(days: 10))
            let soon = try await world.receive(client, pasta, 10, bestBefore: world.today.adding(days: 3))
            let middle = try await world.receive(client, milk, 10, useBy: world.today.adding(days: 5))
            let token = world.coordinator.token
            let all = try await client.json(.get, "/api/v1/foodaid/lots", token: token).decode([Lot].self)
            #expect(all.map(\.id) == [soon.id, middle.id, late.id])
            let second = try await client.json(.get, "/api/v1/foodaid/lots?limit=1&offset=1", token: token).decode([Lot].self)
            #expect(second.map(\.id) == [middle.id])
            let milkOnly = try await client.json(.get, "/api/v1/foodaid/lots?productId=\(milk.id)", token: token).decode([Lot].self)
            #expect(milkOnly.map(\.id) == [middle.id, late.id])
            #expect(try await client.json(.get, "/api/v1/foodaid/lots", token: world.partners[0].member.token).status == .forbidden)
        }
    }
}
