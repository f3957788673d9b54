import CollectoKernel
import CollectoTestSupport
import Foundation
import HTTPTypes
import HummingbirdTesting
import Testing

@testable import MicroTransform

/// The workshop circuit up to the plan, through the HTTP API of a live server:
/// produce arrives from a sorting event and from a farm, is accepted by the
/// workshop alone and brought in, and the plan cooks it before it spoils. The
/// batches themselves are in `WorkshopBatchTests`.
@Suite struct WorkshopFlowTests {
    typealias Move = WorkshopCircuit.Move

    @Test func sortedProduceIsProposedWithItsKindSpoilDateAndSource() async throws {
        let circuit = try await WorkshopCircuit.make()
        let world = circuit.world
        try await withLiveServer(world.test.kernel) { client throws in
            let carrots = try await circuit.proposedCarrots(client)
            #expect(carrots.produceKind == .vegetables)
            #expect(carrots.spoilDate == world.today.adding(days: 3))
            #expect(carrots.sourceReference == "pickup-42")
        }
    }

    @Test func produceAFarmDeclaresIsClassedByItsKind() async throws {
        let circuit = try await WorkshopCircuit.make()
        try await withLiveServer(circuit.world.test.kernel) { client throws in
            _ = try await circuit.proposedCarrots(client)
            #expect(try await circuit.declareApples(client).produceKind == .fruit)
        }
    }

    @Test func aPartnerSeesNoneOfTheWorkshopsIntakes() async throws {
        let circuit = try await WorkshopCircuit.make()
        let world = circuit.world
        try await withLiveServer(world.test.kernel) { client throws in
            _ = try await circuit.proposedCarrots(client)
            _ = try await circuit.declareApples(client)
            #expect(try await client.json(.get, "\(world.base)/intakes", token: world.partner.token).status == .notFound)
        }
    }

    @Test func theFoodBankReadsIntakesButDoesNotAcceptThem() async throws {
        let circuit = try await WorkshopCircuit.make()
        let world = circuit.world
        try await withLiveServer(world.test.kernel) { client throws in
            _ = try await circuit.proposedCarrots(client)
            let apples = try await circuit.declareApples(client)
            #expect(try await client.json(.get, "\(world.base)/intakes", token: world.bankCoordinator.token).status == .ok)
            #expect(try await circuit.accept(client, apples, token: world.bankCoordinator.token).status == .forbidden)
        }
    }

    @Test func acceptingProduceElsewhereCreatesAChilledTripToTheKitchen() async throws {
        let circuit = try await WorkshopCircuit.make()
        try await withLiveServer(circuit.world.test.kernel) { client throws in
            let task = try await circuit.accepted(client).task
            #expect(task.kind == "microtransform.produce_intake")
            #expect(task.temperature == .chilled)
            #expect(task.drop?.siteId == circuit.world.kitchen.id)
        }
    }

    @Test func inputLotsWeighWhatTheDriverDroppedOrTheCookWeighedIn() async throws {
        let circuit = try await WorkshopCircuit.make()
        try await withLiveServer(circuit.world.test.kernel) { client throws in
            let lots = try await circuit.broughtIn(client).lots
            #expect(Set(lots.map(\.kg)) == [44.2, 31.5])
        }
    }

    @Test func onlyTheManagerPlans() async throws {
        let circuit = try await WorkshopCircuit.make()
        try await withLiveServer(circuit.world.test.kernel) { client throws in
            _ = try await circuit.broughtIn(client)
            #expect(try await circuit.plan(client, token: circuit.world.cook.token).status == .forbidden)
        }
    }

    @Test func thePlanCooksEachProduceBeforeItSpoils() async throws {
        let circuit = try await WorkshopCircuit.make()
        try await withLiveServer(circuit.world.test.kernel) { client throws in
            let planned = try await circuit.planned(client)
            #expect(planned.plan.batches.count == 2)
            #expect(planned.plan.unused.isEmpty)
            #expect(planned.soup.inputs.map(\.lotId) == [planned.lots.carrotLot.id])
            #expect(abs(planned.soup.inputs[0].plannedKg - 44.2) < 0.001)
            #expect(planned.compote.day <= planned.lots.appleLot.spoilDate)
        }
    }

    @Test func aBatchTheManagerMovesStaysWhereItIsWhenReplanning() async throws {
        let circuit = try await WorkshopCircuit.make()
        let world = circuit.world
        try await withLiveServer(world.test.kernel) { client throws in
            let compote = try await circuit.planned(client).compote
            let tomorrow = world.today.adding(days: 1)
            let moved = try await circuit.move(client, compote, to: Move(day: tomorrow, start: "10:00"))
            #expect(moved.status == .ok, "\(moved.text)")
            #expect(try moved.decode(Batch.self).locked)
            let replanned = try await circuit.plan(client, token: world.manager.token).decode(WorkshopCircuit.PlanView.self)
            let kept = try #require(replanned.batches.first { $0.id == compote.id })
            #expect(kept.day == tomorrow)
            #expect(kept.start == LocalTime("10:00"))
        }
    }

    @Test func aBatchCannotBeMovedPastTheSpoilDateOfItsProduce() async throws {
        let circuit = try await WorkshopCircuit.make()
        let world = circuit.world
        try await withLiveServer(world.test.kernel) { client throws in
            let compote = try await circuit.planned(client).compote
            // The apples spoil in two days.
            let tooLate = try await circuit.move(client, compote, to: Move(day: world.today.adding(days: 5), start: "10:00"))
            #expect(tooLate.apiError?.field == "day")
        }
    }
}
