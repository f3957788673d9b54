import CollectoKernel
import CollectoTestSupport
import FoodAid
import Foundation
import HTTPTypes
import HummingbirdTesting
import Testing

@Suite struct PartnerProfileAPITests {
    struct Update: Encodable { let households: Int; let beneficiaries: Int }

    @Test func aPartnerDeclaresItsHouseholdsAndOnlyItsOwn() async throws {
        let test = try await TestKernel.make(modules: [FoodAidModule()])
        let fixtures = Fixtures(test.kernel)
        let bank = try await fixtures.organisation("Banque", .foodBank)
        let a = try await fixtures.organisation("A", .partnerAssociation)
        let b = try await fixtures.organisation("B", .partnerAssociation)
        let adminA = try await fixtures.logIn("admin@a.test", role: .admin, in: a.id)
        let memberA = try await fixtures.logIn("member@a.test", role: .member, in: a.id)
        let coordinator = try await fixtures.logIn("coord@bank.test", role: .coordinator, in: bank.id)
        try await withAPI(test.kernel) { client throws in
            let saved = try await client.json(
                .put, "/api/v1/foodaid/partners/\(a.id)/profile", token: adminA.token, body: Update(households: 120, beneficiaries: 310))
            #expect(saved.status == .ok)
            // A partner's declaration waits for the food bank's approval (HouseholdsApprovalTests).
            let read = try await client.json(.get, "/api/v1/foodaid/partners/\(a.id)/profile", token: memberA.token)
                .decode(PartnerProfile.self)
            #expect(read.households == nil && read.pendingHouseholds == 120)
            #expect(
                try await client.json(
                    .put, "/api/v1/foodaid/partners/\(a.id)/profile", token: memberA.token, body: Update(households: 1, beneficiaries: 1)
                ).status == .forbidden)
            #expect(
                try await client.json(
                    .put, "/api/v1/foodaid/partners/\(b.id)/profile", token: adminA.token, body: Update(households: 1, beneficiaries: 1)
                ).status == .forbidden)
            #expect(try await client.json(.get, "/api/v1/foodaid/partners/\(a.id)/profile", token: coordinator.token).status == .ok)
            #expect(
                try await client.json(
                    .put, "/api/v1/foodaid/partners/\(b.id)/profile", token: coordinator.token,
                    body: Update(households: 80, beneficiaries: 200)
                ).status == .ok)
            let bad = try await client.json(
                .put, "/api/v1/foodaid/partners/\(a.id)/profile", token: adminA.token, body: Update(households: 50, beneficiaries: 10))
            #expect(bad.status == .unprocessableContent)
            #expect(bad.apiError?.field == "beneficiaries")
            let notPartner = try await client.json(
                .put, "/api/v1/foodaid/partners/\(bank.id)/profile", token: coordinator.token, body: Update(households: 1, beneficiaries: 1)
            )
            #expect(notPartner.status == .notFound)
        }
    }

    @Test func theModuleDeclaresItsFoodTaskKinds() async throws {
        let test = try await TestKernel.make(modules: [FoodAidModule()])
        #expect(test.kernel.tasks.kinds["foodaid.partner_delivery"]?.kind.isFood == true)
        #expect(test.kernel.tasks.kinds["foodaid.donor_pickup"]?.owner == "foodaid")
    }
}
