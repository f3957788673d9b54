import CollectoKernel
import CollectoTestSupport
import FoodAid
import Foundation
import HTTPTypes
import HummingbirdTesting
import Testing

@Suite struct StockAPITests {
    struct Correction: Encodable { let kind: String; let change: Int; let reason: String }

    @Test func foodPastItsUseByDateNeverEntersStockAndCorrectionsNeedAReason() async throws {
        let world = try await FoodAidWorld.make(households: [10])
        try await withAPI(world.test.kernel) { client throws in
            let yogurt = try await world.product(client, .init(code: "YOG", name: "Yaourt", category: "dairy", unitWeightKg: 0.5))
            let expired = try await client.json(
                .post, "/api/v1/foodaid/lots", token: world.coordinator.token,
                body: FoodAidWorld.LotBody(
                    productId: yogurt.id, siteId: world.warehouse.id, quantity: 10, useBy: world.today.adding(days: -1)))
            #expect(expired.apiError?.field == "useBy")
            let undated = try await client.json(
                .post, "/api/v1/foodaid/lots", token: world.coordinator.token,
                body: FoodAidWorld.LotBody(productId: yogurt.id, siteId: world.warehouse.id, quantity: 10))
            #expect(undated.apiError?.field == "useBy")
            let lot = try await world.receive(client, yogurt, 10, useBy: world.today.adding(days: 5))
            #expect(
                try await client.json(
                    .post, "/api/v1/foodaid/lots", token: world.partners[0].member.token,
                    body: FoodAidWorld.LotBody(productId: yogurt.id, siteId: world.warehouse.id, quantity: 1, useBy: world.today)
                ).status == .forbidden)

            let noReason = try await client.json(
                .post, "/api/v1/foodaid/lots/\(lot.id)/corrections", token: world.coordinator.token,
                body: Correction(kind: "loss", change: -2, reason: " "))
            #expect(noReason.apiError?.field == "reason")
            let positiveLoss = try await client.json(
                .post, "/api/v1/foodaid/lots/\(lot.id)/corrections", token: world.coordinator.token,
                body: Correction(kind: "loss", change: 2, reason: "broken"))
            #expect(positiveLoss.apiError?.field == "change")
            let tooMuch = try await client.json(
                .post, "/api/v1/foodaid/lots/\(lot.id)/corrections", token: world.coordinator.token,
                body: Correction(kind: "loss", change: -11, reason: "broken"))
            #expect(tooMuch.apiError?.code == "stock_insufficient")
            let loss = try await client.json(
                .post, "/api/v1/foodaid/lots/\(lot.id)/corrections", token: world.coordinator.token,
                body: Correction(kind: "loss", change: -2, reason: "pots cassés"))
            #expect(try loss.decode(Lot.self).onHand == 8)
            struct Detail: Decodable {
                struct Movement: Decodable { let kind: String; let units: Int; let reason: String? }; let movements: [Movement]
            }
            let detail = try await client.json(.get, "/api/v1/foodaid/lots/\(lot.id)", token: world.coordinator.token).decode(Detail.self)
            #expect(detail.movements.map(\.kind) == ["receipt", "loss"])
            #expect(detail.movements.map(\.units).reduce(0, +) == 8)
        }
    }

    @Test func aRecallBlocksTheLotTakesBackPromisedUnitsAndSaysWhoGotIt() async throws {
        let world = try await FoodAidWorld.make(households: [10, 10])
        try await withAPI(world.test.kernel) { client throws in
            let beans = try await world.product(client, .init(code: "BEANS", name: "Haricots", category: "dry_grocery", unitWeightKg: 0.4))
            let suspect = try await world.receive(client, beans, 10, bestBefore: world.today.adding(days: 100))
            let window = try await world.window(client, hours: 1)
            var orders: [UUID] = []
            for partner in world.partners {
                let draft = FoodAidWorld.DraftBody(
                    organisationId: partner.organisation.id, lines: [.init(productId: beans.id, quantity: 5)])
                let order = try await client.json(
                    .put, "/api/v1/foodaid/windows/\(window.id)/order", token: partner.member.token, body: draft
                )
                .decode(FoodAidWorld.OrderView.self)
                #expect(
                    try await client.json(.post, "/api/v1/foodaid/orders/\(order.id)/submit", token: partner.member.token).status == .ok)
                orders.append(order.id)
            }
            world.test.clock.advance(by: 2 * 3600)
            #expect(
                try await client.json(.post, "/api/v1/foodaid/windows/\(window.id)/allocate", token: world.coordinator.token).status == .ok)
            // The first order leaves before the recall.
            for step in ["validate", "prepare", "ship"] {
                #expect(
                    try await client.json(.post, "/api/v1/foodaid/orders/\(orders[0])/\(step)", token: world.coordinator.token).status
                        == .ok)
            }
            struct Recall: Encodable { let lotIds: [UUID]; let reason: String }
            struct Report: Decodable {
                struct Recipient: Decodable { let orderId: UUID; let unitsShipped: Int; let unitsReleased: Int }
                let status: String
                let recipients: [Recipient]
            }
            #expect(
                try await client.json(
                    .post, "/api/v1/foodaid/recalls", token: world.partners[0].member.token,
                    body: Recall(lotIds: [suspect.id], reason: "x")
                ).status == .forbidden)
            let report = try await client.json(
                .post, "/api/v1/foodaid/recalls", token: world.coordinator.token,
                body: Recall(lotIds: [suspect.id], reason: "alerte fabricant")
            ).decode(Report.self)
            #expect(report.status == "quarantined")
            let byOrder = Dictionary(uniqueKeysWithValues: report.recipients.map { ($0.orderId, $0) })
            #expect(byOrder[orders[0]]?.unitsShipped == 5)
            #expect(byOrder[orders[1]]?.unitsReleased == 5)
            let held = try await client.json(.get, "/api/v1/foodaid/orders/\(orders[1])", token: world.coordinator.token).decode(
                FoodAidWorld.OrderView.self)
            #expect(held.lines[0].allocated == 0)
            #expect(held.lines[0].allocationNote?.contains("lot blocked") == true)
            // A blocked lot is offered to nobody.
            struct Offer: Decodable { let availableUnits: Int }
            let next = try await world.window(client, hours: 1)
            let offers = try await client.json(
                .get, "/api/v1/foodaid/windows/\(next.id)/catalogue?organisationId=\(world.partners[1].organisation.id)",
                token: world.partners[1].member.token
            ).decode([Offer].self)
            #expect(offers.map(\.availableUnits) == [0])
        }
    }
}
