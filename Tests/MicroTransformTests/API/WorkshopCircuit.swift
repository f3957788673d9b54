import CollectoKernel
import CollectoTestSupport
import Foundation
import HTTPTypes
import HummingbirdTesting
import Testing

@testable import MicroTransform

/// The workshop world with a refrigerated van, and 45 kg of carrots offered by
/// the food bank's sorting of its pickup-42 — and the steps of the circuit
/// through the HTTP API (produce accepted, brought in, planned, cooked), each
/// building on the one before, for the workshop flow and batch tests.
struct WorkshopCircuit {
    let world: WorkshopWorld
    let van: Vehicle

    struct PlanView: Decodable {
        struct Unused: Decodable { let lotId: UUID; let code: String; let message: String; let spoils: Bool }
        let batches: [Batch]
        let unused: [Unused]
    }
    struct PlanRequest: Encodable { let days: Int }
    struct Declaration: Encodable { let sourceSiteId: UUID; let productName: String; let kg: Double; let spoilDate: CalendarDate }
    struct WeighIn: Encodable { let kg: Double }
    struct Reason: Encodable { let reason: String }
    struct Move: Encodable { let day: CalendarDate; let start: String }
    struct HACCP: Encodable {
        var cookingCelsius = 95.0
        var cookingMinutes = 45
        var coreCelsius: Double? = 115
        var coolingMinutes = 90
        var ph: Double? = nil
    }
    struct Finish: Encodable { let outputUnits: Int; let wasteKg: Double; let haccp: HACCP }

    /// The carrots and the farm's apples accepted, and the trip that brings the carrots in.
    struct Accepted { let carrots: Intake; let apples: Intake; let task: LogisticsTask }
    /// Both accepted intakes weighed in as available input lots.
    struct BroughtIn { let accepted: Accepted; let lots: [InputLot]; let carrotLot: InputLot; let appleLot: InputLot }
    /// The manager's plan for the lots: a soup of the carrots and a compote of the apples.
    struct Planned { let lots: BroughtIn; let plan: PlanView; let soup: Batch; let compote: Batch }
    /// A batch finished with the output units the cook reported.
    struct Cooked { let batch: Batch; let units: Int }
    /// The soup done and released, the compote quarantined then released by the manager.
    struct Both { let planned: Planned; let soup: Cooked; let compote: Batch }

    static func make() async throws -> WorkshopCircuit {
        let world = try await WorkshopWorld.make()
        // Sorting at the food bank offers 45 kg of carrots, as FoodAid publishes it.
        try await world.test.kernel.units.write(by: nil) { tx in
            try await tx.publish(
                EndOfLifeProduceAvailable(
                    sourceModule: "foodaid", sourceReference: "pickup-42", siteId: world.warehouse.id, organisationId: world.bank.id,
                    category: "fruit_vegetables", productName: "carottes", kg: 45, remainingShelfLifeDays: 3, sortedAt: tx.now))
        }
        try await world.test.kernel.relay.deliverPending()
        return WorkshopCircuit(world: world, van: try await world.fixtures.vehicle(of: world.workshop.id, refrigerated: true))
    }

    /// The workshop equipped, and the carrots it is offered.
    func proposedCarrots(_ client: any TestClientProtocol) async throws -> Intake {
        try await world.equip(client)
        let proposed = try await client.json(.get, "\(world.base)/intakes?status=proposed", token: world.manager.token)
            .decode([Intake].self)
        return try #require(proposed.first)
    }

    /// 30 kg of apples the farm declares, spoiling in two days.
    func declareApples(_ client: any TestClientProtocol) async throws -> Intake {
        try await client.json(
            .post, "\(world.base)/intakes", token: world.farmer.token,
            body: Declaration(sourceSiteId: world.farmSite.id, productName: "pommes", kg: 30, spoilDate: world.today.adding(days: 2))
        ).decode(Intake.self)
    }

    func accept(_ client: any TestClientProtocol, _ intake: Intake, token: String) async throws -> TestResponse {
        try await client.json(.post, "/api/v1/microtransform/intakes/\(intake.id)/accept", token: token, raw: "{}")
    }

    func accepted(_ client: any TestClientProtocol) async throws -> Accepted {
        let carrots = try await proposedCarrots(client)
        let apples = try await declareApples(client)
        let accepted = try await accept(client, carrots, token: world.manager.token).decode(Intake.self)
        let task = try await client.json(.get, "/api/v1/tasks/\(try #require(accepted.taskId))", token: world.manager.token)
            .decode(LogisticsTask.self)
        let acceptedApples = try await accept(client, apples, token: world.manager.token).decode(Intake.self)
        return Accepted(carrots: accepted, apples: acceptedApples, task: task)
    }

