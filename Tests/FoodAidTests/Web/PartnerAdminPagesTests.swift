import CollectoKernel
import CollectoTestSupport
import Foundation
import HTTPTypes
import Hummingbird
import HummingbirdTesting
import Testing

@testable import FoodAid

/// The food bank's staff set a partner's quotas from its page; the partner's basket shows them; a bad number is said
/// beside its field and writes nothing; only the food bank's coordinators set them, and a partner reads its own only.
@Suite struct PartnerAdminPagesTests {
    @Test func staffSetChangeAndRemoveAQuotaThatThePartnersBasketShows() async throws {
        let world = try await FoodAidWorld.make(households: [10, 20])
        let staff = world.coordinator.token
        let partner = world.partners[0]
        try await withAPI(world.test.kernel) { client in
            let rice = try await world.product(client, .init(code: "RICE", name: "Riz", category: "dry_grocery", unitWeightKg: 1))
            _ = try await world.receive(client, rice, 100, bestBefore: world.today.adding(days: 300))
            let list = try await client.page("/foodaid/partners", session: staff)
            #expect(list.status == .ok)
            let path = "/foodaid/partners/\(partner.organisation.id.uuidString.lowercased())"
            #expect(list.text.contains("href=\"\(path)\""))
            let product = rice.id.uuidString.lowercased()

            let bad = try await client.submit(path + "/quotas", session: staff, fields: [("product", product), ("units", "beaucoup")])
            #expect(bad.status == .unprocessableContent)
            #expect(bad.text.contains("id=\"quota-units-error\""))
            #expect(bad.text.contains("value=\"\(product)\" selected"), "the product chosen is kept")
            let zero = try await client.submit(path + "/quotas", session: staff, fields: [("product", product), ("units", "0")])
            #expect(zero.status == .unprocessableContent)
            #expect(try await quotas(client, of: partner.organisation.id, token: staff).isEmpty, "a refused quota writes nothing")

            let set = try await client.submit(
                path + "/quotas", session: staff, fields: [("product", product), ("units", "12")], idempotency: "set")
            #expect(set.location == path + "?notice=foodaid_quota_set")
            #expect(try await quotas(client, of: partner.organisation.id, token: staff).map(\.unitsPerWindow) == [12])
            #expect(try await client.page(path, session: staff).text.contains("id=\"units-\(product)\""))

            let window = try await world.window(client, hours: 2)
            let basket = try await client.page(
                "/foodaid/windows/\(window.id.uuidString.lowercased())/basket", session: partner.member.token)
            #expect(basket.text.contains("data-label=\"Quota\" class=\"number\">12<"), "the partner sees its quota")

            let changed = try await client.submit(
                path + "/quotas", session: staff, fields: [("product", product), ("units", "8")], idempotency: "change")
            #expect(changed.status == .seeOther)
            let own = try await quotas(client, of: partner.organisation.id, token: partner.member.token)
            #expect(own.map(\.unitsPerWindow) == [8], "the partner reads its own quotas")
            #expect(own.first?.setBy == world.coordinator.user.id)

            let removed = try await client.submit(path + "/quotas/\(product)/remove", session: staff, fields: [], idempotency: "remove")
            #expect(removed.location == path + "?notice=foodaid_quota_removed")
            #expect(try await quotas(client, of: partner.organisation.id, token: staff).isEmpty)
        }
    }

    @Test func onlyTheFoodBanksCoordinatorsSetQuotasAndAPartnerReadsOnlyItsOwn() async throws {
        let world = try await FoodAidWorld.make(households: [10, 20])
        let staff = world.coordinator.token
        let (first, second) = (world.partners[0], world.partners[1])
        try await withAPI(world.test.kernel) { client in
            let rice = try await world.product(client, .init(code: "RICE", name: "Riz", category: "dry_grocery", unitWeightKg: 1))
            let api = "/api/v1/foodaid/partners/\(first.organisation.id)/quotas"
            #expect(try await client.page("/foodaid/partners", session: first.member.token).status == .forbidden)
            let other = "/foodaid/partners/\(second.organisation.id.uuidString.lowercased())"
            #expect(try await client.page(other, session: first.member.token).status == .notFound)
            #expect(
                try await client.json(.put, "\(api)/\(rice.id)", token: first.member.token, body: ["unitsPerWindow": 50]).status
                    == .forbidden)
            let tooMany = try await client.json(.put, "\(api)/\(rice.id)", token: staff, body: ["unitsPerWindow": 100_001])
            #expect(tooMany.apiError?.field == "unitsPerWindow")
            #expect(
                try await client.json(.put, "\(api)/\(UUID())", token: staff, body: ["unitsPerWindow": 5]).status == .notFound,
                "no such product")
            let bank = "/api/v1/foodaid/partners/\(world.bank.id)/quotas/\(rice.id)"
            #expect(try await client.json(.put, bank, token: staff, body: ["unitsPerWindow": 5]).status == .notFound, "not a partner")
            #expect(try await client.json(.put, "\(api)/\(rice.id)", token: staff, body: ["unitsPerWindow": 5]).status == .ok)
            #expect(try await client.json(.get, api, token: second.member.token).status == .notFound)
            #expect(try await client.json(.delete, "\(api)/\(rice.id)", token: staff).status == .ok)
            #expect(try await client.json(.delete, "\(api)/\(rice.id)", token: staff).status == .notFound, "already removed")
        }
    }

    func quotas(_ client: some TestClientProtocol, of partner: UUID, token: String) async throws -> [PartnerQuota] {
        try await client.json(.get, "/api/v1/foodaid/partners/\(partner)/quotas", token: token).decode([PartnerQuota].self)
    }
}
