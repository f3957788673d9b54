import CollectoKernel
import CollectoTestSupport
import Foundation
import HTTPTypes
import HummingbirdTesting
import Testing

@testable import MicroTransform

/// Every stored plan passes ``PlanCheck`` at all times, whatever changed it:
/// a plan, a replan from a later day, a move, a start earlier than planned, a finish.
@Suite struct StoredPlanTests {
    struct Days: Encodable { let days: Int }
    struct FromDays: Encodable { let from: CalendarDate; let days: Int }

    @Test func aBatchStartedEarlierThanPlannedTakesItsRealSlotAndWhatItOverlapsIsReplanned() async throws {
        let circuit = try await WorkshopCircuit.make()
        let world = circuit.world
        try await withAPI(world.test.kernel) { client throws in
            let planned = try await circuit.planned(client)
            try await world.expectSoundPlan(after: "plan")
            // One of the two batches is planned on a later day; the cooks start it now, at 09:00 today.
            let later = try #require([planned.soup, planned.compote].first { $0.day > world.today })
            let other = try #require([planned.soup, planned.compote].first { $0.id != later.id })
            let started = try await circuit.start(client, later)
            try await world.expectSoundPlan(after: "start")
            #expect(started.day == world.today)
            #expect(started.start == LocalTime(hour: 9, minute: 0))
            // The batch it would have overlapped is still planned — the same batch, moved where it fits, with the same produce.
            let replanned = try #require(try await world.allBatches(client).first { $0.id == other.id })
            #expect(replanned.status == .planned)
            #expect(replanned.inputs.map(\.lotId) == other.inputs.map(\.lotId))
            #expect(replanned.day != other.day || replanned.start != other.start)
            let finished = try await circuit.finish(
                client, started,
                .init(outputUnits: 1, wasteKg: 0.5, haccp: .init(cookingCelsius: 95, coreCelsius: 115, ph: 3.9)))
            #expect(finished.status == .ok, "\(finished.text)")
            try await world.expectSoundPlan(after: "finish")
        }
    }

    @Test func planningFromALaterDayKeepsTheBatchesPlannedBeforeIt() async throws {
        let world = try await WorkshopWorld.make()
        try await withAPI(world.test.kernel) { client throws in
            try await world.equip(client)
            let strawberries = try await world.onHand(client, "fraises", kg: 33.5, spoilsIn: 4)
            let pumpkin = try await world.onHand(client, "potiron", kg: 50, spoilsIn: 4)
            let first = try await client.json(.post, "\(world.base)/plan", token: world.manager.token, body: Days(days: 2))
            #expect(first.status == .ok, "\(first.text)")
            try await world.expectSoundPlan(after: "plan")
            let pumpkinBatch = try #require(try await world.allBatches(client).first { $0.inputs.contains { $0.lotId == pumpkin } })
            let locked = try await client.json(
                .post, "/api/v1/microtransform/batches/\(pumpkinBatch.id)/lock", token: world.manager.token)
            #expect(locked.status == .ok, "\(locked.text)")
            let later = try await client.json(
                .post, "\(world.base)/plan", token: world.manager.token, body: FromDays(from: world.today.adding(days: 2), days: 3))
            #expect(later.status == .ok, "\(later.text)")
            try await world.expectSoundPlan(after: "plan from a later day")
            let batches = try await world.allBatches(client).filter { $0.status == .planned }
            func plannedKg(_ lot: UUID) -> Double {
                batches.flatMap(\.inputs).filter { $0.lotId == lot }.reduce(0) { $0 + $1.plannedKg }
            }
            #expect(plannedKg(strawberries) == 33.5)
            #expect(plannedKg(pumpkin) <= 50)
        }
    }

    @Test func aMovedBatchKeepsThePlanSound() async throws {
        let circuit = try await WorkshopCircuit.make()
        let world = circuit.world
        try await withAPI(world.test.kernel) { client throws in
            let planned = try await circuit.planned(client)
            let moved = try await circuit.move(
                client, planned.soup, to: .init(day: world.today.adding(days: 1), start: "13:00"))
            #expect(moved.status == .ok, "\(moved.text)")
            try await world.expectSoundPlan(after: "move")
            let replanned = try await circuit.plan(client, token: world.manager.token)
            #expect(replanned.status == .ok, "\(replanned.text)")
            try await world.expectSoundPlan(after: "replan")
        }
    }
}
