import CollectoKernel
import CollectoTestSupport
import Foundation
import HTTPTypes
import HummingbirdTesting
import Testing

@testable import MicroTransform

/// The workshop's batches through the HTTP API of a live server, once produce
/// is brought in and planned: a batch within its limits is done and balances to
/// the gram, one outside its HACCP limits waits in quarantine for the manager,
/// the jars' genealogy answers a recall, and the reports and kernel events
/// account for every batch.
@Suite struct WorkshopBatchTests {
    typealias Finish = WorkshopCircuit.Finish
    typealias HACCP = WorkshopCircuit.HACCP

    @Test func aBatchCannotPutOutMoreUnitsThanWentIn() async throws {
        let circuit = try await WorkshopCircuit.make()
        try await withLiveServer(circuit.world.test.kernel) { client throws in
            let planned = try await circuit.planned(client)
            let running = try await circuit.start(client, planned.soup)
            let input = 44.2 + (running.addedKg ?? 0)
            let tooMuch = try await circuit.finish(client, planned.soup, Finish(outputUnits: Int(input) + 5, wasteKg: 1, haccp: HACCP()))
            #expect(tooMuch.apiError?.field == "outputUnits")
        }
    }

    @Test func aBatchWithinItsLimitsIsDoneAndItsMassBalancesToTheGram() async throws {
        let circuit = try await WorkshopCircuit.make()
        try await withLiveServer(circuit.world.test.kernel) { client throws in
            let planned = try await circuit.planned(client)
            let soup = try await circuit.cookedSoup(client, planned)
            #expect(soup.batch.status == .done)
            let balance = try await circuit.world.test.kernel.units.read { db in
                try await db.queryFirst(
                    """
                    SELECT added_grams, output_grams, waste_grams, evaporation_grams,
                        (SELECT SUM(used_grams) FROM microtransform_batch_inputs WHERE batch_id = ?) AS produce FROM microtransform_batches
                    WHERE id = ?
                    """, [planned.soup.id, planned.soup.id])
            }
            let row = try #require(balance)
            #expect(
                try row.int("produce") + row.int("added_grams")
                    == row.int("output_grams") + row.int("waste_grams") + row.int("evaporation_grams"))
            #expect(try row.int("output_grams") == soup.units * 1000)
        }
    }

    @Test func aBatchOutsideItsHACCPLimitsIsQuarantined() async throws {
        let circuit = try await WorkshopCircuit.make()
        try await withLiveServer(circuit.world.test.kernel) { client throws in
            let held = try await circuit.tooColdCompote(client, try await circuit.planned(client))
            #expect(held.status == .quarantined)
            #expect(held.deviations.count == 1)
        }
    }

    @Test func onlyTheManagerReleasesAQuarantinedBatch() async throws {
        let circuit = try await WorkshopCircuit.make()
        let world = circuit.world
        try await withLiveServer(world.test.kernel) { client throws in
            let held = try await circuit.tooColdCompote(client, try await circuit.planned(client))
            #expect(try await circuit.release(client, held, token: world.cook.token, reason: "ok").status == .forbidden)
            let released = try await circuit.release(client, held, token: world.manager.token)
            #expect(try released.decode(Batch.self).status == .released)
        }
    }

    @Test func theJarsGenealogyNamesTheFoodBankPickupTheyCameFrom() async throws {
        let circuit = try await WorkshopCircuit.make()
        let world = circuit.world
        try await withLiveServer(world.test.kernel) { client throws in
            let soup = try await circuit.cookedSoup(client, try await circuit.planned(client))
            let soupLot = try #require(soup.batch.outputLotId)
            struct Tree: Decodable {
                struct Source: Decodable { let lotId: UUID; let sourceModule: String?; let sourceReference: String? }
                let outputLot: OutputLot
                let sources: [Source]
            }
            let tree = try await client.json(
                .get, "/api/v1/microtransform/output-lots/\(soupLot)/genealogy", token: world.bankCoordinator.token
            )
            .decode(Tree.self)
            #expect(tree.sources.map(\.sourceReference) == ["pickup-42"])
            // Within its limits, the soup is released at once.
            #expect(tree.outputLot.status == .released)
            #expect(tree.outputLot.bestBefore == world.today.adding(days: 365))
        }
    }

    @Test func aRecallOfThePickupFindsTheJarsMadeFromItAndBlocksThem() async throws {
        let circuit = try await WorkshopCircuit.make()
        try await withLiveServer(circuit.world.test.kernel) { client throws in
            let soupLot = try #require(try await circuit.cookedBoth(client).soup.batch.outputLotId)
            let recalled = try await circuit.recallPickup(client)
            #expect(recalled.status == .ok, "\(recalled.text)")
            struct RecallReport: Decodable { let outputLots: [OutputLot] }
            let report = try recalled.decode(RecallReport.self)
            // The compote, made of the farm's apples, is not recalled.
            #expect(report.outputLots.map(\.id) == [soupLot])
            #expect(report.outputLots.first?.status == .recalled)
        }
        #expect(try await circuit.published().filter { $0.type == ProcessedFoodRecalled.eventType }.count == 1)
    }

    @Test func theWeeksReportCountsItsBatchesDeviationsAndProduceRescued() async throws {
        let circuit = try await WorkshopCircuit.make()
        let world = circuit.world
        try await withLiveServer(world.test.kernel) { client throws in
            _ = try await circuit.cookedBoth(client)
            struct Report: Decodable {
                struct Period: Decodable { let batches: Int; let kgRescued: Double; let haccpDeviations: Int }
                let periods: [Period]
            }
            let weekly = try await client.json(.get, "\(world.base)/reports?by=week", token: world.manager.token).decode(Report.self)
            let week = try #require(weekly.periods.last)
            #expect(week.batches == 2)
            #expect(week.haccpDeviations == 1)
            #expect(abs(week.kgRescued - (44.2 + 31.5)) < 0.001)
        }
    }

    @Test func theMonthsReportExportsAsCSV() async throws {
        let circuit = try await WorkshopCircuit.make()
        let world = circuit.world
        try await withLiveServer(world.test.kernel) { client throws in
            _ = try await circuit.cookedBoth(client)
            let csv = try await client.json(.get, "\(world.base)/reports?by=month&format=csv", token: world.manager.token)
            #expect(csv.text.hasPrefix("period,recipe,batches,produce_kg"))
        }
    }

    @Test func releasedJarsAreOfferedToFoodAidStockWithTheirSources() async throws {
        let circuit = try await WorkshopCircuit.make()
        try await withLiveServer(circuit.world.test.kernel) { client throws in _ = try await circuit.cookedBoth(client) }
        let events = try await circuit.published()
        #expect(events.filter { $0.type == ProcessedFoodAvailable.eventType }.count == 2)
        let soupEvent = try #require(events.first { $0.type == ProcessedFoodAvailable.eventType })
        let available = try JSONBody.decoder.decode(ProcessedFoodAvailable.self, from: Data(soupEvent.payload.utf8))
        #expect(available.sourceReferences == ["foodaid:pickup-42"])
        #expect(available.productCode == "ATELIER-SOUPE-1L")
    }

    @Test func theWasteOfEveryBatchGoesToBiowaste() async throws {
        let circuit = try await WorkshopCircuit.make()
        try await withLiveServer(circuit.world.test.kernel) { client throws in _ = try await circuit.cookedBoth(client) }
        #expect(try await circuit.published().filter { $0.type == BiowasteProduced.eventType }.count == 2)
    }
}
