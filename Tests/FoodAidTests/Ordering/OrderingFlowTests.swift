import CollectoKernel
import CollectoTestSupport
import FoodAid
import Foundation
import HTTPTypes
import HummingbirdTesting
import Testing

/// The partner supply chain through the HTTP API, on a live server.
@Suite struct OrderingFlowTests {
    typealias DraftBody = FoodAidWorld.DraftBody
    typealias OrderView = FoodAidWorld.OrderView

    @Test func partnersOrderInAWindowAndScarceStockIsSharedByHouseholdsThenShippedFEFO() async throws {
        let world = try await FoodAidWorld.make(households: [100, 200, 300])
        try await withLiveServer(world.test.kernel) { client throws in
            let pasta = try await world.product(
                client, .init(code: "DRY-PASTA-1KG", name: "Pâtes 1 kg", category: "dry_grocery", unitWeightKg: 1))
            let milk = try await world.product(client, .init(code: "MILK-1L", name: "Lait 1 L", category: "dairy", unitWeightKg: 1.03))
            let late = try await world.receive(client, pasta, 40, bestBefore: world.today.adding(days: 200))
            let early = try await world.receive(client, pasta, 20, bestBefore: world.today.adding(days: 30))
            _ = try await world.receive(client, milk, 500, useBy: world.today.adding(days: 20))
            let window = try await world.window(client, hours: 1)

            // Each partner asks for 50 packs of pasta (150 asked, 60 in stock) and 10 of milk.
            var orders: [OrderView] = []
            for partner in world.partners {
                let draft = DraftBody(
                    organisationId: partner.organisation.id,
                    lines: [.init(productId: pasta.id, quantity: 50), .init(productId: milk.id, quantity: 10)])
                let saved = try await client.json(
                    .put, "/api/v1/foodaid/windows/\(window.id)/order", token: partner.member.token, body: draft)
                #expect(saved.status == .ok, "\(saved.text)")
                let order = try saved.decode(OrderView.self)
                #expect(
                    try await client.json(.post, "/api/v1/foodaid/orders/\(order.id)/submit", token: partner.member.token).status == .ok)
                orders.append(order)
            }
            // A partner sees only its own orders.
            let own = try await client.json(.get, "/api/v1/foodaid/orders", token: world.partners[0].member.token).decode([OrderView].self)
            #expect(own.map(\.id) == [orders[0].id])
            #expect(
                try await client.json(.get, "/api/v1/foodaid/orders/\(orders[1].id)", token: world.partners[0].member.token).status
                    == .notFound)

