import CollectoKernel
import CollectoTestSupport
import Foundation
import HTTPTypes
import HummingbirdTesting
import Testing

@testable import MicroTransform

/// A recall holds through the workshop: a batch cooking with a recalled lot
/// ends recalled, a recalled output is never released by any route, and a
/// recall of the source upstream blocks the produce and what was made of it.
@Suite struct RecallThroughBatchesTests {
    struct PlanView: Decodable { let batches: [Batch] }
    struct PlanRequest: Encodable { let days: Int }
    struct Declaration: Encodable { let sourceSiteId: UUID; let productName: String; let kg: Double; let spoilDate: CalendarDate }
    struct WeighIn: Encodable { let kg: Double }
    struct Reason: Encodable { let reason: String }
    struct Recall: Encodable { let inputLotId: UUID; let reason: String }
    struct HACCP: Encodable {
        var cookingCelsius = 95.0
        var cookingMinutes = 45
        var coreCelsius: Double? = 115
        var coolingMinutes = 90
    }
    struct Finish: Encodable { let outputUnits: Int; let wasteKg: Double; let haccp: HACCP }

    /// Carrots weighed in at the kitchen and a soup planned with them; returns the input lot and the batch.
    func plannedSoup(_ world: WorkshopWorld, _ client: some TestClientProtocol) async throws -> (lot: UUID, batch: Batch) {
        try await world.equip(client)
        let intake = try await client.json(
            .post, "\(world.base)/intakes", token: world.manager.token,
            body: Declaration(sourceSiteId: world.kitchen.id, productName: "carottes", kg: 40, spoilDate: world.today.adding(days: 3))
        ).decode(Intake.self)
        let accepted = try await client.json(
            .post, "/api/v1/microtransform/intakes/\(intake.id)/accept", token: world.manager.token, raw: "{}"
        ).decode(Intake.self)
        let weighed = try await client.json(
            .post, "/api/v1/microtransform/intakes/\(intake.id)/receive", token: world.cook.token, body: WeighIn(kg: 40))
        #expect(weighed.status == .ok, "\(weighed.text)")
        let plan = try await client.json(.post, "\(world.base)/plan", token: world.manager.token, body: PlanRequest(days: 5))
            .decode(PlanView.self)
        return (try #require(accepted.lotId), try #require(plan.batches.first))
    }

    func published(_ type: String, _ world: WorkshopWorld) async throws -> Int {
        try await world.test.kernel.units.read { db in
            try await db.scalarInt("SELECT COUNT(*) FROM kernel_outbox WHERE event_type = ?", [type])
        }
    }

    @Test func aBatchRunningWhenItsProduceIsRecalledEndsRecalledAndNeverReachesStock() async throws {
        let world = try await WorkshopWorld.make()
        try await withAPI(world.test.kernel) { client throws in
            let (lot, batch) = try await plannedSoup(world, client)
            let started = try await client.json(
                .post, "/api/v1/microtransform/batches/\(batch.id)/start", token: world.cook.token, raw: "{}")
            #expect(started.status == .ok, "\(started.text)")

            let recalled = try await client.json(
                .post, "\(world.base)/recalls", token: world.manager.token, body: Recall(inputLotId: lot, reason: "nitrates"))
            #expect(recalled.status == .ok, "\(recalled.text)")
            let report = try recalled.decode(Genealogy.RecallReport.self)
            #expect(report.runningBatchIds == [batch.id])

            let finished = try await client.json(
                .post, "/api/v1/microtransform/batches/\(batch.id)/finish", token: world.cook.token,
                body: Finish(outputUnits: 50, wasteKg: 2, haccp: HACCP()))
            #expect(finished.status == .ok, "\(finished.text)")
            let done = try finished.decode(Batch.self)
            #expect(done.status == .recalled)
            #expect(done.recallReason == "nitrates")
            let tree = try await client.json(
                .get, "/api/v1/microtransform/output-lots/\(try #require(done.outputLotId))/genealogy", token: world.manager.token)
            struct Tree: Decodable { let outputLot: OutputLot }
            #expect(try tree.decode(Tree.self).outputLot.status == .recalled)
            #expect(try await published(ProcessedFoodAvailable.eventType, world) == 0)

            for action in ["release", "discard"] {
                let decided = try await client.json(
                    .post, "/api/v1/microtransform/batches/\(batch.id)/\(action)", token: world.manager.token, body: Reason(reason: "ok"))
                #expect(decided.status == .conflict)
                #expect(decided.apiError?.code == "batch_recalled")
            }
            #expect(try await published(ProcessedFoodAvailable.eventType, world) == 0)
        }
    }

    @Test func aQuarantinedOutputOnceRecalledIsNeverReleased() async throws {
        let world = try await WorkshopWorld.make()
        try await withAPI(world.test.kernel) { client throws in
            let (lot, batch) = try await plannedSoup(world, client)
            _ = try await client.json(.post, "/api/v1/microtransform/batches/\(batch.id)/start", token: world.cook.token, raw: "{}")
            // Cooked too cold: held in quarantine for the manager.
            let finished = try await client.json(
                .post, "/api/v1/microtransform/batches/\(batch.id)/finish", token: world.cook.token,
                body: Finish(outputUnits: 50, wasteKg: 2, haccp: HACCP(cookingCelsius: 70)))
            #expect(try finished.decode(Batch.self).status == .quarantined)
            let recalled = try await client.json(
                .post, "\(world.base)/recalls", token: world.manager.token, body: Recall(inputLotId: lot, reason: "pesticides"))
            #expect(try recalled.decode(Genealogy.RecallReport.self).outputLots.map(\.status) == [.recalled])

            let release = try await client.json(
                .post, "/api/v1/microtransform/batches/\(batch.id)/release", token: world.manager.token, body: Reason(reason: "analyse ok"))
            #expect(release.status == .conflict)
            #expect(release.apiError?.code == "batch_recalled")
            #expect(try await published(ProcessedFoodAvailable.eventType, world) == 0)
        }
    }

    @Test func aRecallOfTheSourceUpstreamBlocksTheProduceWhatWasMadeOfItAndWhatIsStillOnItsWay() async throws {
        let world = try await WorkshopWorld.make()
        // Two offers from the same food-bank pickup, and one from another.
        try await world.test.kernel.units.write(by: nil) { tx in
            for (reference, name) in [("pickup-1", "carottes"), ("pickup-1", "poireaux"), ("pickup-2", "pommes")] {
                try await tx.publish(
                    EndOfLifeProduceAvailable(
                        sourceModule: "foodaid", sourceReference: reference, siteId: world.kitchen.id, organisationId: world.bank.id,
                        category: "fruit_vegetables", productName: name, kg: 30, remainingShelfLifeDays: 3, sortedAt: tx.now))
            }
        }
        try await world.test.kernel.relay.deliverPending()
        try await withAPI(world.test.kernel) { client throws in
            try await world.equip(client)
            let proposed = try await client.json(.get, "\(world.base)/intakes?status=proposed", token: world.manager.token)
                .decode([Intake].self)
            let carrots = try #require(proposed.first { $0.productName == "carottes" })
            let leeks = try #require(proposed.first { $0.productName == "poireaux" })
            let apples = try #require(proposed.first { $0.productName == "pommes" })
            var lotOf: [UUID: UUID] = [:]
            for intake in [carrots, apples] {
                let accepted = try await client.json(
                    .post, "/api/v1/microtransform/intakes/\(intake.id)/accept", token: world.manager.token, raw: "{}"
                ).decode(Intake.self)
                lotOf[intake.id] = accepted.lotId
                _ = try await client.json(
                    .post, "/api/v1/microtransform/intakes/\(intake.id)/receive", token: world.cook.token, body: WeighIn(kg: 30))
            }
            let plan = try await client.json(.post, "\(world.base)/plan", token: world.manager.token, body: PlanRequest(days: 5))
                .decode(PlanView.self)
            let soup = try #require(plan.batches.first { $0.recipeName == "Soupe de légumes" })
            _ = try await client.json(.post, "/api/v1/microtransform/batches/\(soup.id)/start", token: world.cook.token, raw: "{}")

            try await world.test.kernel.units.write(by: nil) { tx in
                try await tx.publish(
                    SourceRecalled(
                        sourceModule: "foodaid", sourceReferences: ["pickup-1"], categories: nil, outputLotIds: [], final: true,
                        reason: "rappel du donateur", recalledAt: tx.now))
            }
            try await world.test.kernel.relay.deliverPending()

            let intakes = try await client.json(.get, "\(world.base)/intakes", token: world.manager.token).decode([Intake].self)
            #expect(intakes.first { $0.id == leeks.id }?.status == .recalled)
            #expect(intakes.first { $0.id == apples.id }?.status == .arrived)
            let lots = try await client.json(.get, "\(world.base)/input-lots", token: world.manager.token).decode([InputLot].self)
            #expect(lots.first { $0.id == lotOf[carrots.id] }?.status == .recalled)
            #expect(lots.first { $0.id == lotOf[apples.id] }?.status == .available)
            let finished = try await client.json(
                .post, "/api/v1/microtransform/batches/\(soup.id)/finish", token: world.cook.token,
                body: Finish(outputUnits: 30, wasteKg: 1, haccp: HACCP()))
            #expect(try finished.decode(Batch.self).status == .recalled)
            #expect(try await published(ProcessedFoodAvailable.eventType, world) == 0)
        }
    }

    @Test func produceOfferedAfterItsSourcesRecallReachedTheWorkshopArrivesRecalled() async throws {
        let world = try await WorkshopWorld.make()
        // The recall of pickup-1's vegetables is handled before the offers sorted from it (the two events travel apart).
        try await world.test.kernel.units.write(by: nil) { tx in
            try await tx.publish(
                SourceRecalled(
                    sourceModule: "foodaid", sourceReferences: ["pickup-1"], categories: ["fruit_vegetables"], outputLotIds: [],
                    final: true, reason: "rappel du donateur", recalledAt: tx.now))
        }
        try await world.test.kernel.relay.deliverPending()
        try await world.test.kernel.units.write(by: nil) { tx in
            for (reference, category, name) in [
                ("pickup-1", "fruit_vegetables", "carottes"), ("pickup-1", "dairy", "yaourts"), ("pickup-2", "fruit_vegetables", "pommes"),
            ] {
                try await tx.publish(
                    EndOfLifeProduceAvailable(
                        sourceModule: "foodaid", sourceReference: reference, siteId: world.kitchen.id, organisationId: world.bank.id,
                        category: category, productName: name, kg: 30, remainingShelfLifeDays: 3, sortedAt: tx.now))
            }
        }
        try await world.test.kernel.relay.deliverPending()
        try await withAPI(world.test.kernel) { client throws in
            let intakes = try await client.json(.get, "\(world.base)/intakes", token: world.manager.token).decode([Intake].self)
            #expect(intakes.first { $0.productName == "carottes" }?.status == .recalled)
            #expect(intakes.first { $0.productName == "yaourts" }?.status == .proposed)
            #expect(intakes.first { $0.productName == "pommes" }?.status == .proposed)
            let carrots = try #require(intakes.first { $0.productName == "carottes" })
            let accept = try await client.json(
                .post, "/api/v1/microtransform/intakes/\(carrots.id)/accept", token: world.manager.token, raw: "{}")
            #expect(accept.status == .conflict, "\(accept.text)")
        }
    }
}
