import Biowaste
import CollectoKernel
import CollectoTestSupport
import Foundation
import HTTPTypes
import HummingbirdTesting
import Testing

/// Waste waiting at a point says where it came from: the module and the
/// sorting or batch it was reported by, so a coordinator can trace it back.
@Suite struct WaitingSourceTests {
    @Test func wasteReportedByASortingCarriesItsModuleAndReference() async throws {
        let circuit = try await BiowasteCircuit.make()
        try await withAPI(circuit.test.kernel) { client throws in
            try await circuit.registerPoint(client)
            let pickup = UUID()
            try await circuit.publishUnfitFood(reference: pickup.uuidString, kg: 4.2, reason: "moisi")
            let waiting = try await client.json(
                .get, "/api/v1/biowaste/points/\(circuit.shop.id)/waiting", token: circuit.member.token
            ).decode([WasteToCollect].self)
            let item = try #require(waiting.first { $0.source == "event" })
            #expect(item.sourceModule == "foodaid")
            #expect(item.sourceReference == pickup.uuidString.lowercased())
        }
    }
}
