import CollectoKernel
import CollectoTestSupport
import Foundation
import HTTPTypes
import HummingbirdTesting
import Testing

@testable import MicroTransform

/// The workshop's requests that could once take the server down: a batch
/// moved to the end of the calendar, a report of the year 9999, a batch
/// started with far more produce than its recipe takes.
@Suite struct WorkshopHostileInputTests {
    struct Declaration: Encodable { let sourceSiteId: UUID; let productName: String; let kg: Double; let spoilDate: CalendarDate }
    struct PlanView: Decodable { let batches: [Batch] }

    @Test func aBatchIsMovedAtMostFourWeeksAheadAndStartedWithAtMostItsRecipesProduce() async throws {
        let world = try await WorkshopWorld.make()
        try await withAPI(world.test.kernel) { client throws in
            try await world.equip(client)
            var lots: [UUID] = []
            for kg in [60.0, 60] {
                let intake = try await client.json(
                    .post, "\(world.base)/intakes", token: world.manager.token,
                    body: Declaration(
                        sourceSiteId: world.kitchen.id, productName: "carottes", kg: kg, spoilDate: world.today.adding(days: 60))
                ).decode(Intake.self)
                let accepted = try await client.json(
                    .post, "/api/v1/microtransform/intakes/\(intake.id)/accept", token: world.manager.token, raw: "{}"
                ).decode(Intake.self)
                _ = try await client.json(
                    .post, "/api/v1/microtransform/intakes/\(intake.id)/receive", token: world.manager.token, raw: #"{"kg": \#(kg)}"#)
                lots.append(try #require(accepted.lotId))
            }
            let plan = try await client.json(.post, "\(world.base)/plan", token: world.manager.token, raw: #"{"days": 5}"#)
                .decode(PlanView.self)
            let batch = try #require(plan.batches.first { $0.recipeName == "Soupe de légumes" })
            let far = try await client.json(
                .put, "/api/v1/microtransform/batches/\(batch.id)", token: world.manager.token,
                raw: #"{"day": "2199-12-31", "start": "08:00"}"#)
            #expect(far.status == .unprocessableContent, "\(far.text)")
            #expect(far.apiError?.field == "day")
            let beyond = try await client.json(
                .put, "/api/v1/microtransform/batches/\(batch.id)", token: world.manager.token,
                raw: #"{"day": "9999-12-31", "start": "08:00"}"#)
            #expect(beyond.apiError?.field == "day")

            // The soup takes at most 100 kg of produce: 120 kg is refused, whatever the lots hold.
            let inputs = lots.map { #"{"lotId": "\#($0)", "kg": 60}"# }.joined(separator: ", ")
            let started = try await client.json(
                .post, "/api/v1/microtransform/batches/\(batch.id)/start", token: world.cook.token, raw: #"{"inputs": [\#(inputs)]}"#)
            #expect(started.status == .unprocessableContent, "\(started.text)")
            #expect(started.apiError?.field == "inputs")
        }
    }

    @Test func aReportOfTheYear9999IsRefused() async throws {
        let world = try await WorkshopWorld.make()
        try await withAPI(world.test.kernel) { client throws in
            let report = try await client.json(
                .get, "\(world.base)/reports?from=9999-12-01&until=9999-12-31", token: world.manager.token)
            #expect(report.status == .unprocessableContent, "\(report.text)")
            #expect(report.apiError?.field == "from")
        }
    }
}
