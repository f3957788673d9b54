import CollectoKernel
import CollectoTestSupport
import Foundation
import HTTPTypes
import Hummingbird
import HummingbirdTesting
import Testing

@testable import FoodAid

/// A partner orders through the pages: the basket is its draft order, kept on the server; the order page tells every
/// quantity; the receipt records a discrepancy. Forms obey the CSRF token and the idempotency key.
@Suite struct PartnerPagesTests {
    @Test func aPartnerOrdersSubmitsSeesTheAllocationAndConfirmsReceiptWithADiscrepancy() async throws {
        let world = try await FoodAidWorld.make(households: [10, 10])
        let partner = world.partners[0].member.token
        try await withAPI(world.test.kernel) { client in
            let oil = try await world.product(client, .init(code: "OIL", name: "Huile", category: "dry_grocery", unitWeightKg: 0.92))
            _ = try await world.receive(client, oil, 10, bestBefore: world.today.adding(days: 300))
            let window = try await world.window(client, hours: 1)
            let basketPath = "/foodaid/windows/\(window.id.uuidString.lowercased())/basket"
            let home = try await client.page("/foodaid/partner", session: partner)
            #expect(home.status == .ok)
            #expect(home.text.contains(basketPath), "the open window links to its basket")
            #expect(home.text.contains("reste 0 h 59 min") || home.text.contains("reste 1 h 0 min"))
            let basket = try await client.page(basketPath, session: partner)
            #expect(basket.text.contains("Huile"))
            let key = "quantity[\(oil.id.uuidString.lowercased())]"
            let saved = try await client.submit(basketPath, session: partner, fields: [(key, "4")], idempotency: "first")
            #expect(saved.status == .seeOther, "\(saved.text)")
            #expect(try await client.page(basketPath, session: partner).text.contains("value=\"4\""), "the basket is kept")
            let submitted = try await client.submit(
                basketPath, session: partner, fields: [(key, "4"), ("submit", "1")], idempotency: "second")
            let orderPath = try #require(submitted.location?.split(separator: "?").first.map(String.init))
            #expect(orderPath.hasPrefix("/foodaid/orders/"))
            #expect(try await client.page(orderPath, session: partner).text.contains("Envoyée"))

            world.test.clock.advance(by: 2 * 3600)
            let allocate = "/foodaid/windows/\(window.id.uuidString.lowercased())/allocate"
            #expect(try await client.submit(allocate, session: world.coordinator.token, fields: []).status == .seeOther)
            let allocated = try await client.page(orderPath, session: partner)
            #expect(allocated.text.contains("Attribuée"))
            let order = String(orderPath.split(separator: "/").last!)
            for step in ["validate", "prepare", "ship"] {
                let answer = try await client.json(.post, "/api/v1/foodaid/orders/\(order)/\(step)", token: world.coordinator.token)
                #expect(answer.status == .ok, "\(step): \(answer.text)")
            }
            let oilKey = oil.id.uuidString.lowercased()
            let received = try await client.submit(
                orderPath + "/receive", session: partner,
                fields: [("received[\(oilKey)]", "3"), ("discrepancy[\(oilKey)]", "une bouteille cassée")], idempotency: "third")
            #expect(received.status == .seeOther, "\(received.text)")
            let after = try await client.page(orderPath, session: partner)
            #expect(after.text.contains("Reçue"))
            #expect(after.text.contains("une bouteille cassée"))
        }
    }

    @Test func aBasketSentTwiceWithOneKeyIsSavedOnceAndAFormWithoutItsTokenChangesNothing() async throws {
        let world = try await FoodAidWorld.make(households: [10])
        let partner = world.partners[0].member.token
        try await withAPI(world.test.kernel) { client in
            let rice = try await world.product(client, .init(code: "RICE", name: "Riz", category: "dry_grocery", unitWeightKg: 1))
            _ = try await world.receive(client, rice, 50, bestBefore: world.today.adding(days: 300))
            let window = try await world.window(client)
            let basketPath = "/foodaid/windows/\(window.id.uuidString.lowercased())/basket"
            let key = "quantity[\(rice.id.uuidString.lowercased())]"
            let forged = try await client.submit(basketPath, session: partner, fields: [(key, "2"), ("submit", "1")], csrf: false)
            #expect(forged.status == .forbidden)
            let fields = [(key, "2"), ("submit", "1")]
            let first = try await client.submit(basketPath, session: partner, fields: fields, idempotency: "double-click")
            let second = try await client.submit(basketPath, session: partner, fields: fields, idempotency: "double-click")
            #expect(first.status == .seeOther)
            #expect(second.status == .seeOther)
            #expect(second.location == first.location, "the second click lands where the first did")
            let orders = try await world.test.kernel.units.read { db in
                try await db.scalarInt("SELECT COUNT(*) FROM foodaid_orders WHERE window_id = ?", [window.id])
            }
            #expect(orders == 1)
        }
    }

