import CollectoKernel
import CollectoTestSupport
import Foundation
import HTTPTypes
import HummingbirdTesting
import Testing

@testable import FoodAid

/// A partner's admin asks for a new households count from the pages; the food bank approves or rejects it on its
/// own page; the partner's home then tells the decision (the count allocation uses, or the reason it was turned down).
@Suite struct HouseholdsPagesTests {
    @Test func thePartnersHomeTellsTheFoodBanksDecisionOnItsHouseholds() async throws {
        let world = try await FoodAidWorld.make(households: [100])
        let partner = world.partners[0].organisation
        let admin = try await world.fixtures.logIn("admin@partner0.test", role: .admin, in: partner.id)
        let approve = "/foodaid/households/\(partner.id.uuidString.lowercased())/approve"
        let reject = "/foodaid/households/\(partner.id.uuidString.lowercased())/reject"
        try await withAPI(world.test.kernel) { client in
            let asked = try await client.submit(
                "/foodaid/households", session: admin.token, fields: [("households", "150"), ("beneficiaries", "400")], idempotency: "ask")
            #expect(asked.status == .seeOther)
            #expect(try await client.page("/foodaid/partner", session: admin.token).text.contains("150"))
            #expect(try await client.page("/foodaid/households/pending", session: world.coordinator.token).text.contains(approve))
            #expect(try await client.submit(approve, session: world.coordinator.token, fields: [], idempotency: "yes").status == .seeOther)
            let approved = try await client.page("/foodaid/partner", session: admin.token)
            #expect(approved.text.contains("a validé votre nombre de foyers (150)"))

            _ = try await client.submit(
                "/foodaid/households", session: admin.token, fields: [("households", "900"), ("beneficiaries", "2000")],
                idempotency: "again")
            #expect(
                try await client.submit(
                    reject, session: world.coordinator.token, fields: [("reason", "le bilan annuel compte 160 foyers")], idempotency: "no"
                ).status == .seeOther)
            let rejected = try await client.page("/foodaid/partner", session: admin.token)
            #expect(rejected.text.contains("a refusé le nombre de foyers demandé (900)"))
            #expect(rejected.text.contains("le bilan annuel compte 160 foyers"))
            #expect(!rejected.text.contains("a validé"), "only the last decision is told")

            world.test.clock.advance(by: 31 * 86_400)
            #expect(
                !(try await client.page("/foodaid/partner", session: admin.token).text.contains("a refusé")), "a month later it is old news"
            )
        }
    }
}
