import CollectoKernel
import CollectoTestSupport
import FoodAid
import Foundation
import HTTPTypes
import HummingbirdTesting
import Testing

/// Sorting a donor's pickup once it is received at the warehouse, through the
/// HTTP API of a live server: the sorting must account for every gram, puts the
/// stock into lots, happens once, and tells processing and biowaste through
/// kernel events.
@Suite struct PickupSortingTests {
    @Test func aSortingThatDoesNotAddUpToTheWeightReceivedIsRefused() async throws {
        let donation = try await DonorPickup.make()
        try await withLiveServer(donation.world.test.kernel) { client throws in
            let pickup = try await donation.received(client).pickup
            // 30 + 8.2 + 3 kg: 50 g short of the 41.25 kg received.
            let off = try await donation.sorting(client, processingKg: 8.2, unfitKg: 3)
            #expect(try await donation.sort(client, pickup, off).apiError?.code == "sorting_mismatch")
        }
    }

    @Test func aSortingToTheGramPutsTheStockIntoLotsFromThePickup() async throws {
        let donation = try await DonorPickup.make()
        try await withLiveServer(donation.world.test.kernel) { client throws in
            let pickup = try await donation.received(client).pickup
            let sorted = try await donation.sort(client, pickup, try await donation.rightSorting(client))
            #expect(sorted.status == .ok, "\(sorted.text)")
            struct Result: Decodable { let gramsToStock: Int; let gramsToProcessing: Int; let gramsUnfit: Int; let lots: [Lot] }
            let result = try sorted.decode(Result.self)
            #expect(result.gramsToStock + result.gramsToProcessing + result.gramsUnfit == 41_250)
            #expect(result.lots.first?.onHand == 60)
            #expect(result.lots.first?.originKind == .pickup)
        }
    }

    @Test func aPickupIsSortedOnlyOnce() async throws {
        let donation = try await DonorPickup.make()
        try await withLiveServer(donation.world.test.kernel) { client throws in
            let pickup = try await donation.received(client).pickup
            let right = try await donation.rightSorting(client)
            #expect(try await donation.sort(client, pickup, right).status == .ok)
            #expect(try await donation.sort(client, pickup, right).status == .conflict)
        }
    }

    @Test func processingAndBiowasteLearnOfTheSortingThroughKernelEventsNotThroughFoodAid() async throws {
        let donation = try await DonorPickup.make()
        try await withLiveServer(donation.world.test.kernel) { client throws in
            let pickup = try await donation.received(client).pickup
            #expect(try await donation.sort(client, pickup, try await donation.rightSorting(client)).status == .ok)
        }
        let events = try await donation.world.test.kernel.units.read { db in
            try await db.query("SELECT event_type, payload FROM kernel_outbox WHERE event_type <> 'kernel.task_stop_recorded' ORDER BY id")
                .map {
                    (try $0.string("event_type"), try $0.string("payload"))
                }
        }
        #expect(events.map(\.0) == ["kernel.end_of_life_produce_available", "kernel.biowaste_produced"])
        let produce = try JSONBody.decoder.decode(EndOfLifeProduceAvailable.self, from: Data(events[0].1.utf8))
        #expect(produce.kg == 8.249)
        #expect(produce.siteId == donation.world.warehouse.id)
    }

    @Test func aSortingFarFromTheDriversWeighingNeedsAReasonAndBothWeightsAreKept() async throws {
        let donation = try await DonorPickup.make()
        try await withAPI(donation.world.test.kernel) { client throws in
            let pickup = try await donation.received(client).pickup
            let pasta = try await donation.sorting(client, processingKg: 0.2, unfitKg: 0.1).stock
            // The driver weighed 41.25 kg; the sorting finds 30.3 kg: 10.95 kg vanished, far above 2% (825 g).
            var light = DonorPickup.Sorting(
                receivedKg: 30.3, stock: pasta, processing: [.init(category: "fruit_vegetables", kg: 0.2, remainingShelfLifeDays: 3)],
                unfit: [.init(kg: 0.1, reason: "moisi")])
            let refused = try await donation.sort(client, pickup, light)
            #expect(refused.status == .unprocessableContent, "\(refused.text)")
            #expect(refused.apiError?.code == "weight_difference_unexplained")
            #expect(refused.apiError?.field == "weightDifferenceReason")
            #expect(refused.apiError?.values?["driverGrams"]?.number == 41_250)
            #expect(refused.apiError?.values?["toleranceGrams"]?.number == 825)
            light.weightDifferenceReason = "un carton resté dans le camion"
            let sorted = try await donation.sort(client, pickup, light)
            #expect(sorted.status == .ok, "\(sorted.text)")
            struct Kept: Decodable { let id: UUID; let receivedKg: Double?; let driverKg: Double?; let weightDifferenceReason: String? }
            let kept = try await client.json(.get, "/api/v1/foodaid/pickups/\(pickup.id)", token: donation.world.coordinator.token)
                .decode(Kept.self)
            let outsider = try await client.json(
                .get, "/api/v1/foodaid/pickups/\(pickup.id)", token: donation.world.partners[0].member.token)
            #expect(outsider.status == .notFound)
            #expect(kept.driverKg == 41.25)
            #expect(kept.receivedKg == 30.3)
            #expect(kept.weightDifferenceReason == "un carton resté dans le camion")
        }
    }

    @Test func aSortingWithinTwoPercentOfTheDriversWeighingNeedsNoReason() async throws {
        let donation = try await DonorPickup.make()
        try await withAPI(donation.world.test.kernel) { client throws in
            let pickup = try await donation.received(client).pickup
            // 40.5 kg sorted against 41.25 kg weighed: 750 g apart, within 2% (825 g).
            let close = try await donation.sorting(client, processingKg: 7.499, unfitKg: 3.001)
            let sorted = try await donation.sort(
                client, pickup, .init(receivedKg: 40.5, stock: close.stock, processing: close.processing, unfit: close.unfit))
            #expect(sorted.status == .ok, "\(sorted.text)")
        }
    }

    @Test func theLotsOfAPickupAreFoundByItsReferenceInEitherCase() async throws {
        let donation = try await DonorPickup.make()
        try await withAPI(donation.world.test.kernel) { client throws in
            let pickup = try await donation.received(client).pickup
            let sorted = try await donation.sort(client, pickup, try await donation.rightSorting(client))
            struct Result: Decodable { let lots: [Lot] }
            let made = try sorted.decode(Result.self).lots.map(\.id)
            let rice = try await donation.world.product(
                client, .init(code: "RIZ", name: "Riz", category: "dry_grocery", unitWeightKg: 1))
            _ = try await donation.world.receive(client, rice, 5, bestBefore: donation.world.today.adding(days: 100))
            let found = try await client.json(
                .get, "/api/v1/foodaid/lots?originReference=\(pickup.id.uuidString)", token: donation.world.coordinator.token
            ).decode([Lot].self)
            #expect(found.map(\.id) == made)
        }
    }
}
