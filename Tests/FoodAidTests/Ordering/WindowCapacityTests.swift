import CollectoKernel
import CollectoTestSupport
import FoodAid
import Foundation
import HTTPTypes
import HummingbirdTesting
import Testing

/// A window closes early when the warehouse's preparation capacity is reached.
@Suite struct WindowCapacityTests {
    typealias DraftBody = FoodAidWorld.DraftBody
    typealias OrderView = FoodAidWorld.OrderView

    @Test func aWindowRefusesOrdersPastItsPreparationWeightAndClosesWhenFull() async throws {
        let world = try await FoodAidWorld.make(households: [10, 10, 10])
        try await withAPI(world.test.kernel) { client throws in
            let flour = try await world.product(client, .init(code: "FLOUR", name: "Farine 1 kg", category: "dry_grocery", unitWeightKg: 1))
            _ = try await world.receive(client, flour, 100, bestBefore: world.today.adding(days: 200))
            let window = try await world.window(client, maxKg: 15)
            func submit(_ index: Int, units: Int) async throws -> TestResponse {
                let partner = world.partners[index]
                let saved = try await client.json(
                    .put, "/api/v1/foodaid/windows/\(window.id)/order", token: partner.member.token,
                    body: DraftBody(organisationId: partner.organisation.id, lines: [.init(productId: flour.id, quantity: units)]))
                #expect(saved.status == .ok, "\(saved.text)")
                let order = try saved.decode(OrderView.self)
                return try await client.json(.post, "/api/v1/foodaid/orders/\(order.id)/submit", token: partner.member.token)
            }
            #expect(try await submit(0, units: 12).status == .ok)
            let tooHeavy = try await submit(1, units: 5)
            #expect(tooHeavy.status == .conflict)
            #expect(tooHeavy.apiError?.code == "window_full")
            #expect(tooHeavy.apiError?.message.contains("3 kg remain") == true, "\(tooHeavy.text)")
            // The values a page needs to say it in French come as fields, not only in the English sentence.
            #expect(tooHeavy.apiError?.values?["windowId"] == .text(window.id.uuidString.lowercased()))
            #expect(tooHeavy.apiError?.values?["remainingKg"]?.number == 3)
            // The window stays open for an order that fits, and is full once the capacity is used.
            #expect(try await submit(1, units: 3).status == .ok)
            let windows = try await client.json(.get, "/api/v1/foodaid/windows", token: world.coordinator.token)
            struct WindowStatus: Decodable { let id: UUID; let status: String }
            let status = try windows.decode([WindowStatus].self).first { $0.id == window.id }?.status
            #expect(status == "full")
            let late = try await client.json(
                .put, "/api/v1/foodaid/windows/\(window.id)/order", token: world.partners[2].member.token,
                body: DraftBody(organisationId: world.partners[2].organisation.id, lines: [.init(productId: flour.id, quantity: 1)]))
            #expect(late.apiError?.code == "window_full")
        }
    }
}
