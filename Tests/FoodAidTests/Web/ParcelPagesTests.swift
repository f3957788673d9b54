import CollectoKernel
import CollectoTestSupport
import Foundation
import HTTPTypes
import HummingbirdTesting
import Testing

@testable import FoodAid

/// A partner asks for emergency parcels from its page (a bad number is said beside its field); the food bank's
/// staff see the request with the partner's name, prepare it and hand it over; another partner never sees it.
@Suite struct ParcelPagesTests {
    @Test func aPartnerAsksForParcelsAndStaffPrepareAndHandThemOver() async throws {
        let world = try await FoodAidWorld.make(households: [10, 10])
        let partner = world.partners[0].member.token
        let staff = world.coordinator.token
        try await withAPI(world.test.kernel) { client in
            let pasta = try await world.product(client, .init(code: "PASTA", name: "Pâtes", category: "dry_grocery", unitWeightKg: 1))
            _ = try await world.receive(client, pasta, 20, bestBefore: world.today.adding(days: 300))
            struct Line: Encodable { let productId: UUID; let quantity: Int }
            struct Composition: Encodable { let name: String; let householdMin: Int; let householdMax: Int; let lines: [Line] }
            let composed = try await client.json(
                .post, "/api/v1/foodaid/parcel-compositions", token: staff,
                body: Composition(name: "Colis famille", householdMin: 1, householdMax: 6, lines: [.init(productId: pasta.id, quantity: 2)])
            )
            #expect(composed.status == .created, "\(composed.text)")

            let page = try await client.page("/foodaid/parcels", session: partner)
            #expect(page.status == .ok)
            #expect(page.text.contains("Colis famille"))
            let wrong = try await client.submit(
                "/foodaid/parcels", session: partner, fields: [("householdSize", "40"), ("parcels", "2"), ("neededBy", "\(world.today)")])
            #expect(wrong.status == .unprocessableContent)
            #expect(wrong.text.contains("id=\"householdSize-error\""))
            #expect(wrong.text.contains("value=\"40\""), "what was typed is kept")
            let asked = try await client.submit(
                "/foodaid/parcels", session: partner,
                fields: [("householdSize", "4"), ("parcels", "3"), ("neededBy", "\(world.today.adding(days: 1))")], idempotency: "ask")
            #expect(asked.location == "/foodaid/parcels?notice=foodaid_parcels_requested")
            #expect(try await client.page("/foodaid/parcels", session: partner).text.contains("Demandée"))
            #expect(
                !(try await client.page("/foodaid/parcels", session: world.partners[1].member.token).text.contains("un foyer de 4")),
                "another partner does not see the request")

            let desk = try await client.page("/foodaid/parcels", session: staff)
            #expect(desk.text.contains(world.partners[0].organisation.name))
            let prepare = try #require(
                desk.text.range(of: "/foodaid/parcels/[0-9a-f-]{36}/prepare", options: .regularExpression).map { String(desk.text[$0]) })
            #expect(try await client.submit(prepare, session: staff, fields: [], idempotency: "prepare").status == .seeOther)
            #expect(
                try await client.submit(prepare.replacingOccurrences(of: "prepare", with: "hand-over"), session: partner, fields: []).status
                    == .forbidden, "only the food bank hands parcels over")
            let handed = try await client.submit(
                prepare.replacingOccurrences(of: "prepare", with: "hand-over"), session: staff, fields: [], idempotency: "hand")
            #expect(handed.location == "/foodaid/parcels?notice=foodaid_parcels_handed_over")
            #expect(try await client.page("/foodaid/parcels", session: partner).text.contains("Remise"))
        }
    }
}
