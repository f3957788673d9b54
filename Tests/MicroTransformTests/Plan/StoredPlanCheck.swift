import CollectoKernel
import CollectoTestSupport
import Foundation
import HTTPTypes
import HummingbirdTesting
import Testing

@testable import MicroTransform

extension WorkshopWorld {
    /// The stored plan — every planned and running batch from today on — loaded
    /// and judged by ``PlanCheck``; the test fails with every rule it breaks.
    func expectSoundPlan(after action: String, sourceLocation: SourceLocation = #_sourceLocation) async throws {
        let violations = try await test.kernel.units.read { db in
            try await PlanningService(timeZone: TimeZone(identifier: "Europe/Paris")!).storedPlanViolations(
                workshop: workshop.id, now: test.clock.now(), in: db)
        }
        #expect(violations.isEmpty, "after \(action): \(violations)", sourceLocation: sourceLocation)
    }

    /// Produce brought to the workshop by hand: declared on site, accepted and weighed in; its input lot.
    func onHand(
        _ client: any TestClientProtocol, _ productName: String, kg: Double, spoilsIn days: Int
    ) async throws -> UUID {
        struct Declaration: Encodable { let sourceSiteId: UUID; let productName: String; let kg: Double; let spoilDate: CalendarDate }
        let declared = try await client.json(
            .post, "\(base)/intakes", token: manager.token,
            body: Declaration(sourceSiteId: kitchen.id, productName: productName, kg: kg, spoilDate: today.adding(days: days)))
        #expect(declared.status == .created, "\(declared.text)")
        let intake = try declared.decode(Intake.self)
        let accepted = try await client.json(
            .post, "/api/v1/microtransform/intakes/\(intake.id)/accept", token: manager.token, raw: "{}")
        #expect(accepted.status == .ok, "\(accepted.text)")
        let weighed = try await client.json(
            .post, "/api/v1/microtransform/intakes/\(intake.id)/receive", token: cook.token, raw: #"{"kg": \#(kg)}"#)
        #expect(weighed.status == .ok, "\(weighed.text)")
        let lot = try accepted.decode(Intake.self).lotId
        return try #require(lot)
    }

    /// Every batch of the workshop, planned or not.
    func allBatches(_ client: any TestClientProtocol) async throws -> [Batch] {
        try await client.json(.get, "\(base)/batches?limit=200", token: manager.token).decode([Batch].self)
    }
}
