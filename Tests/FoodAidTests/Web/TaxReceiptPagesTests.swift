import CollectoKernel
import CollectoTestSupport
import Foundation
import HTTPTypes
import HummingbirdTesting
import Testing

@testable import FoodAid

/// The food bank issues the year's tax receipts from its page and prints them; issuing again changes nothing
/// when no gift changed; nobody else opens the page. The mass balance page shows FoodAid's sections in French.
@Suite struct TaxReceiptPagesTests {
    @Test func staffIssueTheYearsReceiptsOnceAndPrintThemAndNobodyElseOpensThePage() async throws {
        let world = try await FoodAidWorld.make(households: [10])
        let donor = try await world.fixtures.organisation("Supermarché du Centre", .donor)
        let shop = try await world.fixtures.site(of: donor.id)
        let donorUser = try await world.fixtures.logIn("compta@shop.test", role: .member, in: donor.id)
        try await withAPI(world.test.kernel) { client in
            let pasta = try await world.product(client, .init(code: "PASTA", name: "Pâtes", category: "dry_grocery", unitWeightKg: 1))
            try await TaxReceiptTests().sortedPickup(
                world, donor: donor.id, site: shop.id,
                .init(
                    receivedKg: 10,
                    stock: [.init(productId: pasta.id, quantity: 10, kg: 10, useBy: nil, bestBefore: world.today.adding(days: 200))],
                    processing: [], unfit: []))
            let coordinator = world.coordinator.token
            let year = String(world.today.year)
            let before = try await client.page("/foodaid/receipts", session: coordinator)
            #expect(before.status == .ok)
            #expect(before.text.contains("Aucun reçu n’a été émis pour cette année."))

            let issued = try await client.submit(
                "/foodaid/receipts/issue", session: coordinator, fields: [("year", year)], idempotency: "issue-1")
            #expect(issued.location == "/foodaid/receipts?year=\(year)&notice=foodaid_receipts_issued")
            let list = try await client.page("/foodaid/receipts?year=\(year)", session: coordinator)
            #expect(list.text.contains("\(year)-0001"))
            #expect(list.text.contains("Supermarché du Centre"))
            #expect(list.text.contains("10 kg"))
            #expect(list.text.contains("25,00"), "10 kg of pasta at 2.50 € a kilogram")
            let printable = try #require(
                list.text.range(of: "/foodaid/receipts/[0-9a-f-]{36}", options: .regularExpression).map { String(list.text[$0]) })
            let printed = try await client.page(printable, session: coordinator)
            #expect(printed.status == .ok)
            #expect(printed.headers[.contentType]?.hasPrefix("text/html") == true)

            let again = try await client.submit(
                "/foodaid/receipts/issue", session: coordinator, fields: [("year", year)], idempotency: "issue-2")
            #expect(again.location == "/foodaid/receipts?year=\(year)&notice=foodaid_receipts_nothing_new")
            #expect(
                try await client.submit("/foodaid/receipts/issue", session: coordinator, fields: [("year", "1999")]).status
                    == .unprocessableContent)

            #expect(try await client.page("/foodaid/receipts", session: donorUser.token).status == .forbidden)
            #expect(try await client.page("/foodaid/receipts", session: world.partners[0].member.token).status == .forbidden)
            #expect(
                try await client.submit("/foodaid/receipts/issue", session: donorUser.token, fields: [("year", year)]).status
                    == .forbidden)
            #expect(try await client.page(printable, session: world.partners[0].member.token).status == .notFound)
            #expect(try await client.page(printable, session: donorUser.token).status == .ok, "the donor prints its own")
        }
    }

    @Test func theMassBalancePageShowsEachSectionInFrenchAndRefusesPartners() async throws {
        let world = try await FoodAidWorld.make(households: [10])
        try await withAPI(world.test.kernel) { client in
            let oil = try await world.product(client, .init(code: "OIL", name: "Huile", category: "dry_grocery", unitWeightKg: 1))
            _ = try await world.receive(client, oil, 10, bestBefore: world.today.adding(days: 300))
            let page = try await client.page("/balance", session: world.coordinator.token)
            #expect(page.status == .ok)
            #expect(page.text.contains("Dons reçus et triés"))
            #expect(page.text.contains("Stock par catégorie"))
            #expect(page.text.contains("Épicerie sèche"))
            #expect(page.text.contains("Le bilan est équilibré"))
            let csv = try await client.page("/balance.csv?from=\(world.today)&until=\(world.today)", session: world.coordinator.token)
            #expect(csv.headers[.contentType]?.hasPrefix("text/csv") == true)
            #expect(csv.text.hasPrefix("module,section,kind,account,key,grams,kg"))
            let wrong = try await client.page("/balance?from=2026-13-01", session: world.coordinator.token)
            #expect(wrong.status == .unprocessableContent)
            #expect(wrong.text.contains("id=\"balance-error\""), "the error is said on the page, with the form")
            #expect(try await client.page("/balance", session: world.partners[0].member.token).status == .forbidden)
        }
    }
}
