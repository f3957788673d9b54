import CollectoKernel
import CollectoTestSupport
import Foundation
import HTTPTypes
import HummingbirdTesting
import Testing

@testable import MicroTransform

/// Produce the food bank's sorting offers (`kernel.end_of_life_produce_available`,
/// as FoodAid publishes it) is proposed to the workshop whose kitchen is
/// nearest to where it was sorted, whatever the order workshops were registered in.
@Suite struct NearestWorkshopTests {
    func offer(_ productName: String, sortedAt site: Site, in world: WorkshopWorld) async throws {
        try await world.test.kernel.units.write(by: nil) { tx in
            try await tx.publish(
                EndOfLifeProduceAvailable(
                    sourceModule: "foodaid", sourceReference: "sorting-\(productName)", siteId: site.id, organisationId: world.bank.id,
                    category: "fruit_vegetables", productName: productName, kg: 30, remainingShelfLifeDays: 3, sortedAt: tx.now))
        }
    }

    func proposed(_ client: any TestClientProtocol, _ base: String, token: String) async throws -> [String?] {
        try await client.json(.get, "\(base)/intakes?status=proposed", token: token).decode([Intake].self).map(\.productName)
    }

    @Test func sortedProduceGoesToTheNearestOfTwoWorkshops() async throws {
        let second = try await SecondWorkshop.make()
        let world = second.world
        // The food bank sorts in Rennes (its warehouse, beside the Atelier) and in Nantes (beside the Conserverie).
        let nantes = try await world.fixtures.site(of: world.bank.id, name: "Dépôt de Nantes", latitude: 47.2, longitude: -1.57)
        try await withAPI(world.test.kernel) { client throws in
            try await second.setUp(client)
            try await offer("carottes", sortedAt: world.warehouse, in: world)
            try await offer("poireaux", sortedAt: nantes, in: world)
            try await world.test.kernel.relay.deliverPending()
            #expect(try await proposed(client, world.base, token: world.manager.token) == ["carottes"])
            #expect(try await proposed(client, second.base, token: second.coordinator.token) == ["poireaux"])
        }
    }

    @Test func aLoneWorkshopTakesEveryOfferHoweverFar() async throws {
        let world = try await WorkshopWorld.make()
        let marseille = try await world.fixtures.site(of: world.bank.id, name: "Marseille", latitude: 43.3, longitude: 5.37)
        try await offer("courgettes", sortedAt: marseille, in: world)
        try await world.test.kernel.relay.deliverPending()
        try await withAPI(world.test.kernel) { client throws in
            #expect(try await proposed(client, world.base, token: world.manager.token) == ["courgettes"])
        }
    }

    /// Every kernel site has coordinates; the one case without them is a site
    /// the kernel does not know, and then the first workshop registered takes
    /// the produce rather than nobody.
    @Test func aSiteWithoutKnownCoordinatesFallsBackToTheFirstWorkshopRegistered() async throws {
        let second = try await SecondWorkshop.make()
        let world = second.world
        try await withAPI(world.test.kernel) { client throws in try await second.setUp(client) }
        let nearest = try await world.test.kernel.units.read { db in try await Workshop.nearest(to: UUID(), in: db) }
        #expect(nearest?.organisationId == world.workshop.id)
        let nearNantes = try await world.test.kernel.units.read { db in try await Workshop.nearest(to: second.annex.id, in: db) }
        #expect(nearNantes?.organisationId == second.organisation.id)
    }
}