    @Test func aQuantityAboveTheLimitIsSaidBesideItsProductWithWhatWasTyped() async throws {
        let world = try await FoodAidWorld.make(households: [10])
        let partner = world.partners[0].member.token
        try await withAPI(world.test.kernel) { client in
            let nappies = try await world.product(
                client, .init(code: "NAP", name: "Couches", category: "baby", unitWeightKg: 0.5, maxPerOrder: 30))
            _ = try await world.receive(client, nappies, 100, bestBefore: world.today.adding(days: 300))
            let window = try await world.window(client)
            let basketPath = "/foodaid/windows/\(window.id.uuidString.lowercased())/basket"
            let id = nappies.id.uuidString.lowercased()
            let refused = try await client.submit(basketPath, session: partner, fields: [("quantity[\(id)]", "45")], idempotency: "a")
            #expect(refused.status == .unprocessableContent)
            #expect(refused.text.contains("id=\"e-\(id)\">Au plus 30 unités de Couches par commande."))
            #expect(refused.text.contains("value=\"45\""))
            let typo = try await client.submit(basketPath, session: partner, fields: [("quantity[\(id)]", "quatre")], idempotency: "b")
            #expect(typo.status == .unprocessableContent)
            #expect(typo.text.contains("Indiquez un nombre entier"))
        }
    }

    @Test func aPartnerCannotOpenAnotherPartnersOrderPage() async throws {
        let world = try await FoodAidWorld.make(households: [10, 10])
        try await withAPI(world.test.kernel) { client in
            let rice = try await world.product(client, .init(code: "RICE", name: "Riz", category: "dry_grocery", unitWeightKg: 1))
            _ = try await world.receive(client, rice, 50, bestBefore: world.today.adding(days: 300))
            let window = try await world.window(client)
            let basketPath = "/foodaid/windows/\(window.id.uuidString.lowercased())/basket"
            let submitted = try await client.submit(
                basketPath, session: world.partners[0].member.token,
                fields: [("quantity[\(rice.id.uuidString.lowercased())]", "2"), ("submit", "1")], idempotency: "x")
            let orderPath = try #require(submitted.location?.split(separator: "?").first.map(String.init))
            let other = try await client.page(orderPath, session: world.partners[1].member.token)
            #expect(other.status == .notFound)
            #expect(!other.text.contains("Riz"))
            #expect(try await client.page(orderPath + "/delivery-note", session: world.partners[1].member.token).status == .notFound)
            let staff = try await client.page("/foodaid/dashboard", session: world.partners[1].member.token)
            #expect(staff.status == .forbidden)
        }
    }

    @Test func aReadOnlyMemberSeesTheBasketWithoutTheButtonsItWouldBeRefused() async throws {
        let world = try await FoodAidWorld.make(households: [10])
        let reader = try await world.fixtures.logIn("lecture@partner0.test", role: .readOnly, in: world.partners[0].organisation.id)
        try await withAPI(world.test.kernel) { client in
            let oil = try await world.product(client, .init(code: "OIL", name: "Huile", category: "dry_grocery", unitWeightKg: 0.92))
            _ = try await world.receive(client, oil, 10, bestBefore: world.today.adding(days: 300))
            let window = try await world.window(client, hours: 1)
            let basketPath = "/foodaid/windows/\(window.id.uuidString.lowercased())/basket"
            let basket = try await client.page(basketPath, session: reader.token)
            #expect(basket.status == .ok)
            #expect(basket.text.contains("Huile"))
            #expect(!basket.text.contains("name=\"save\""), "no button the use case would refuse")
            #expect(basket.text.contains("pas de le modifier"))
            let key = "quantity[\(oil.id.uuidString.lowercased())]"
            #expect(try await client.submit(basketPath, session: reader.token, fields: [(key, "2")]).status == .forbidden)
        }
    }
}
