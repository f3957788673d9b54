import CollectoKernel
import CollectoTestSupport
import Foundation
import HTTPTypes
import HummingbirdTesting
import Testing

@testable import MicroTransform

/// The manager's hand on the plan: closed days, deleting and locking batches,
/// and a recall by input lot, through the API.
@Suite struct PlanEditingTests {
    struct PlanView: Decodable {
        struct Unused: Decodable { let lotId: UUID; let code: String }
        let batches: [Batch]
        let unused: [Unused]
    }

    /// The body decoded, after checking the request succeeded (the error body otherwise).
    func decoded<T: Decodable>(_ response: TestResponse, as type: T.Type = T.self) throws -> T {
        #expect(response.status.code < 300, "\(response.status): \(response.text)")
        return try response.decode(T.self)
    }

    @Test func closedDaysDeletedAndLockedBatchesAndARecallByInputLot() async throws {
        let world = try await WorkshopWorld.make()
        try await withAPI(world.test.kernel) { client throws in
            try await world.equip(client)
            struct Declaration: Encodable { let sourceSiteId: UUID; let productName: String; let kg: Double; let spoilDate: CalendarDate }
            var lots: [UUID] = []
            for (name, kg) in [("potiron", 50.0), ("courgettes", 45.0)] {
                let intake = try decoded(
                    try await client.json(
                        .post, "\(world.base)/intakes", token: world.manager.token,
                        body: Declaration(sourceSiteId: world.kitchen.id, productName: name, kg: kg, spoilDate: world.today.adding(days: 2))
                    ), as: Intake.self)
                let accepted = try decoded(
                    try await client.json(
                        .post, "/api/v1/microtransform/intakes/\(intake.id)/accept", token: world.manager.token, raw: "{}"
                    ), as: Intake.self)
                _ = try await client.json(
                    .post, "/api/v1/microtransform/intakes/\(intake.id)/receive", token: world.cook.token, raw: #"{"kg": \#(kg)}"#)
                lots.append(try #require(accepted.lotId))
            }
            // The workshop closes today: nothing is planned on a closed day.
            struct Closure: Encodable { let day: CalendarDate; let reason: String }
            #expect(
                try await client.json(
                    .post, "\(world.base)/closures", token: world.manager.token, body: Closure(day: world.today, reason: "inventaire")
                ).status == .ok)
            struct Days: Encodable { let days: Int }
            let plan = try decoded(
                try await client.json(.post, "\(world.base)/plan", token: world.manager.token, body: Days(days: 3)), as: PlanView.self)
            #expect(!plan.batches.isEmpty)
            #expect(plan.batches.allSatisfy { $0.day != world.today })

            // Deleting a batch frees its produce; locking one keeps it through a replan.
            let first = plan.batches[0]
            #expect(
                try await client.json(.post, "/api/v1/microtransform/batches/\(first.id)/lock", token: world.cook.token).status
                    == .forbidden)
            let locked = try decoded(
                try await client.json(.post, "/api/v1/microtransform/batches/\(first.id)/lock", token: world.manager.token), as: Batch.self)
            #expect(locked.locked)
            let replanned = try decoded(
                try await client.json(.post, "\(world.base)/plan", token: world.manager.token, body: Days(days: 3)), as: PlanView.self)
            #expect(replanned.batches.contains { $0.id == first.id && $0.start == first.start && $0.day == first.day })
            #expect(try await client.json(.delete, "/api/v1/microtransform/batches/\(first.id)", token: world.manager.token).status == .ok)
            #expect(
                try await client.json(.get, "/api/v1/microtransform/batches/\(first.id)", token: world.manager.token).status == .notFound)

            // Cook one lot, then recall it: its output is blocked, the other lot's batch is untouched.
            let again = try decoded(
                try await client.json(.post, "\(world.base)/plan", token: world.manager.token, body: Days(days: 3)), as: PlanView.self)
            let batch = try #require(again.batches.first { $0.inputs.map(\.lotId) == [lots[0]] } ?? again.batches.first)
            world.test.clock.advance(by: 3600)
            let started = try await client.json(
                .post, "/api/v1/microtransform/batches/\(batch.id)/start", token: world.cook.token, raw: "{}")
            let running = try decoded(started, as: Batch.self)
            // Soup jars of 1 kg: 80 % of what went in, whatever the plan put in this batch.
            let units = Int((running.inputs.reduce(0) { $0 + ($1.usedKg ?? 0) } + (running.addedKg ?? 0)) * 0.8)
            let done = try decoded(
                try await client.json(
                    .post, "/api/v1/microtransform/batches/\(batch.id)/finish", token: world.cook.token,
                    raw:
                        #"{"outputUnits": \#(units), "wasteKg": 0.5, "haccp": {"cookingCelsius": 95, "cookingMinutes": 45, "coreCelsius": 115, "coolingMinutes": 60}}"#
                ), as: Batch.self)
            let used = try #require(done.inputs.first?.lotId)
            struct Recall: Encodable { let inputLotId: UUID; let reason: String }
            struct Report: Decodable { let inputLotIds: [UUID]; let outputLots: [OutputLot] }
            let report = try decoded(
                try await client.json(
                    .post, "\(world.base)/recalls", token: world.manager.token, body: Recall(inputLotId: used, reason: "contrôle")
                ), as: Report.self)
            #expect(report.inputLotIds == [used])
            #expect(report.outputLots.map(\.id) == [try #require(done.outputLotId)])
            #expect(report.outputLots.allSatisfy { $0.status == .recalled })
            let outputs = try decoded(
                try await client.json(.get, "/api/v1/microtransform/input-lots/\(used)/outputs", token: world.manager.token),
                as: [OutputLot].self)
            #expect(outputs.map(\.status) == [.recalled])
        }
    }
}
