import CollectoKernel
import CollectoTestSupport
import Foundation
import HTTPTypes
import HummingbirdTesting
import Testing

@testable import FoodAid

/// Partners pass food on from their sharing page: one posts a surplus (a bad number is said beside its field),
/// another claims it, the first hands it over; a donor's offer the food bank broadcast is claimed by the first
/// nearby partner, and the second is told it is gone. Once a deal is made, each side learns who the other is
/// and the side that collects learns where; nobody else learns anything.
@Suite struct SharingPagesTests {
    @Test func aSurplusIsPostedClaimedAndHandedOverBetweenTwoPartners() async throws {
        let world = try await FoodAidWorld.make(households: [10, 10, 10])
        let first = world.partners[0].member.token
        let second = world.partners[1].member.token
        try await withAPI(world.test.kernel) { client in
            let wrong = try await client.submit(
                "/foodaid/sharing/surpluses", session: first, fields: [("description", "yaourts"), ("quantity", "beaucoup")])
            #expect(wrong.status == .unprocessableContent)
            #expect(wrong.text.contains("id=\"quantity-error\""))
            #expect(wrong.text.contains("value=\"yaourts\""), "what was typed is kept")
            let posted = try await client.submit(
                "/foodaid/sharing/surpluses", session: first,
                fields: [("description", "yaourts nature"), ("quantity", "24"), ("useBy", "\(world.today.adding(days: 3))")],
                idempotency: "post")
            #expect(posted.location == "/foodaid/sharing?notice=foodaid_sharing_surplus_posted")

            let reader = try await world.fixtures.logIn("lecture@partner1.test", role: .readOnly, in: world.partners[1].organisation.id)
            let readOnly = try await client.page("/foodaid/sharing", session: reader.token)
            #expect(readOnly.text.contains("yaourts nature"), "a read-only member sees what is shared")
            #expect(!readOnly.text.contains("/claim\""), "and is offered no claim")
            #expect(!readOnly.text.contains("action=\"/foodaid/sharing/surpluses\""), "nor the form to post")

            let seen = try await client.page("/foodaid/sharing", session: second)
            #expect(seen.text.contains("yaourts nature"))
            let claim = try #require(
                seen.text.range(of: "/foodaid/sharing/surpluses/[0-9a-f-]{36}/claim", options: .regularExpression)
                    .map { String(seen.text[$0]) })
            #expect(try await client.submit(claim, session: second, fields: [], idempotency: "claim").status == .seeOther)
            let again = try await client.submit(claim, session: second, fields: [], idempotency: "claim-again")
            #expect(again.status == .conflict, "a claimed surplus is not claimed twice")

            let own = try await client.page("/foodaid/sharing", session: first)
            #expect(own.text.contains("Réservé"))
            #expect(own.text.contains("Prise par Partenaire 1"), "the poster learns who claimed it")
            let taker = try await client.page("/foodaid/sharing", session: second)
            #expect(taker.text.contains("À prendre chez Partenaire 0 · Site, 1 rue de test"), "the claimer learns where to collect")
            let id = try #require(claim.split(separator: "/").dropLast().last.map(String.init))
            let third = try await world.fixtures.logIn("benevole@partner2.test", role: .member, in: world.partners[2].organisation.id)
            #expect(
                try await client.json(.get, "/api/v1/foodaid/surpluses/\(id)/counterpart", token: third.token).status == .notFound,
                "a third partner learns nothing of either")
            let transfer = claim.replacingOccurrences(of: "/claim", with: "/transfer")
            #expect(try await client.submit(transfer, session: second, fields: []).status != .seeOther, "only who posted it hands it over")
            #expect(try await client.submit(transfer, session: first, fields: [], idempotency: "transfer").status == .seeOther)
            #expect(try await client.page("/foodaid/sharing", session: first).text.contains("Remis"))
            #expect(try await client.page("/foodaid/sharing", session: world.coordinator.token).status == .forbidden)
        }
    }

    @Test func aBroadcastOfferGoesToTheFirstNearbyPartnerThatClaimsIt() async throws {
        let world = try await FoodAidWorld.make(households: [10, 10])
        let donor = try await world.fixtures.organisation("Boulangerie du coin", .donor)
        _ = try await world.fixtures.site(of: donor.id, latitude: 48.105, longitude: -1.67)
        let donorUser = try await world.fixtures.logIn("pain@boulangerie.test", role: .member, in: donor.id)
        try await withAPI(world.test.kernel) { client in
            struct Line: Encodable { let category: String; let description: String; let estimatedKg: Double }
            struct Declaration: Encodable { let donorId: UUID; let availableFrom: Date; let availableUntil: Date; let lines: [Line] }
            struct Offer: Decodable { let id: UUID }
            let now = world.test.clock.now()
            let offer = try await client.json(
                .post, "/api/v1/foodaid/offers", token: donorUser.token,
                body: Declaration(
                    donorId: donor.id, availableFrom: now, availableUntil: now.addingTimeInterval(4 * 3600),
                    lines: [.init(category: "dry_grocery", description: "pain de la veille", estimatedKg: 8)])
            ).decode(Offer.self)
            let broadcast = try await client.json(
                .post, "/api/v1/foodaid/offers/\(offer.id.uuidString)/broadcast", token: world.coordinator.token)
            #expect(broadcast.status == .ok, "\(broadcast.text)")

            let page = try await client.page("/foodaid/sharing", session: world.partners[0].member.token)
            #expect(page.text.contains("pain de la veille"))
            let claim = "/foodaid/sharing/offers/\(offer.id.uuidString.lowercased())/claim"
            #expect(page.text.contains(claim))
            let won = try await client.submit(claim, session: world.partners[0].member.token, fields: [], idempotency: "first")
            #expect(won.location == "/foodaid/sharing?notice=foodaid_sharing_offer_claimed")
            #expect(try await client.page("/foodaid/sharing", session: world.partners[0].member.token).text.contains("Réservé pour vous"))
            let late = try await client.submit(claim, session: world.partners[1].member.token, fields: [], idempotency: "second")
            #expect(late.status == .conflict || late.status == .notFound, "\(late.status)")
            #expect(
                try await client.page("/foodaid/sharing", session: world.partners[0].member.token).text.contains(
                    "À prendre chez Boulangerie du coin · Site, 1 rue de test"), "the partner learns where to collect")
            #expect(try await client.page("/foodaid/donor", session: donorUser.token).text.contains("Prise par Partenaire 0"))
            let counterpart = "/api/v1/foodaid/offers/\(offer.id)/counterpart"
            #expect(try await client.json(.get, counterpart, token: donorUser.token).decode(Counterpart.self).name == "Partenaire 0")
            #expect(
                try await client.json(.get, counterpart, token: world.partners[1].member.token).status == .notFound,
                "the partner that came late learns nothing of either")
        }
    }
}
