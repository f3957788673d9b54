import CollectoKernel
import CollectoTestSupport
import Foundation
import HTTPTypes
import HummingbirdTesting
import Testing

@testable import MicroTransform

/// Produce past its spoil date, through the HTTP API of a live server: leeks
/// weighed in at the kitchen and planned for the day they spoil are never
/// cooked once that day has passed, and are written off to biowaste.
@Suite struct SpoiledProduceTests {
    typealias PlanView = WorkshopCircuit.PlanView
    typealias PlanRequest = WorkshopCircuit.PlanRequest

    /// 40 kg of leeks at the kitchen itself, spoiling today, accepted, weighed in and planned.
    struct Leeks {
        let world: WorkshopWorld
        let accepted: Intake
        let batch: Batch

        static func planned(_ world: WorkshopWorld, _ client: any TestClientProtocol) async throws -> Leeks {
            try await world.equip(client)
            let leeks = try await client.json(
                .post, "\(world.base)/intakes", token: world.manager.token,
                body: WorkshopCircuit.Declaration(sourceSiteId: world.kitchen.id, productName: "poireaux", kg: 40, spoilDate: world.today)
            ).decode(Intake.self)
            let accepted = try await client.json(
                .post, "/api/v1/microtransform/intakes/\(leeks.id)/accept", token: world.manager.token, raw: "{}"
            ).decode(Intake.self)
            _ = try await client.json(
                .post, "/api/v1/microtransform/intakes/\(leeks.id)/receive", token: world.cook.token,
                body: WorkshopCircuit.WeighIn(kg: 40))
            let plan = try await client.json(.post, "\(world.base)/plan", token: world.manager.token, body: PlanRequest(days: 3))
                .decode(PlanView.self)
            return Leeks(world: world, accepted: accepted, batch: try #require(plan.batches.first))
        }

        /// The cooks do not get to them today; tomorrow, with new sessions, the leeks have spoiled.
        func nextDay() async throws -> (cook: WorkshopWorld.Login, manager: WorkshopWorld.Login) {
            world.test.clock.advance(by: 86_400)
            return (
                try await world.fixtures.logIn("cook2@atelier.test", role: .member, in: world.workshop.id),
                try await world.fixtures.logIn("manager2@atelier.test", role: .coordinator, in: world.workshop.id)
            )
        }
    }

    @Test func produceAlreadyAtTheKitchenNeedsNoTrip() async throws {
        let world = try await WorkshopWorld.make()
        try await withLiveServer(world.test.kernel) { client throws in
            #expect(try await Leeks.planned(world, client).accepted.taskId == nil)
        }
    }

    @Test func produceSpoilingTodayIsPlannedForToday() async throws {
        let world = try await WorkshopWorld.make()
        try await withLiveServer(world.test.kernel) { client throws in
            #expect(try await Leeks.planned(world, client).batch.day == world.today)
        }
    }

    @Test func aBatchWhoseProduceHasSpoiledCannotStart() async throws {
        let world = try await WorkshopWorld.make()
        try await withLiveServer(world.test.kernel) { client throws in
            let leeks = try await Leeks.planned(world, client)
            let (cook, _) = try await leeks.nextDay()
            let refused = try await client.json(
                .post, "/api/v1/microtransform/batches/\(leeks.batch.id)/start", token: cook.token, raw: "{}")
            #expect(refused.apiError?.field == "inputs[0].lotId")
        }
    }

    @Test func replanningWritesSpoiledProduceOffToBiowasteInsteadOfCookingIt() async throws {
        let world = try await WorkshopWorld.make()
        try await withLiveServer(world.test.kernel) { client throws in
            let leeks = try await Leeks.planned(world, client)
            let (_, manager) = try await leeks.nextDay()
            let replanned = try await client.json(.post, "\(world.base)/plan", token: manager.token, body: PlanRequest(days: 3))
                .decode(PlanView.self)
            #expect(replanned.batches.isEmpty)
            let lots = try await client.json(.get, "\(world.base)/input-lots?status=spoiled", token: manager.token).decode(
                [InputLot].self)
            #expect(lots.map(\.id) == [try #require(leeks.accepted.lotId)])
        }
        let waste = try await world.test.kernel.units.read { db in
            try await db.query("SELECT payload FROM kernel_outbox WHERE event_type = ?", [BiowasteProduced.eventType]).map {
                try JSONBody.decoder.decode(BiowasteProduced.self, from: Data(try $0.string("payload").utf8))
            }
        }
        #expect(waste.map(\.kg) == [40])
        #expect(waste.first?.nature == "spoiled_produce")
    }
}
