import CollectoKernel
import CollectoTestSupport
import FoodAid
import Foundation
import HTTPTypes
import HummingbirdTesting
import Testing

/// A booking of shared equipment can be cancelled by the borrower or by the
/// owner, while it is still to come or under way; the slot is free again.
@Suite struct BookingCancellationTests {
    struct Item: Encodable { let ownerId: UUID; let name: String; let kind: String }
    struct Booking: Encodable { let borrowerId: UUID; let startsAt: Date; let endsAt: Date }
    struct Ref: Decodable { let id: UUID; let status: String? }
    struct Reason: Encodable { let reason: String }

    @Test func theBorrowerCancelsAndTheSlotIsFreeForAnotherPartner() async throws {
        let world = try await FoodAidWorld.make(households: [10, 10])
        let (a, b) = (world.partners[0], world.partners[1])
        try await withAPI(world.test.kernel) { client throws in
            let item = try await client.json(
                .post, "/api/v1/foodaid/equipment", token: world.coordinator.token,
                body: Item(ownerId: world.bank.id, name: "Camion frigo", kind: "vehicle")
            ).decode(Ref.self)
            let start = world.test.clock.now().addingTimeInterval(86_400)
            let slot = Booking(borrowerId: a.organisation.id, startsAt: start, endsAt: start.addingTimeInterval(86_400))
            let booked = try await client.json(.post, "/api/v1/foodaid/equipment/\(item.id)/bookings", token: a.member.token, body: slot)
                .decode(Ref.self)
            let cancel = "/api/v1/foodaid/equipment/\(item.id)/bookings/\(booked.id)/cancel"
            // Another partner can neither see nor cancel it.
            #expect(try await client.json(.post, cancel, token: b.member.token, body: Reason(reason: "x")).status == .notFound)
            let cancelled = try await client.json(.post, cancel, token: a.member.token, body: Reason(reason: "plus besoin"))
            #expect(cancelled.status == .ok, "\(cancelled.text)")
            #expect(try cancelled.decode(Ref.self).status == "cancelled")
            #expect(
                try await client.json(.post, cancel, token: a.member.token, body: Reason(reason: "encore")).apiError?.code
                    == "booking_closed")
            let theirs = Booking(borrowerId: b.organisation.id, startsAt: start, endsAt: start.addingTimeInterval(86_400))
            let rebooked = try await client.json(
                .post, "/api/v1/foodaid/equipment/\(item.id)/bookings", token: b.member.token, body: theirs)
            #expect(rebooked.status == .created, "\(rebooked.text)")
        }
    }

    @Test func theOwnerCancelsABookingButNotOneAlreadyOver() async throws {
        let world = try await FoodAidWorld.make(households: [10])
        let a = world.partners[0]
        try await withAPI(world.test.kernel) { client throws in
            let item = try await client.json(
                .post, "/api/v1/foodaid/equipment", token: world.coordinator.token,
                body: Item(ownerId: world.bank.id, name: "Balance", kind: "scales")
            ).decode(Ref.self)
            let now = world.test.clock.now()
            let soon = try await client.json(
                .post, "/api/v1/foodaid/equipment/\(item.id)/bookings", token: a.member.token,
                body: Booking(borrowerId: a.organisation.id, startsAt: now.addingTimeInterval(3_600), endsAt: now.addingTimeInterval(7_200))
            ).decode(Ref.self)
            let later = try await client.json(
                .post, "/api/v1/foodaid/equipment/\(item.id)/bookings", token: a.member.token,
                body: Booking(
                    borrowerId: a.organisation.id, startsAt: now.addingTimeInterval(86_400), endsAt: now.addingTimeInterval(90_000))
            ).decode(Ref.self)
            let byOwner = try await client.json(
                .post, "/api/v1/foodaid/equipment/\(item.id)/bookings/\(later.id)/cancel", token: world.coordinator.token,
                body: Reason(reason: "en panne"))
            #expect(byOwner.status == .ok, "\(byOwner.text)")
            world.test.clock.advance(by: 3 * 3_600)
            let over = try await client.json(
                .post, "/api/v1/foodaid/equipment/\(item.id)/bookings/\(soon.id)/cancel", token: a.member.token, body: Reason(reason: "x"))
            #expect(over.status == .conflict)
            #expect(over.apiError?.code == "booking_closed")
        }
    }
}
