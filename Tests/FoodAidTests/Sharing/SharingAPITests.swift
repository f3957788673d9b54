import CollectoKernel
import CollectoTestSupport
import FoodAid
import Foundation
import HTTPTypes
import HummingbirdTesting
import Testing

@Suite struct SharingAPITests {
    struct SurplusBody: Encodable { let organisationId: UUID; let description: String; let quantity: Int; let useBy: CalendarDate? }
    struct Actor: Encodable { let organisationId: UUID }
    struct SurplusView: Decodable { let id: UUID; let status: String; let claimedBy: UUID? }

    @Test func aSurplusGoesToTheFirstClaimantAndItsTransferIsRecorded() async throws {
        let world = try await FoodAidWorld.make(households: [10, 10, 10])
        let (a, b, c) = (world.partners[0], world.partners[1], world.partners[2])
        try await withAPI(world.test.kernel) { client throws in
            let expired = try await client.json(
                .post, "/api/v1/foodaid/surpluses", token: a.member.token,
                body: SurplusBody(
                    organisationId: a.organisation.id, description: "yaourts", quantity: 20, useBy: world.today.adding(days: -1)))
            #expect(expired.apiError?.field == "useBy")
            let posted = try await client.json(
                .post, "/api/v1/foodaid/surpluses", token: a.member.token,
                body: SurplusBody(
                    organisationId: a.organisation.id, description: "yaourts", quantity: 20, useBy: world.today.adding(days: 4))
            )
            .decode(SurplusView.self)
            #expect(
                try await client.json(.get, "/api/v1/foodaid/surpluses", token: c.member.token).decode([SurplusView].self).map(\.id) == [
                    posted.id
                ])
            #expect(
                try await client.json(
                    .post, "/api/v1/foodaid/surpluses/\(posted.id)/claim", token: b.member.token,
                    body: Actor(organisationId: c.organisation.id)
                ).status == .forbidden)
            #expect(
                try await client.json(
                    .post, "/api/v1/foodaid/surpluses/\(posted.id)/claim", token: b.member.token,
                    body: Actor(organisationId: b.organisation.id)
                ).status == .ok)
            let late = try await client.json(
                .post, "/api/v1/foodaid/surpluses/\(posted.id)/claim", token: c.member.token, body: Actor(organisationId: c.organisation.id)
            )
            #expect(late.apiError?.code == "surplus_status")
            #expect(try await client.json(.get, "/api/v1/foodaid/surpluses", token: c.member.token).decode([SurplusView].self).isEmpty)
            #expect(
                try await client.json(
                    .post, "/api/v1/foodaid/surpluses/\(posted.id)/transfer", token: b.member.token,
                    body: Actor(organisationId: b.organisation.id)
                ).status == .forbidden)
            let transferred = try await client.json(
                .post, "/api/v1/foodaid/surpluses/\(posted.id)/transfer", token: a.member.token,
                body: Actor(organisationId: a.organisation.id))
            #expect(try transferred.decode(SurplusView.self).status == "transferred")
            #expect(
                try await client.json(.get, "/api/v1/foodaid/surpluses", token: b.member.token).decode([SurplusView].self).first?.claimedBy
                    == b.organisation.id)
        }
    }

    @Test func sharedEquipmentIsNeverBookedTwiceAtOnceNorForATimeGonePast() async throws {
        let world = try await FoodAidWorld.make(households: [10, 10])
        let (a, b) = (world.partners[0], world.partners[1])
        try await withAPI(world.test.kernel) { client throws in
            struct Item: Encodable { let ownerId: UUID; let name: String; let kind: String }
            struct Booking: Encodable { let borrowerId: UUID; let startsAt: Date; let endsAt: Date }
            struct Ref: Decodable { let id: UUID }
            #expect(
                try await client.json(
                    .post, "/api/v1/foodaid/equipment", token: a.member.token, body: Item(ownerId: world.bank.id, name: "x", kind: "scale")
                ).status == .forbidden)
            let item = try await client.json(
                .post, "/api/v1/foodaid/equipment", token: world.coordinator.token,
                body: Item(ownerId: world.bank.id, name: "Chambre froide 2", kind: "cold_room")
            ).decode(Ref.self)
            let start = world.test.clock.now()
            let first = try await client.json(
                .post, "/api/v1/foodaid/equipment/\(item.id)/bookings", token: a.member.token,
                body: Booking(borrowerId: a.organisation.id, startsAt: start, endsAt: start.addingTimeInterval(2 * 86_400)))
            #expect(first.status == .created)
            let overlap = try await client.json(
                .post, "/api/v1/foodaid/equipment/\(item.id)/bookings", token: b.member.token,
                body: Booking(
                    borrowerId: b.organisation.id, startsAt: start.addingTimeInterval(86_400), endsAt: start.addingTimeInterval(3 * 86_400))
            )
            #expect(overlap.apiError?.code == "double_booking")
            let after = try await client.json(
                .post, "/api/v1/foodaid/equipment/\(item.id)/bookings", token: b.member.token,
                body: Booking(
                    borrowerId: b.organisation.id, startsAt: start.addingTimeInterval(2 * 86_400),
                    endsAt: start.addingTimeInterval(3 * 86_400)))
            #expect(after.status == .created)
            #expect(
                try await client.json(.get, "/api/v1/foodaid/equipment/\(item.id)/bookings", token: a.member.token).decode([Ref].self).count
                    == 2)
            let past = try await client.json(
                .post, "/api/v1/foodaid/equipment/\(item.id)/bookings", token: b.member.token,
                body: Booking(
                    borrowerId: b.organisation.id, startsAt: start.addingTimeInterval(-3 * 86_400),
                    endsAt: start.addingTimeInterval(-86_400)))
            #expect(past.apiError?.field == "endsAt", "a slot wholly past is not booked")
        }
    }
}
