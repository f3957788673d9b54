import CollectoKernel
import CollectoTestSupport
import FoodAid
import Foundation
import HTTPTypes
import HummingbirdTesting
import Testing

@Suite struct ReportsAPITests {
    @Test func theSupplyReportAndTheContributionStatementAgreeWithTheFlow() async throws {
        let world = try await FoodAidWorld.make(households: [10, 10])
        try await withAPI(world.test.kernel) { client throws in
            struct Rule: Encodable { let bestBeforeGraceDays: Int; let contributionPerKg: Double }
            #expect(
                try await client.json(
                    .put, "/api/v1/foodaid/categories/dry_grocery", token: world.coordinator.token,
                    body: Rule(bestBeforeGraceDays: 60, contributionPerKg: 0.12)
                ).status == .ok)
            let rice = try await world.product(client, .init(code: "RICE", name: "Riz 1 kg", category: "dry_grocery", unitWeightKg: 1))
            let apples = try await world.product(
                client, .init(code: "APPLE", name: "Pommes 2 kg", category: "fruit_vegetables", unitWeightKg: 2))
            let lot = try await world.receive(client, rice, 100, bestBefore: world.today.adding(days: 200))
            _ = try await world.receive(client, apples, 10, useBy: world.today.adding(days: 5))
            struct Correction: Encodable { let kind: String; let change: Int; let reason: String }
            #expect(
                try await client.json(
                    .post, "/api/v1/foodaid/lots/\(lot.id)/corrections", token: world.coordinator.token,
                    body: Correction(kind: "loss", change: -4, reason: "sacs percés")
                ).status == .ok)
            let window = try await world.window(client, hours: 1)
            let partner = world.partners[0]
            let draft = FoodAidWorld.DraftBody(
                organisationId: partner.organisation.id,
                lines: [.init(productId: rice.id, quantity: 25), .init(productId: apples.id, quantity: 5)])
            let order = try await client.json(.put, "/api/v1/foodaid/windows/\(window.id)/order", token: partner.member.token, body: draft)
                .decode(FoodAidWorld.OrderView.self)
            #expect(try await client.json(.post, "/api/v1/foodaid/orders/\(order.id)/submit", token: partner.member.token).status == .ok)
            world.test.clock.advance(by: 2 * 3600)
            #expect(
                try await client.json(.post, "/api/v1/foodaid/windows/\(window.id)/allocate", token: world.coordinator.token).status == .ok)
            for step in ["validate", "prepare", "ship"] {
                #expect(
                    try await client.json(.post, "/api/v1/foodaid/orders/\(order.id)/\(step)", token: world.coordinator.token).status == .ok
                )
            }
            let month = String(world.today.description.prefix(7))
            struct Report: Decodable {
                let receivedByCategory: [String: Double]
                let distributedByCategory: [String: Double]
                let distributedByPartner: [String: Double]
                let freshShare: Double
                let lossesByCategory: [String: Double]
                let stockOnHandByCategory: [String: Double]
                let expiringWithin7DaysKg: Double
            }
            let report = try await client.json(.get, "/api/v1/foodaid/reports/supply?month=\(month)", token: world.coordinator.token)
                .decode(Report.self)
            #expect(report.receivedByCategory == ["dry_grocery": 100, "fruit_vegetables": 20])
            #expect(report.distributedByCategory == ["dry_grocery": 25, "fruit_vegetables": 10])
            #expect(report.distributedByPartner == [partner.organisation.name: 35])
            #expect(abs(report.freshShare - 10.0 / 35.0) < 0.001)
            #expect(report.lossesByCategory == ["dry_grocery": 4])
            #expect(report.stockOnHandByCategory == ["dry_grocery": 71, "fruit_vegetables": 10])
            #expect(report.expiringWithin7DaysKg == 10)
            let csv = try await client.json(
                .get, "/api/v1/foodaid/reports/supply?month=\(month)&format=csv", token: world.coordinator.token)
            #expect(csv.text.contains("distributed_by_category,dry_grocery,25.0"))
            #expect(
                try await client.json(.get, "/api/v1/foodaid/reports/supply?month=\(month)", token: partner.member.token).status
                    == .forbidden)

            struct Statement: Decodable { let totalKg: Double; let totalAmount: Double }
            let statement = try await client.json(
                .get, "/api/v1/foodaid/partners/\(partner.organisation.id)/statements/\(month)", token: partner.member.token
            ).decode(Statement.self)
            #expect(statement.totalKg == 35)
            #expect(statement.totalAmount == 3)
            // Rice renamed a prepared meal of 3 kg a bag afterwards: the month's statement does not change.
            let edited = try await client.json(
                .put, "/api/v1/foodaid/products/\(rice.id)", token: world.coordinator.token,
                body: FoodAidWorld.ProductBody(code: "RICE", name: "Riz 3 kg", category: "prepared_meals", unitWeightKg: 3))
            #expect(edited.status == .ok, "\(edited.text)")
            let restated = try await client.json(
                .get, "/api/v1/foodaid/partners/\(partner.organisation.id)/statements/\(month)", token: partner.member.token
            ).decode(Statement.self)
            #expect(restated.totalKg == 35)
            #expect(restated.totalAmount == 3)
            #expect(
                try await client.json(
                    .get, "/api/v1/foodaid/partners/\(partner.organisation.id)/statements/\(month)", token: world.partners[1].member.token
                ).status == .notFound)
        }
    }
}
