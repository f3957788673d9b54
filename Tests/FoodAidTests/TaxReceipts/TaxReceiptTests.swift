import CollectoKernel
import CollectoTestSupport
import Foundation
import HTTPTypes
import HummingbirdTesting
import Testing

@testable import FoodAid

@Suite struct TaxReceiptTests {
    /// A pickup at the donor on the test's day, received and sorted as given.
    func sortedPickup(_ world: FoodAidWorld, donor: UUID, site: UUID, _ sorting: SortingService.Sorting) async throws {
        let kernel = world.test.kernel
        try await kernel.units.write(by: nil) { tx in
            let start = tx.now
            let pickup = try await PickupService(tasks: kernel.tasks, timeZone: kernel.settings.timeZone).create(
                donor: donor, site: site, warehouse: world.warehouse.id, offer: nil,
                window: TimeWindow(from: start, until: start.addingTimeInterval(3600)),
                kg: sorting.receivedKg, temperature: .ambient, in: tx)
            try await tx.execute(
                "UPDATE foodaid_pickups SET status = 'received', driver_grams = ? WHERE id = ?",
                [Grams.of(kg: sorting.receivedKg), pickup.id])
            _ = try await SortingService(stock: StockService(rules: ShelfLifeRules()), timeZone: kernel.settings.timeZone).sort(
                pickup.id, sorting, in: tx)
        }
    }

    @Test func receiptsValueGiftsByTheUseByRuleAndAreCorrectedNeverChanged() async throws {
        let world = try await FoodAidWorld.make(households: [10])
        let donor = try await world.fixtures.organisation("Supermarché", .donor)
        let shop = try await world.fixtures.site(of: donor.id)
        let donorUser = try await world.fixtures.logIn("compta@shop.test", role: .member, in: donor.id)
        let other = try await world.fixtures.organisation("Autre", .donor)
        let otherUser = try await world.fixtures.logIn("compta@other.test", role: .member, in: other.id)
        try await withAPI(world.test.kernel) { client throws in
            let pasta = try await world.product(client, .init(code: "PASTA", name: "Pâtes", category: "dry_grocery", unitWeightKg: 1))
            let yogurt = try await world.product(client, .init(code: "YOG", name: "Yaourts", category: "dairy", unitWeightKg: 0.5))
            try await sortedPickup(
                world, donor: donor.id, site: shop.id,
                .init(
                    receivedKg: 21,
                    stock: [
                        .init(productId: pasta.id, quantity: 10, kg: 10, useBy: nil, bestBefore: world.today.adding(days: 200)),
                        .init(productId: yogurt.id, quantity: 12, kg: 6, useBy: world.today.adding(days: 2), bestBefore: nil),
                    ],
                    processing: [.init(category: .fruitAndVegetables, productName: "pommes", kg: 4, remainingShelfLifeDays: 5)],
                    unfit: [.init(kg: 1, reason: "écrasé")]))
            struct Issue: Encodable { let year: Int }
            struct Receipt: Decodable {
                let id: UUID; let reference: String; let totalKg: Double; let totalValue: Double; let cancelsId: UUID?;
                let cancelledById: UUID?
            }
            #expect(
                try await client.json(.post, "/api/v1/foodaid/tax-receipts", token: donorUser.token, body: Issue(year: 2026)).status
                    == .forbidden)
            let first = try await client.json(
                .post, "/api/v1/foodaid/tax-receipts", token: world.coordinator.token, body: Issue(year: 2026)
            ).decode([Receipt].self)
            // 10 kg of pasta at 2.50, 6 kg of yogurt within 3 days of use-by at half of 3.00, 4 kg of apples at 2.00; unfit food is no gift.
            #expect(first.map(\.reference) == ["2026-0001"])
            #expect(first.first?.totalKg == 20)
            #expect(first.first?.totalValue == 42)
            #expect(
                try await client.json(.post, "/api/v1/foodaid/tax-receipts", token: world.coordinator.token, body: Issue(year: 2026))
                    .decode([Receipt].self).isEmpty)

            try await sortedPickup(
                world, donor: donor.id, site: shop.id,
                .init(
                    receivedKg: 2,
                    stock: [.init(productId: pasta.id, quantity: 2, kg: 2, useBy: nil, bestBefore: world.today.adding(days: 100))],
                    processing: nil, unfit: nil))
            let correction = try await client.json(
                .post, "/api/v1/foodaid/tax-receipts", token: world.coordinator.token, body: Issue(year: 2026)
            ).decode([Receipt].self)
            #expect(correction.map(\.reference) == ["2026-0002"])
            #expect(correction.first?.cancelsId == first.first?.id)
            #expect(correction.first?.totalValue == 47)

            let mine = try await client.json(.get, "/api/v1/foodaid/tax-receipts?year=2026", token: donorUser.token).decode([Receipt].self)
            #expect(mine.map(\.reference) == ["2026-0001", "2026-0002"])
            #expect(mine.first?.cancelledById == correction.first?.id)
            #expect(mine.first?.totalValue == 42)
            #expect(try await client.json(.get, "/api/v1/foodaid/tax-receipts", token: otherUser.token).decode([Receipt].self).isEmpty)
            let html = try await client.json(.get, "/api/v1/foodaid/tax-receipts/\(first.first!.id)/html", token: donorUser.token)
            #expect(html.text.contains("ANNULÉ ET REMPLACÉ par le reçu n° 2026-0002"))
            #expect(html.text.contains("42.00"))
            #expect(
                try await client.json(.get, "/api/v1/foodaid/tax-receipts/\(first.first!.id)/html", token: otherUser.token).status
                    == .notFound)
        }
    }
}
