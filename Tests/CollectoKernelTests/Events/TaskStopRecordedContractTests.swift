import CollectoKernel
import Foundation
import Testing

/// The contract only gains fields: an event recorded before the carrier was
/// part of it still decodes, and a new one carries the round's carrier.
@Suite struct TaskStopRecordedContractTests {
    @Test func anEventWrittenBeforeTheCarrierFieldStillDecodes() throws {
        let old = """
            {"taskId": "\(UUID())", "kind": "biowaste.pickup", "ownerModule": "biowaste", "reference": "r", "roundId": "\(UUID())",
             "siteId": "\(UUID())", "action": "pickup", "outcome": "done", "actualKg": 12.5, "recordedAt": "2026-01-14T08:00:00.000Z"}
            """
        let event = try JSONBody.decoder.decode(TaskStopRecorded.self, from: Data(old.utf8))
        #expect(event.carrier == nil)
        #expect(event.actualKg == 12.5)
    }

    @Test func aNewEventCarriesItsCarrier() throws {
        let carrier = TaskCarrier(organisationId: UUID(), vehicleId: UUID(), driverUserId: nil)
        let event = TaskStopRecorded(
            taskId: UUID(), kind: "k", ownerModule: "m", reference: "r", roundId: UUID(), siteId: UUID(), action: .drop, outcome: .done,
            actualKg: nil, note: nil, recordedAt: Date(timeIntervalSince1970: 0), carrier: carrier)
        let decoded = try JSONBody.decoder.decode(TaskStopRecorded.self, from: try JSONBody.encoder.encode(event))
        #expect(decoded.carrier == carrier)
    }
}