            // Allocation waits for the cut-off.
            #expect(
                try await client.json(.post, "/api/v1/foodaid/windows/\(window.id)/allocate", token: world.coordinator.token).status
                    == .conflict)
            world.test.clock.advance(by: 2 * 3600)
            let late1 = try await client.json(.post, "/api/v1/foodaid/orders/\(orders[0].id)/cancel", token: world.partners[0].member.token)
            #expect(late1.apiError?.code == "after_cutoff")
            let allocated = try await client.json(.post, "/api/v1/foodaid/windows/\(window.id)/allocate", token: world.coordinator.token)
            #expect(allocated.status == .ok, "\(allocated.text)")
            let byPartner = Dictionary(uniqueKeysWithValues: try allocated.decode([OrderView].self).map { ($0.organisationId, $0) })
            let pastaShares = world.partners.map { partner in
                byPartner[partner.organisation.id]!.lines.first { $0.productId == pasta.id }!.allocated
            }
            #expect(pastaShares == [10, 20, 30])
            let milkShares = world.partners.map { partner in
                byPartner[partner.organisation.id]!.lines.first { $0.productId == milk.id }!.allocated
            }
            #expect(milkShares == [10, 10, 10])
            #expect(
                byPartner[world.partners[0].organisation.id]!.lines.first { $0.productId == pasta.id }!.allocationNote?.contains(
                    "households") == true)

            // Reservations take the lot that expires first before the later one.
            let order = orders[2].id
            struct Pick: Decodable { let lotId: UUID; let units: Int; let productId: UUID }
            var pastaPicks: [UUID: [UUID: Int]] = [:]
            for placed in orders {
                let picks = try await client.json(.get, "/api/v1/foodaid/orders/\(placed.id)/picking-list", token: world.coordinator.token)
                    .decode([Pick].self)
                for pick in picks where pick.productId == pasta.id {
                    pastaPicks[placed.id, default: [:]][pick.lotId, default: 0] += pick.units
                }
            }
            #expect(pastaPicks.values.reduce(0) { $0 + ($1[early.id] ?? 0) } == 20)
            #expect(pastaPicks.values.reduce(0) { $0 + ($1[late.id] ?? 0) } == 40)
            #expect(
                try await client.json(.get, "/api/v1/foodaid/orders/\(order)/picking-list", token: world.partners[2].member.token).status
                    == .forbidden)

            for step in ["validate", "prepare", "ship"] {
                let response = try await client.json(.post, "/api/v1/foodaid/orders/\(order)/\(step)", token: world.coordinator.token)
                #expect(response.status == .ok, "\(step): \(response.text)")
            }
            let note = try await client.json(.get, "/api/v1/foodaid/orders/\(order)/delivery-note", token: world.partners[2].member.token)
            #expect(note.headers[.contentType]?.hasPrefix("text/html") == true)
            // A printable document loads nothing from elsewhere, cannot be framed and sends no referrer.
            #expect(note.headers[.contentSecurityPolicy]?.contains("frame-ancestors 'none'") == true)
            #expect(note.headers[.contentSecurityPolicy]?.contains("default-src 'none'") == true)
            #expect(note.headers[HTTPField.Name("Referrer-Policy")!] == "no-referrer")
            #expect(note.headers[.cacheControl] == "no-store")
            #expect(note.text.contains("Pâtes 1 kg"))
            #expect(note.text.contains("<th class=\"number\">40</th>"))
            #expect(note.text.contains(world.partners[2].organisation.name))
            #expect(
                try await client.json(.get, "/api/v1/foodaid/orders/\(order)/delivery-note", token: world.partners[0].member.token).status
                    == .notFound)
            let shipped = try await client.json(.get, "/api/v1/foodaid/orders/\(order)", token: world.partners[2].member.token).decode(
                OrderView.self)
            #expect(shipped.status == "shipped")
            let task = try await client.json(.get, "/api/v1/tasks/\(try #require(shipped.taskId))", token: world.coordinator.token).decode(
                LogisticsTask.self)
            #expect(task.kind == "foodaid.partner_delivery")
            #expect(task.drop?.siteId == world.partners[2].site.id)
            #expect(abs(task.kg - (30 + 10 * 1.03)) < 0.001)

            struct Receipt: Encodable {
                struct Line: Encodable { let productId: UUID; let received: Int; let receivedKg: Double?; let discrepancy: String? }
                let lines: [Line]
            }
            let receipt = Receipt(lines: [
                .init(productId: pasta.id, received: 30, receivedKg: 30, discrepancy: nil),
                .init(productId: milk.id, received: 9, receivedKg: 9.3, discrepancy: "one bottle broken"),
            ])
            let received = try await client.json(
                .post, "/api/v1/foodaid/orders/\(order)/receive", token: world.partners[2].member.token, body: receipt)
            #expect(try received.decode(OrderView.self).status == "received")
            #expect(try await client.json(.post, "/api/v1/foodaid/orders/\(order)/close", token: world.coordinator.token).status == .ok)

            // Stock on hand is the sum of movements, lot by lot, and the early lot is empty.
            let sums = try await world.test.kernel.units.read { db in
                try await db.query(
                    """
                    SELECT l.id, l.on_hand, l.reserved, SUM(m.on_hand_change) AS moved, SUM(m.reserved_change) AS held
                    FROM foodaid_lots l JOIN foodaid_movements m ON m.lot_id = l.id GROUP BY l.id, l.on_hand, l.reserved
                    """)
            }
            for row in sums {
                #expect(try row.int("on_hand") == row.int("moved"))
                #expect(try row.int("reserved") == row.int("held"))
            }
            let pastaLots = try await world.test.kernel.units.read { db in
                try await db.query("SELECT id, on_hand, reserved FROM foodaid_lots WHERE product_id = ?", [pasta.id]).map {
                    (try $0.uuid("id"), try $0.int("on_hand"), try $0.int("reserved"))
                }
            }
            let shippedPasta = (pastaPicks[order] ?? [:])
            for (lot, onHand, reserved) in pastaLots {
                let initial = lot == early.id ? 20 : 40
                #expect(onHand == initial - (shippedPasta[lot] ?? 0))
                #expect(reserved == initial - (shippedPasta[lot] ?? 0))
            }
        }
    }

    @Test func orderingRulesAreEnforced() async throws {
        let world = try await FoodAidWorld.make(households: [50, 50])
        try await withLiveServer(world.test.kernel) { client throws in
            let rice = try await world.product(
                client, .init(code: "RICE", name: "Riz", category: "dry_grocery", unitWeightKg: 1, maxPerOrder: 20))
            let old = try await world.product(
                client, .init(code: "OLD", name: "Ancien", category: "dry_grocery", unitWeightKg: 1, active: false))
            _ = try await world.receive(client, rice, 100, bestBefore: world.today.adding(days: 90))
            let window = try await world.window(client, maxOrders: 1)
            let partner = world.partners[0]
            let other = world.partners[1]
            func draft(_ lines: [DraftBody.Line], for organisation: UUID? = nil, token: String? = nil) async throws -> TestResponse {
                try await client.json(
                    .put, "/api/v1/foodaid/windows/\(window.id)/order", token: token ?? partner.member.token,
                    body: DraftBody(organisationId: organisation ?? partner.organisation.id, lines: lines))
            }
            #expect(try await draft([.init(productId: rice.id, quantity: 0)]).apiError?.field == "lines[0].quantity")
            #expect(try await draft([.init(productId: rice.id, quantity: 21)]).apiError?.field == "lines[0].quantity")
            #expect(try await draft([.init(productId: old.id, quantity: 1)]).apiError?.field == "lines[0].productId")
            #expect(try await draft([.init(productId: rice.id, quantity: 1)], for: other.organisation.id).status == .forbidden)
            let halfUnit = try await client.json(
                .put, "/api/v1/foodaid/windows/\(window.id)/order", token: partner.member.token,
                raw: #"{"organisationId": "\#(partner.organisation.id)", "lines": [{"productId": "\#(rice.id)", "quantity": 1.5}]}"#)
            #expect(halfUnit.apiError?.field == "lines[0].quantity")

            // A soft quota warns; acknowledging it goes through.
            try await world.test.kernel.units.write(by: nil) { tx in
                try await tx.execute(
                    "INSERT INTO foodaid_quotas (organisation_id, product_id, units_per_window) VALUES (?, ?, ?)",
                    [partner.organisation.id, rice.id, 10])
            }
            let warned = try await draft([.init(productId: rice.id, quantity: 12)])
            #expect(warned.apiError?.code == "quota_exceeded")
            let acknowledged = try await draft([.init(productId: rice.id, quantity: 12, acknowledgeQuota: true)])
            #expect(acknowledged.status == .ok)

            // The window takes one order: it closes once that one is submitted.
            let order = try acknowledged.decode(OrderView.self)
            #expect(try await client.json(.post, "/api/v1/foodaid/orders/\(order.id)/submit", token: partner.member.token).status == .ok)
            let full = try await draft([.init(productId: rice.id, quantity: 1)], for: other.organisation.id, token: other.member.token)
            #expect(full.apiError?.code == "window_full")
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
