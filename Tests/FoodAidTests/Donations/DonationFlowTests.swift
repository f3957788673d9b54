import CollectoKernel
import CollectoTestSupport
import FoodAid
import Foundation
import HTTPTypes
import HummingbirdTesting
import Testing

/// A donor's offer through the HTTP API of a live server, up to the warehouse:
/// who declares it, what can be accepted, the pickup it becomes and the weight
/// it arrives at; an offer broadcast to nearby partners; and regular pickups on
/// donors' usual days. Sorting what arrived is in `PickupSortingTests`.
@Suite struct DonationFlowTests {
    typealias Declaration = DonorPickup.Declaration
    typealias OfferView = DonorPickup.OfferView
    typealias PickupView = DonorPickup.PickupView

    @Test func aPartnerCannotDeclareADonorsOffer() async throws {
        let donation = try await DonorPickup.make()
        try await withLiveServer(donation.world.test.kernel) { client throws in
            _ = try await donation.declared(client)
            #expect(try await donation.declare(client, token: donation.world.partners[0].member.token).status == .forbidden)
        }
    }

    @Test func anOfferWithFoodUnderTwoDaysFromItsUseByCannotBeAcceptedWhole() async throws {
        let donation = try await DonorPickup.make()
        try await withLiveServer(donation.world.test.kernel) { client throws in
            // The yogurts expire tomorrow: under 48 hours left.
            let whole = try await donation.accept(client, try await donation.declared(client), lines: nil)
            #expect(whole.apiError?.code == "use_by_too_close")
        }
    }

    @Test func anOfferCanBeAcceptedInPart() async throws {
        let donation = try await DonorPickup.make()
        try await withLiveServer(donation.world.test.kernel) { client throws in
            #expect(try await donation.accepted(client).offer.status == "partially_accepted")
        }
    }

    @Test func anAcceptedOfferIsAPickupTaskFromTheDonorsShopToTheWarehouse() async throws {
        let donation = try await DonorPickup.make()
        try await withLiveServer(donation.world.test.kernel) { client throws in
            let task = try await donation.accepted(client).task
            #expect(task.kind == "foodaid.donor_pickup")
            #expect(task.pickup?.siteId == donation.shop.id)
            #expect(task.drop?.siteId == donation.world.warehouse.id)
            #expect(task.kg == 40)
        }
    }

    @Test func aPickupDroppedAtTheWarehouseIsReceivedAtTheWeightOnTheScale() async throws {
        let donation = try await DonorPickup.make()
        try await withLiveServer(donation.world.test.kernel) { client throws in
            let pickup = try await donation.received(client).pickup
            let received = try await donation.pickups(client).first { $0.id == pickup.id }
            #expect(received?.status == "received")
            #expect(received?.receivedKg == 41.25)
        }
    }

    @Test func aBroadcastOfferGoesToTheFirstNearbyPartnerToClaimIt() async throws {
        let world = try await FoodAidWorld.make(households: [10, 10, 10])
        let donor = try await world.fixtures.organisation("Boulangerie", .donor)
        _ = try await world.fixtures.site(of: donor.id, latitude: 48.105, longitude: -1.67)
        // The third partner is 60 km away.
        let far = try await world.fixtures.organisation("Loin", .partnerAssociation)
        _ = try await world.fixtures.site(of: far.id, latitude: 48.65, longitude: -2.02)
        let farMember = try await world.fixtures.logIn("member@far.test", role: .member, in: far.id)
        try await withLiveServer(world.test.kernel) { client throws in
            let now = world.test.clock.now()
            let offer = try await client.json(
                .post, "/api/v1/foodaid/offers", token: world.coordinator.token,
                body: Declaration(
                    donorId: donor.id, availableFrom: now, availableUntil: now.addingTimeInterval(3 * 3600),
                    lines: [.init(category: "dry_grocery", description: "pain du jour", estimatedKg: 6)])
            ).decode(OfferView.self)
            #expect(
                try await client.json(.post, "/api/v1/foodaid/offers/\(offer.id)/broadcast", token: world.coordinator.token).status == .ok)
            let seen = try await client.json(.get, "/api/v1/foodaid/offers", token: world.partners[1].member.token).decode([OfferView].self)
            #expect(seen.map(\.id) == [offer.id])
            #expect(try await client.json(.get, "/api/v1/foodaid/offers", token: farMember.token).decode([OfferView].self).isEmpty)
            struct Claim: Encodable { let organisationId: UUID }
            let first = try await client.json(
                .post, "/api/v1/foodaid/offers/\(offer.id)/claim", token: world.partners[1].member.token,
                body: Claim(organisationId: world.partners[1].organisation.id))
            #expect(first.status == .ok)
            let second = try await client.json(
                .post, "/api/v1/foodaid/offers/\(offer.id)/claim", token: world.partners[0].member.token,
                body: Claim(organisationId: world.partners[0].organisation.id))
            // The loser saw it too: it is told the offer is gone, not that there is none.
            #expect(second.status == .conflict, "\(second.text)")
            #expect(second.apiError?.code == "offer_gone")
            let farClaim = try await client.json(
                .post, "/api/v1/foodaid/offers/\(offer.id)/claim", token: farMember.token, body: Claim(organisationId: far.id))
            #expect(farClaim.status == .notFound, "a partner the offer never reached learns nothing of it")
            #expect(
                try await client.json(.get, "/api/v1/foodaid/offers", token: world.partners[0].member.token).decode([OfferView].self)
                    .isEmpty)
        }
    }

    @Test func regularPickupsFollowDonorsUsualDaysOncePerDay() async throws {
        let world = try await FoodAidWorld.make(households: [10])
        let donor = try await world.fixtures.organisation("Carrefour", .donor)
        _ = try await world.fixtures.site(of: donor.id)
        try await withLiveServer(world.test.kernel) { client throws in
            struct Profile: Encodable { let donorType: String; let usualPickupDays: [String] }
            #expect(
                try await client.json(
                    .put, "/api/v1/foodaid/donors/\(donor.id)/profile", token: world.coordinator.token,
                    body: Profile(donorType: "supermarket", usualPickupDays: ["monday", "thursday"])
                ).status == .ok)
            struct Schedule: Encodable { let from: CalendarDate; let until: CalendarDate; let warehouseSiteId: UUID }
            let body = Schedule(from: CalendarDate("2026-01-12")!, until: CalendarDate("2026-01-25")!, warehouseSiteId: world.warehouse.id)
            let created = try await client.json(.post, "/api/v1/foodaid/pickups/schedule", token: world.coordinator.token, body: body)
                .decode([PickupView].self)
            #expect(created.count == 4)
            let again = try await client.json(.post, "/api/v1/foodaid/pickups/schedule", token: world.coordinator.token, body: body).decode(
                [PickupView].self)
            #expect(again.isEmpty)
            let tasks = try await client.json(.get, "/api/v1/tasks?status=pending", token: world.coordinator.token).decode(
                [LogisticsTask].self)
            #expect(tasks.filter { $0.kind == "foodaid.donor_pickup" }.count == 4)
        }
    }
}
