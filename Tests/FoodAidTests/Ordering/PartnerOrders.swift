import CollectoKernel
import CollectoTestSupport
import FoodAid
import Foundation
import HTTPTypes
import HummingbirdTesting
import Testing

/// Scarce pasta (60 packs in two lots, the earlier one expiring in 30 days)
/// and plentiful milk at a food bank whose three partners (100, 200 and 300
/// households) each order 50 packs of pasta and 10 bottles of milk in a window
/// closing within the hour — and the steps that follow through the HTTP API,
/// each building on the one before, for the ordering flow and shipping tests.
struct PartnerOrders {
    typealias DraftBody = FoodAidWorld.DraftBody
    typealias OrderView = FoodAidWorld.OrderView
    let world: FoodAidWorld
    let pasta: Product
    let milk: Product
    let late: Lot
    let early: Lot
    let window: FoodAidWorld.OrderingWindowRef
    /// One submitted order per partner, in the partners' order.
    let orders: [OrderView]

    /// The orders once the window has closed and the food bank has allocated its stock.
    struct Allocated {
        let byPartner: [UUID: OrderView]
        /// The pasta to pick for each order, lot by lot, read before anything ships.
        let pastaPicks: [UUID: [UUID: Int]]
    }

    /// The food bank and its three partners, before the server starts.
    static func world() async throws -> FoodAidWorld {
        try await FoodAidWorld.make(households: [100, 200, 300])
    }

    /// The third partner's order submitted, allocated and shipped: its id.
    static func shippedOrder(_ world: FoodAidWorld, _ client: any TestClientProtocol) async throws -> UUID {
        let orders = try await submitted(world, client)
        _ = try await orders.allocated(client)
        return try await orders.shipped(client)
    }

    static func submitted(_ world: FoodAidWorld, _ client: any TestClientProtocol) async throws -> PartnerOrders {
        let pasta = try await world.product(
            client, .init(code: "DRY-PASTA-1KG", name: "Pâtes 1 kg", category: "dry_grocery", unitWeightKg: 1))
        let milk = try await world.product(client, .init(code: "MILK-1L", name: "Lait 1 L", category: "dairy", unitWeightKg: 1.03))
        let late = try await world.receive(client, pasta, 40, bestBefore: world.today.adding(days: 200))
        let early = try await world.receive(client, pasta, 20, bestBefore: world.today.adding(days: 30))
        _ = try await world.receive(client, milk, 500, useBy: world.today.adding(days: 20))
        let window = try await world.window(client, hours: 1)
        var orders: [OrderView] = []
        for partner in world.partners {
            let draft = DraftBody(
                organisationId: partner.organisation.id,
                lines: [.init(productId: pasta.id, quantity: 50), .init(productId: milk.id, quantity: 10)])
            let saved = try await client.json(.put, "/api/v1/foodaid/windows/\(window.id)/order", token: partner.member.token, body: draft)
            #expect(saved.status == .ok, "\(saved.text)")
            let order = try saved.decode(OrderView.self)
            #expect(try await client.json(.post, "/api/v1/foodaid/orders/\(order.id)/submit", token: partner.member.token).status == .ok)
            orders.append(order)
        }
        return PartnerOrders(world: world, pasta: pasta, milk: milk, late: late, early: early, window: window, orders: orders)
    }

    func allocate(_ client: any TestClientProtocol) async throws -> TestResponse {
        try await client.json(.post, "/api/v1/foodaid/windows/\(window.id)/allocate", token: world.coordinator.token)
    }

    /// Two hours on: past the window's cut-off.
    func pastTheCutOff() {
        world.test.clock.advance(by: 2 * 3600)
    }

    func allocated(_ client: any TestClientProtocol) async throws -> Allocated {
        pastTheCutOff()
        let allocated = try await allocate(client)
        #expect(allocated.status == .ok, "\(allocated.text)")
        let byPartner = Dictionary(uniqueKeysWithValues: try allocated.decode([OrderView].self).map { ($0.organisationId, $0) })
        struct Pick: Decodable { let lotId: UUID; let units: Int; let productId: UUID }
        var pastaPicks: [UUID: [UUID: Int]] = [:]
        for placed in orders {
            let picks = try await client.json(.get, "/api/v1/foodaid/orders/\(placed.id)/picking-list", token: world.coordinator.token)
                .decode([Pick].self)
            for pick in picks where pick.productId == pasta.id {
                pastaPicks[placed.id, default: [:]][pick.lotId, default: 0] += pick.units
            }
        }
        return Allocated(byPartner: byPartner, pastaPicks: pastaPicks)
    }

    /// What each partner was allocated of `product`, in the partners' order.
    func shares(of product: Product, in allocated: Allocated) -> [Int?] {
        world.partners.map { partner in allocated.byPartner[partner.organisation.id]!.lines.first { $0.productId == product.id }!.allocated
        }
    }

    /// The third partner's order, the largest, validated, prepared and shipped by the food bank.
    func shipped(_ client: any TestClientProtocol) async throws -> UUID {
        let order = orders[2].id
        for step in ["validate", "prepare", "ship"] {
            let response = try await client.json(.post, "/api/v1/foodaid/orders/\(order)/\(step)", token: world.coordinator.token)
            #expect(response.status == .ok, "\(step): \(response.text)")
        }
        return order
    }

    /// The third partner records what arrived: all the pasta, and nine bottles of milk out of ten.
    func receive(_ client: any TestClientProtocol, _ order: UUID) async throws -> TestResponse {
        struct Receipt: Encodable {
            struct Line: Encodable { let productId: UUID; let received: Int; let receivedKg: Double?; let discrepancy: String? }
            let lines: [Line]
        }
        let receipt = Receipt(lines: [
            .init(productId: pasta.id, received: 30, receivedKg: 30, discrepancy: nil),
            .init(productId: milk.id, received: 9, receivedKg: 9.3, discrepancy: "one bottle broken"),
        ])
        return try await client.json(.post, "/api/v1/foodaid/orders/\(order)/receive", token: world.partners[2].member.token, body: receipt)
    }

    func close(_ client: any TestClientProtocol, _ order: UUID) async throws -> TestResponse {
        try await client.json(.post, "/api/v1/foodaid/orders/\(order)/close", token: world.coordinator.token)
    }

    /// Allocated, the third partner's order shipped, received and closed.
    func closed(_ client: any TestClientProtocol) async throws -> (allocated: Allocated, order: UUID) {
        let allocated = try await self.allocated(client)
        let order = try await shipped(client)
        #expect(try await receive(client, order).decode(OrderView.self).status == "received")
        #expect(try await close(client, order).status == .ok)
        return (allocated, order)
    }
}