    /// A round brings the carrots in (44.2 kg on the driver's scale); the cook weighs in the farm's apples (31.5 kg).
    func broughtIn(_ client: any TestClientProtocol) async throws -> BroughtIn {
        let accepted = try await self.accepted(client)
        let task = accepted.task
        let round = try await client.json(
            .post, "/api/v1/rounds", token: world.manager.token,
            body: RoundRequest(
                organisationId: world.workshop.id, day: world.today, startTime: LocalTime(hour: 9, minute: 30)!, vehicleId: van.id,
                driverUserId: world.driver.user.id,
                stops: [.init(siteId: world.warehouse.id, pickups: [task.id]), .init(siteId: world.kitchen.id, drops: [task.id])]))
        #expect(round.status == .created, "\(round.text)")
        let roundID = try round.decode(Round.self).id
        for (sequence, action) in [(1, Round.Action.pickup), (2, .drop)] {
            let done = try await client.json(
                .post, "/api/v1/rounds/\(roundID)/stops/\(sequence)/complete", token: world.driver.token,
                body: StopCompletion(entries: [.init(taskId: task.id, action: action, actualKg: 44.2)]))
            #expect(done.status == .ok, "\(done.text)")
        }
        try await world.test.kernel.relay.deliverPending()
        try await eventually { try await availableLots(client).count == 1 }
        let weighed = try await client.json(
            .post, "/api/v1/microtransform/intakes/\(accepted.apples.id)/receive", token: world.cook.token, body: WeighIn(kg: 31.5))
        #expect(weighed.status == .ok, "\(weighed.text)")
        let lots = try await availableLots(client)
        return BroughtIn(
            accepted: accepted, lots: lots, carrotLot: try #require(lots.first { $0.id == accepted.carrots.lotId }),
            appleLot: try #require(lots.first { $0.id == accepted.apples.lotId }))
    }

    func availableLots(_ client: any TestClientProtocol) async throws -> [InputLot] {
        try await client.json(.get, "\(world.base)/input-lots?status=available", token: world.cook.token).decode([InputLot].self)
    }

    func plan(_ client: any TestClientProtocol, token: String) async throws -> TestResponse {
        try await client.json(.post, "\(world.base)/plan", token: token, body: PlanRequest(days: 5))
    }

    func planned(_ client: any TestClientProtocol) async throws -> Planned {
        let lots = try await broughtIn(client)
        let planned = try await self.plan(client, token: world.manager.token)
        #expect(planned.status == .ok, "\(planned.text)")
        let plan = try planned.decode(PlanView.self)
        return Planned(
            lots: lots, plan: plan, soup: try #require(plan.batches.first { $0.recipeName == "Soupe de légumes" }),
            compote: try #require(plan.batches.first { $0.recipeName == "Compote" }))
    }

    func move(_ client: any TestClientProtocol, _ batch: Batch, to move: Move) async throws -> TestResponse {
        try await client.json(.put, "/api/v1/microtransform/batches/\(batch.id)", token: world.manager.token, body: move)
    }

    func start(_ client: any TestClientProtocol, _ batch: Batch) async throws -> Batch {
        let started = try await client.json(.post, "/api/v1/microtransform/batches/\(batch.id)/start", token: world.cook.token, raw: "{}")
        #expect(started.status == .ok, "\(started.text)")
        return try started.decode(Batch.self)
    }

    func finish(_ client: any TestClientProtocol, _ batch: Batch, _ finish: Finish) async throws -> TestResponse {
        try await client.json(.post, "/api/v1/microtransform/batches/\(batch.id)/finish", token: world.cook.token, body: finish)
    }

    /// The soup started and finished within its limits: 90 % of its input in jars, 2.35 kg of peelings.
    func cookedSoup(_ client: any TestClientProtocol, _ planned: Planned) async throws -> Cooked {
        let running = try await start(client, planned.soup)
        let units = Int((44.2 + (running.addedKg ?? 0)) * 0.9)
        let finished = try await finish(client, planned.soup, Finish(outputUnits: units, wasteKg: 2.35, haccp: HACCP()))
        #expect(finished.status == .ok, "\(finished.text)")
        return Cooked(batch: try finished.decode(Batch.self), units: units)
    }

    /// The compote started and finished with its core at 80 °C, under its 85 °C limit.
    func tooColdCompote(_ client: any TestClientProtocol, _ planned: Planned) async throws -> Batch {
        _ = try await start(client, planned.compote)
        return try await finish(
            client, planned.compote, Finish(outputUnits: 40, wasteKg: 1.5, haccp: HACCP(cookingCelsius: 92, coreCelsius: 80, ph: 3.9))
        ).decode(Batch.self)
    }

    func release(
        _ client: any TestClientProtocol, _ batch: Batch, token: String, reason: String = "second pasteurisation, core at 90 °C"
    ) async throws -> TestResponse {
        try await client.json(.post, "/api/v1/microtransform/batches/\(batch.id)/release", token: token, body: Reason(reason: reason))
    }

    func cookedBoth(_ client: any TestClientProtocol) async throws -> Both {
        let planned = try await self.planned(client)
        let soup = try await cookedSoup(client, planned)
        _ = try await tooColdCompote(client, planned)
        let released = try await release(client, planned.compote, token: world.manager.token)
        return Both(planned: planned, soup: soup, compote: try released.decode(Batch.self))
    }

    /// A recall of everything made from the food bank's pickup-42.
    func recallPickup(_ client: any TestClientProtocol) async throws -> TestResponse {
        struct Recall: Encodable { let sourceReference: String; let reason: String }
        return try await client.json(
            .post, "\(world.base)/recalls", token: world.manager.token,
            body: Recall(sourceReference: "foodaid:pickup-42", reason: "listeria"))
    }

    /// The kernel events published so far, oldest first: their type and payload.
    func published() async throws -> [(type: String, payload: String)] {
        try await world.test.kernel.units.read { db in
            try await db.query("SELECT event_type, payload FROM kernel_outbox ORDER BY id").map {
                (type: try $0.string("event_type"), payload: try $0.string("payload"))
            }
        }
    }
}
