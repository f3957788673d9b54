import CollectoKernel
import CollectoTestSupport
import FoodAid
import Foundation
import HTTPTypes
import HummingbirdTesting
import Testing

/// From a donor's offer to sorted stock, through a real round.
@Suite struct DonationFlowTests {
    struct Line: Encodable { var category: String; var description: String; var estimatedKg: Double; var useBy: CalendarDate? = nil }
    struct Declaration: Encodable { var donorId: UUID; var availableFrom: Date; var availableUntil: Date; var lines: [Line] }
    struct Accept: Encodable {
        struct Part: Encodable { let lineNo: Int; let acceptedKg: Double }; var lines: [Part]?; var warehouseSiteId: UUID
    }
    struct OfferView: Decodable { let id: UUID; let status: String; let pickupId: UUID? }
    struct PickupView: Decodable { let id: UUID; let status: String; let taskId: UUID?; let receivedKg: Double? }

    @Test func anAcceptedOfferIsPickedUpWeighedAndSortedToTheGram() async throws {
        let world = try await FoodAidWorld.make(households: [10])
        let donor = try await world.fixtures.organisation("Supermarché", .donor)
        let shop = try await world.fixtures.site(of: donor.id, name: "Magasin", latitude: 48.115, longitude: -1.69)
        let donorUser = try await world.fixtures.logIn("dons@shop.test", role: .member, in: donor.id)
        let van = try await world.fixtures.vehicle(of: world.bank.id, refrigerated: true)
        let driver = try await world.fixtures.logIn("driver@bank.test", role: .driver, in: world.bank.id)
        try await withLiveServer(world.test.kernel) { client throws in
            let now = world.test.clock.now()
            let declaration = Declaration(
                donorId: donor.id, availableFrom: now, availableUntil: now.addingTimeInterval(6 * 3600),
                lines: [
                    .init(category: "dry_grocery", description: "pâtes", estimatedKg: 40),
                    .init(category: "dairy", description: "yaourts", estimatedKg: 15, useBy: world.today.adding(days: 1)),
                ])
            let declared = try await client.json(.post, "/api/v1/foodaid/offers", token: donorUser.token, body: declaration)
            #expect(declared.status == .created, "\(declared.text)")
            let offer = try declared.decode(OfferView.self)
            #expect(
                try await client.json(.post, "/api/v1/foodaid/offers", token: world.partners[0].member.token, body: declaration).status
                    == .forbidden)

            // The yogurts expire tomorrow: under 48 hours left, so the whole offer cannot be accepted.
            let whole = try await client.json(
                .post, "/api/v1/foodaid/offers/\(offer.id)/accept", token: world.coordinator.token,
                body: Accept(lines: nil, warehouseSiteId: world.warehouse.id))
            #expect(whole.apiError?.code == "use_by_too_close")
            let partial = try await client.json(
                .post, "/api/v1/foodaid/offers/\(offer.id)/accept", token: world.coordinator.token,
                body: Accept(
                    lines: [.init(lineNo: 1, acceptedKg: 40), .init(lineNo: 2, acceptedKg: 0)], warehouseSiteId: world.warehouse.id))
            let accepted = try partial.decode(OfferView.self)
            #expect(accepted.status == "partially_accepted")
            let pickups = try await client.json(.get, "/api/v1/foodaid/pickups", token: world.coordinator.token).decode([PickupView].self)
            let pickup = try #require(pickups.first { $0.id == accepted.pickupId })
            let task = try await client.json(.get, "/api/v1/tasks/\(try #require(pickup.taskId))", token: world.coordinator.token).decode(
                LogisticsTask.self)
            #expect(task.kind == "foodaid.donor_pickup")
            #expect(task.pickup?.siteId == shop.id)
            #expect(task.drop?.siteId == world.warehouse.id)
            #expect(task.kg == 40)

            // A round collects it and drops it at the warehouse: 41.25 kg on the scale.
            let round = try await client.json(
                .post, "/api/v1/rounds", token: world.coordinator.token,
                body: RoundRequest(
                    organisationId: world.bank.id, day: world.today, startTime: LocalTime(hour: 10, minute: 0)!, vehicleId: van.id,
                    driverUserId: driver.user.id,
                    stops: [.init(siteId: shop.id, pickups: [task.id]), .init(siteId: world.warehouse.id, drops: [task.id])])
            ).decode(Round.self)
            for (sequence, action, kg) in [(1, Round.Action.pickup, 41.25), (2, .drop, 41.25)] {
                let recorded = try await client.json(
                    .post, "/api/v1/rounds/\(round.id)/stops/\(sequence)/complete", token: driver.token,
                    body: StopCompletion(entries: [.init(taskId: task.id, action: action, actualKg: kg)]))
                #expect(recorded.status == .ok, "\(recorded.text)")
            }
            try await world.test.kernel.relay.deliverPending()
            try await eventually {
                try await client.json(.get, "/api/v1/foodaid/pickups", token: world.coordinator.token).decode([PickupView].self)
                    .first { $0.id == pickup.id }?.status == "received"
            }
            let received = try await client.json(.get, "/api/v1/foodaid/pickups", token: world.coordinator.token).decode([PickupView].self)
                .first { $0.id == pickup.id }
            #expect(received?.status == "received")
            #expect(received?.receivedKg == 41.25)

            let pasta = try await world.product(
                client, .init(code: "PASTA", name: "Pâtes 500 g", category: "dry_grocery", unitWeightKg: 0.5))
            struct Sorting: Encodable {
                struct Stock: Encodable { let productId: UUID; let quantity: Int; let kg: Double?; let bestBefore: CalendarDate? }
                struct Processing: Encodable { let category: String; let kg: Double; let remainingShelfLifeDays: Int }
                struct Unfit: Encodable { let kg: Double; let reason: String }
                let receivedKg: Double
                let stock: [Stock]
                let processing: [Processing]
                let unfit: [Unfit]
            }
            let off = Sorting(
                receivedKg: 41.25, stock: [.init(productId: pasta.id, quantity: 60, kg: 30, bestBefore: world.today.adding(days: 300))],
                processing: [.init(category: "fruit_vegetables", kg: 8.2, remainingShelfLifeDays: 3)],
                unfit: [.init(kg: 3, reason: "moisi")])
            let mismatch = try await client.json(
                .post, "/api/v1/foodaid/pickups/\(pickup.id)/sorting", token: world.coordinator.token, body: off)
            #expect(mismatch.apiError?.code == "sorting_mismatch")
            let right = Sorting(
                receivedKg: 41.25, stock: off.stock,
                processing: [.init(category: "fruit_vegetables", kg: 8.249, remainingShelfLifeDays: 3)],
                unfit: [.init(kg: 3.001, reason: "moisi")])
            let sorted = try await client.json(
                .post, "/api/v1/foodaid/pickups/\(pickup.id)/sorting", token: world.coordinator.token, body: right)
            #expect(sorted.status == .ok, "\(sorted.text)")
            struct Result: Decodable { let gramsToStock: Int; let gramsToProcessing: Int; let gramsUnfit: Int; let lots: [Lot] }
            let result = try sorted.decode(Result.self)
            #expect(result.gramsToStock + result.gramsToProcessing + result.gramsUnfit == 41_250)
            #expect(result.lots.first?.onHand == 60)
            #expect(result.lots.first?.originKind == .pickup)
            let again = try await client.json(
                .post, "/api/v1/foodaid/pickups/\(pickup.id)/sorting", token: world.coordinator.token, body: right)
            #expect(again.status == .conflict)
        }
        // Processing and biowaste learn of it through kernel events, not through FoodAid.
        let events = try await world.test.kernel.units.read { db in
            try await db.query("SELECT event_type, payload FROM kernel_outbox WHERE event_type <> 'kernel.task_stop_recorded' ORDER BY id")
                .map {
                    (try $0.string("event_type"), try $0.string("payload"))
                }
        }
        #expect(events.map(\.0) == ["kernel.end_of_life_produce_available", "kernel.biowaste_produced"])
        let produce = try JSONBody.decoder.decode(EndOfLifeProduceAvailable.self, from: Data(events[0].1.utf8))
        #expect(produce.kg == 8.249)
        #expect(produce.siteId == world.warehouse.id)
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
            #expect(second.status == .notFound || second.apiError?.code == "offer_gone")
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
