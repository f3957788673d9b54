import CollectoKernel
import CollectoTestSupport
import Foundation
import HTTPTypes
import Hummingbird
import HummingbirdTesting
import Testing

@testable import FoodAid

/// A volunteer of two associations sees and acts for the one they chose in the layout: its households count is the
/// one shown, and a change they declare is that association's, not the other's.
@Suite struct ActingPartnerTests {
    @Test func thePartnerPagesFollowTheAssociationChosen() async throws {
        let world = try await FoodAidWorld.make(households: [137, 284])
        let (first, second) = (world.partners[0].organisation, world.partners[1].organisation)
        let volunteer = try await world.fixtures.logIn(
            "benevole@deux.test",
            memberships: [.init(organisationId: first.id, role: .coordinator), .init(organisationId: second.id, role: .coordinator)])
        try await withAPI(world.test.kernel) { client in
            let forFirst = try await client.page("/foodaid/households", session: volunteer.token, acting: first.id)
            #expect(forFirst.text.contains("<strong>137</strong>"))
            let forSecond = try await client.page("/foodaid/households", session: volunteer.token, acting: second.id)
            #expect(forSecond.text.contains("<strong>284</strong>"))

            // A change declared while acting for the second is the second's.
            let declared = try await client.submit(
                "/foodaid/households", session: volunteer.token, fields: [("households", "300"), ("beneficiaries", "700")],
                idempotency: "declare", acting: second.id)
            #expect(declared.status == .seeOther)
            let profile = try await client.json(
                .get, "/api/v1/foodaid/partners/\(second.id)/profile", token: world.coordinator.token
            ).decode(PartnerProfile.self)
            #expect(profile.pendingHouseholds == 300)
            let untouched = try await client.json(
                .get, "/api/v1/foodaid/partners/\(first.id)/profile", token: world.coordinator.token
            ).decode(PartnerProfile.self)
            #expect(untouched.pendingHouseholds == nil)
        }
    }
}
