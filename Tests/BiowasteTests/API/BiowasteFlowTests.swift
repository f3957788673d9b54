import Biowaste
import CollectoKernel
import CollectoTestSupport
import Foundation
import HTTPTypes
import HummingbirdTesting
import Testing

/// Biowaste through the HTTP API of a live server, one rule per step: waste
/// arrives from an event and a request, a pickup is planned on a round (never
/// with food), weighed or refused by the driver, and weighed again on delivery.
/// The register and reports are in `BiowasteRegisterTests`.
@Suite struct BiowasteFlowTests {
    @Test func onlyTheCityRegistersCollectionPointsAndTheirBins() async throws {
        let circuit = try await BiowasteCircuit.make()
        try await withLiveServer(circuit.test.kernel) { client throws in
            #expect(try await circuit.addPoint(client, token: circuit.member.token).status == .forbidden)
            try await circuit.registerPoint(client)
            #expect(try await circuit.addBin(client, BiowasteCircuit.smallBin, token: circuit.member.token).status == .forbidden)
        }
    }

    @Test func wasteFromAnEventAndARequestWaitsAtThePoint() async throws {
        let circuit = try await BiowasteCircuit.make()
        try await withLiveServer(circuit.test.kernel) { client throws in
            try await circuit.wasteWaiting(client)
            let waiting = try await circuit.waiting(client, as: BiowasteCircuit.Waiting.self)
            #expect(Set(waiting.map(\.source)) == ["event", "request"])
            // The request estimates its bins at 90 % full: 324 of 360 L, at 0.5 kg a litre.
            #expect(waiting.first { $0.source == "request" }?.estimatedKg == 162)
        }
    }

    @Test func aPickupTakesAllTheWaitingWasteToThePlatformAsANonFoodTask() async throws {
        let circuit = try await BiowasteCircuit.make()
        try await withLiveServer(circuit.test.kernel) { client throws in
            let planned = try await circuit.planned(client)
            #expect(planned.pickup.estimatedKg == 174.5)
            #expect(planned.pickup.destinationSiteId == circuit.compost.id)
            #expect(planned.task.isFood == false)
            #expect(planned.task.drop?.siteId == circuit.compost.id)
        }
    }

    @Test func theDaysPickupsAreListedToTheCityAndToTheProducer() async throws {
        let circuit = try await BiowasteCircuit.make()
        try await withLiveServer(circuit.test.kernel) { client throws in
            let planned = try await circuit.planned(client)
            #expect(try await circuit.pickupIDs(client, token: circuit.coordinator.token) == [planned.pickup.id])
            #expect(try await circuit.pickupIDs(client, token: circuit.member.token) == [planned.pickup.id])
        }
    }

    @Test func foodAndBiowasteNeverShareATruck() async throws {
        let circuit = try await BiowasteCircuit.make()
        try await withLiveServer(circuit.test.kernel) { client throws in
            let planned = try await circuit.planned(client)
            let bread = try await circuit.fixtures.task(
                for: circuit.city.id, from: circuit.depot.id, to: circuit.compost.id, kg: 20, isFood: true)
            let mixed = try await circuit.round(
                client,
                [
                    .init(siteId: circuit.depot.id, pickups: [bread.id]), .init(siteId: circuit.shop.id, pickups: [planned.task.id]),
                    .init(siteId: circuit.compost.id, drops: [bread.id, planned.task.id]),
                ])
            #expect(mixed.apiError?.code == "round_infeasible")
            // Without the bread, the same truck takes the biowaste.
            _ = try await circuit.onARound(client, planned)
        }
    }

    @Test func onlyTheCarrierRecordsWhatItCollected() async throws {
        let circuit = try await BiowasteCircuit.make()
        try await withLiveServer(circuit.test.kernel) { client throws in
            let scheduled = try await circuit.onARound(client)
            #expect(try await circuit.recordCollection(client, scheduled.pickup, token: circuit.member.token).status == .forbidden)
            let collected = try await circuit.recordCollection(client, scheduled.pickup, token: circuit.driver.token)
            #expect(collected.status == .ok, "\(collected.text)")
            #expect(try collected.decode(BiowastePickup.self).collectedKg == 110.4)
        }
    }

    @Test func theProducerIsToldWhyABinWasRefused() async throws {
        let circuit = try await BiowasteCircuit.make()
        try await withLiveServer(circuit.test.kernel) { client throws in
            _ = try await circuit.collected(client)
            struct Notice: Decodable { let message: String }
            let notices = try await client.json(.get, "/api/v1/biowaste/points/\(circuit.shop.id)/notices", token: circuit.member.token)
                .decode([Notice].self)
            #expect(notices.first?.message.contains("sacs plastiques") == true)
        }
    }

    @Test func theLoadIsWeighedAgainWhenDeliveredAtThePlatform() async throws {
        let circuit = try await BiowasteCircuit.make()
        try await withLiveServer(circuit.test.kernel) { client throws in
            let scheduled = try await circuit.delivered(client)
            let delivered = try await circuit.pickup(client, scheduled.pickup.id)
            #expect(delivered.status == "delivered")
            #expect(delivered.deliveredKg == 109.9)
        }
    }

    @Test func wasteProducedBeforeACollectionLeftWithItAndWasteProducedSinceWaits() async throws {
        let circuit = try await BiowasteCircuit.make()
        try await withLiveServer(circuit.test.kernel) { client throws in
            _ = try await circuit.delivered(client)
            // Reported an hour after the collection: one produced before it, one since.
            circuit.test.clock.advance(by: 3600)
            for (reference, producedAt) in [
                ("late", circuit.test.clock.now().addingTimeInterval(-7200)), ("fresh", circuit.test.clock.now()),
            ] {
                try await circuit.publishUnfitFood(reference: reference, kg: 4, reason: reference, producedAt: producedAt)
            }
            struct Note: Decodable { let note: String? }
            try await eventually { try await circuit.waiting(client, as: Note.self).contains { $0.note == "foodaid: fresh" } }
            #expect(!(try await circuit.waiting(client, as: Note.self)).contains { $0.note == "foodaid: late" })
        }
    }
}
