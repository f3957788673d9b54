import Biowaste
import CollectoKernel
import CollectoTestSupport
import Foundation
import HTTPTypes
import HummingbirdTesting
import Testing

/// A pickup whose every bin is refused took nothing away: the waste stays
/// waiting at the point, to be sorted again and collected next time.
@Suite struct RefusedPickupTests {
    @Test func whenEveryBinIsRefusedTheWasteStaysWaitingForTheNextPickup() async throws {
        let circuit = try await BiowasteCircuit.make()
        try await withAPI(circuit.test.kernel) { client throws in
            let scheduled = try await circuit.onARound(client)
            let before = try await circuit.waiting(client, as: BiowasteCircuit.Waiting.self)
            #expect(before.map(\.source).sorted() == ["event", "request"])
            let bins = try await client.json(.get, "/api/v1/biowaste/points/\(circuit.shop.id)", token: circuit.member.token)
                .decode(CollectionPoint.self).containers
            struct Line: Encodable { let containerId: UUID; let refused: Bool; let reason: String }
            struct Recording: Encodable { let containers: [Line] }
            let recorded = try await client.json(
                .post, "/api/v1/biowaste/pickups/\(scheduled.pickup.id)/collection", token: circuit.driver.token,
                body: Recording(containers: bins.map { .init(containerId: $0.id, refused: true, reason: "sacs plastiques") }))
            #expect(recorded.status == .ok, "\(recorded.text)")
            #expect(try await circuit.pickup(client, scheduled.pickup.id).status == "refused")
            let after = try await circuit.waiting(client, as: BiowasteCircuit.Waiting.self)
            #expect(after.map(\.source).sorted() == ["event", "request"], "\(after)")
            #expect(after.contains { $0.estimatedKg == 12.5 })
        }
    }
}
