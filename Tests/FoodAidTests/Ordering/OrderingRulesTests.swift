import CollectoKernel
import CollectoTestSupport
import FoodAid
import Foundation
import HTTPTypes
import HummingbirdTesting
import Testing

/// The rules on a partner's draft order, through the HTTP API of a live server:
/// whole units within a product's limit, active products only, for the
/// partner's own organisation, a soft quota to acknowledge, and a window that
/// takes a limited number of orders.
@Suite struct OrderingRulesTests {
    typealias DraftBody = FoodAidWorld.DraftBody
    typealias OrderView = FoodAidWorld.OrderView

    /// Rice (at most 20 an order, 100 in stock) and an inactive product, in a window that takes one order, for two partners.
    private struct RiceWindow {
        let world: FoodAidWorld
        let client: any TestClientProtocol
        let rice: Product
        let old: Product
        let window: FoodAidWorld.OrderingWindowRef
        var partner: (organisation: Organisation, site: Site, member: (user: User, token: String)) { world.partners[0] }
        var other: (organisation: Organisation, site: Site, member: (user: User, token: String)) { world.partners[1] }

        static func make(_ world: FoodAidWorld, _ client: any TestClientProtocol) async throws -> RiceWindow {
            let rice = try await world.product(
                client, .init(code: "RICE", name: "Riz", category: "dry_grocery", unitWeightKg: 1, maxPerOrder: 20))
            let old = try await world.product(
                client, .init(code: "OLD", name: "Ancien", category: "dry_grocery", unitWeightKg: 1, active: false))
            _ = try await world.receive(client, rice, 100, bestBefore: world.today.adding(days: 90))
            let window = try await world.window(client, maxOrders: 1)
            return RiceWindow(world: world, client: client, rice: rice, old: old, window: window)
        }

        /// A soft quota of `units` of rice a window for the first partner, set by the food bank's coordinator.
        func setQuota(_ units: Int) async throws {
            let set = try await client.json(
                .put, "/api/v1/foodaid/partners/\(partner.organisation.id)/quotas/\(rice.id)", token: world.coordinator.token,
                body: ["unitsPerWindow": units])
            #expect(set.status == .ok)
        }

        /// Saves a draft order, by the first partner unless told otherwise.
        func draft(_ lines: [DraftBody.Line], for organisation: UUID? = nil, token: String? = nil) async throws -> TestResponse {
            try await client.json(
                .put, "/api/v1/foodaid/windows/\(window.id)/order", token: token ?? partner.member.token,
                body: DraftBody(organisationId: organisation ?? partner.organisation.id, lines: lines))
        }
    }

    private func withRiceWindow(_ body: @escaping @Sendable (RiceWindow) async throws -> Void) async throws {
        let world = try await FoodAidWorld.make(households: [50, 50])
        try await withLiveServer(world.test.kernel) { client throws in try await body(try await RiceWindow.make(world, client)) }
    }

    @Test func aLineAsksForAWholeNumberOfUnitsFromOneToTheProductsLimit() async throws {
        try await withRiceWindow { order throws in
            #expect(try await order.draft([.init(productId: order.rice.id, quantity: 0)]).apiError?.field == "lines[0].quantity")
            #expect(try await order.draft([.init(productId: order.rice.id, quantity: 21)]).apiError?.field == "lines[0].quantity")
            let halfUnit = try await order.client.json(
                .put, "/api/v1/foodaid/windows/\(order.window.id)/order", token: order.partner.member.token,
                raw:
                    #"{"organisationId": "\#(order.partner.organisation.id)", "lines": [{"productId": "\#(order.rice.id)", "quantity": 1.5}]}"#
            )
            #expect(halfUnit.apiError?.field == "lines[0].quantity")
        }
    }

    @Test func anInactiveProductCannotBeOrdered() async throws {
        try await withRiceWindow { order throws in
            #expect(try await order.draft([.init(productId: order.old.id, quantity: 1)]).apiError?.field == "lines[0].productId")
        }
    }

    @Test func aPartnerCannotOrderForAnotherOrganisation() async throws {
        try await withRiceWindow { order throws in
            #expect(
                try await order.draft([.init(productId: order.rice.id, quantity: 1)], for: order.other.organisation.id).status == .forbidden
            )
        }
    }

    @Test func aSoftQuotaWarnsAndAcknowledgingItGoesThrough() async throws {
        try await withRiceWindow { order throws in
            try await order.setQuota(10)
            #expect(try await order.draft([.init(productId: order.rice.id, quantity: 12)]).apiError?.code == "quota_exceeded")
            let acknowledged = try await order.draft([.init(productId: order.rice.id, quantity: 12, acknowledgeQuota: true)])
            #expect(acknowledged.status == .ok)
        }
    }

    @Test func aWindowThatTakesOneOrderIsFullOnceThatOneIsSubmitted() async throws {
        try await withRiceWindow { order throws in
            try await order.setQuota(10)
            let acknowledged = try await order.draft([.init(productId: order.rice.id, quantity: 12, acknowledgeQuota: true)])
            let placed = try acknowledged.decode(OrderView.self)
            #expect(
                try await order.client.json(.post, "/api/v1/foodaid/orders/\(placed.id)/submit", token: order.partner.member.token).status
                    == .ok)
            let full = try await order.draft(
                [.init(productId: order.rice.id, quantity: 1)], for: order.other.organisation.id, token: order.other.member.token)
            #expect(full.apiError?.code == "window_full")
        }
    }
}
