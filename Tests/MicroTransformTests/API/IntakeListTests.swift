import CollectoKernel
import CollectoTestSupport
import Foundation
import HTTPTypes
import HummingbirdTesting
import Testing

@testable import MicroTransform

/// A workshop's intakes come a page at a time, each page telling how many
/// intakes its filters match and where the rest is.
@Suite struct IntakeListTests {
    @Test func aPageOfProposedIntakesCountsThemAllAndLinksToTheRest() async throws {
        let circuit = try await WorkshopCircuit.make()
        let world = circuit.world
        try await withAPI(world.test.kernel) { client in
            _ = try await circuit.proposedCarrots(client)
            for _ in 0..<3 { _ = try await circuit.declareApples(client) }
            let first = try await client.json(.get, "\(world.base)/intakes?status=proposed&limit=3", token: world.manager.token)
            #expect(first.status == .ok, "\(first.text)")
            #expect(try first.decode([Intake].self).count == 3)
            #expect(first.headers[.totalCount] == "4")
            #expect(first.headers[.link] == "<\(world.base)/intakes?status=proposed&limit=3&offset=3>; rel=\"next\"")
            let rest = try await client.json(
                .get, "\(world.base)/intakes?status=proposed&limit=3&offset=3", token: world.manager.token)
            #expect(try rest.decode([Intake].self).count == 1)
            #expect(rest.headers[.link] == "<\(world.base)/intakes?status=proposed&limit=3&offset=0>; rel=\"prev\"")
            let accepted = try await client.json(.get, "\(world.base)/intakes?status=accepted", token: world.manager.token)
            #expect(accepted.headers[.totalCount] == "0")
        }
    }
}
