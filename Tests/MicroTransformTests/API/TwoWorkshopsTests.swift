import CollectoKernel
import CollectoTestSupport
import Foundation
import HTTPTypes
import HummingbirdTesting
import Testing

@testable import MicroTransform

/// Two workshops set up through the API alone (the world's Atelier in Rennes,
/// registered by the food bank's coordinator; the Conserverie in Nantes, by
/// its own admin) each have their own equipment, recipes, calendar, plan and
/// batches: neither sees nor touches the other's, and the food bank's sorting
/// offers produce to the nearer of the two.
@Suite struct TwoWorkshopsTests {
    struct Identified: Decodable, Hashable { let id: UUID }

    @Test func eachWorkshopHasItsOwnEquipmentRecipesAndShifts() async throws {
        let second = try await SecondWorkshop.make()
        let world = second.world
        try await withAPI(world.test.kernel) { client throws in
            try await world.equip(client)
            try await second.setUp(client)
            for (resource, count) in [("equipment", 4), ("recipes", 2), ("shifts", 7)] {
                let atelier = try await client.json(.get, "\(world.base)/\(resource)", token: world.manager.token)
                    .decode([Identified].self)
                let conserverie = try await client.json(.get, "\(second.base)/\(resource)", token: second.coordinator.token)
                    .decode([Identified].self)
                #expect(atelier.count == count, "\(resource)")
                #expect(conserverie.count == count, "\(resource)")
                #expect(Set(atelier).isDisjoint(with: conserverie), "\(resource)")
            }
        }
    }

    @Test func aWorkshopsPeopleGetNotFoundOnTheOtherWorkshop() async throws {
        let second = try await SecondWorkshop.make()
        let world = second.world
        try await withAPI(world.test.kernel) { client throws in
            try await world.equip(client)
            try await second.setUp(client)
            for resource in ["equipment", "recipes", "shifts", "closures", "plan", "batches", "intakes", "input-lots", "output-lots"] {
                for (base, login) in [(second.base, world.manager), (second.base, world.cook), (world.base, second.admin)] {
                    let response = try await client.json(.get, "\(base)/\(resource)", token: login.token)
                    #expect(response.status == .notFound, "\(login.user.email) on \(base)/\(resource): \(response.text)")
                }
            }
            let plan = try await client.json(
                .post, "\(second.base)/plan", token: world.manager.token, body: WorkshopCircuit.PlanRequest(days: 5))
            #expect(plan.status == .notFound, "\(plan.text)")
        }
    }

    @Test func aWorkshopsManagerCannotTouchTheOthersEquipmentOrRecipes() async throws {
        let second = try await SecondWorkshop.make()
        let world = second.world
        try await withAPI(world.test.kernel) { client throws in
            try await world.equip(client)
            try await second.setUp(client)
            let equipment = try await client.json(.get, "\(second.base)/equipment", token: second.coordinator.token)
                .decode([Equipment].self)
            let kettle = try #require(equipment.first { $0.type == "kettle" })
            let retire = try await client.json(.post, "/api/v1/microtransform/equipment/\(kettle.id)/retire", token: world.manager.token)
            #expect(retire.status == .notFound, "\(retire.text)")
            let recipes = try await client.json(.get, "\(second.base)/recipes", token: second.coordinator.token).decode([Identified].self)
            let recipe = try #require(recipes.first)
            let change = try await client.json(
                .put, "/api/v1/microtransform/recipes/\(recipe.id)", token: world.manager.token, raw: WorkshopWorld.soup)
            #expect(change.status == .notFound, "\(change.text)")
            let after = try await client.json(.get, "\(second.base)/equipment", token: second.coordinator.token).decode([Equipment].self)
            #expect(after.first { $0.id == kettle.id }?.active == true)
        }
    }

    @Test func planningOneWorkshopLeavesTheOthersPlanAndBatchesUnchanged() async throws {
        let second = try await SecondWorkshop.make()
        let world = second.world
        try await withAPI(world.test.kernel) { client throws in
            try await world.equip(client)
            try await second.setUp(client)
            let spoil = world.today.adding(days: 3)
            _ = try await SecondWorkshop.bringIn(
                client, "carottes", kg: 40, at: world.workshop.id, kitchen: world.kitchen.id, spoilDate: spoil, by: world.manager.token)
            _ = try await SecondWorkshop.bringIn(
                client, "poireaux", kg: 45, at: second.organisation.id, kitchen: second.kitchen.id, spoilDate: spoil,
                by: second.coordinator.token)
            let request = WorkshopCircuit.PlanRequest(days: 5)
            let conserverie = try await client.json(.post, "\(second.base)/plan", token: second.coordinator.token, body: request)
            #expect(conserverie.status == .ok, "\(conserverie.text)")
            let theirs = try conserverie.decode(WorkshopCircuit.PlanView.self).batches
            let theirLots = try await lots(client, second.base, token: second.coordinator.token)
            #expect(!theirs.isEmpty)
            #expect(theirs.allSatisfy { $0.workshopId == second.organisation.id })
            #expect(Set(theirs.flatMap(\.inputs).map(\.lotId)).isSubset(of: theirLots))
            let before = try await batches(client, second.base, token: second.coordinator.token)

            let atelier = try await client.json(.post, "\(world.base)/plan", token: world.manager.token, body: request)
            #expect(atelier.status == .ok, "\(atelier.text)")
            let ours = try atelier.decode(WorkshopCircuit.PlanView.self).batches
            let ourLots = try await lots(client, world.base, token: world.manager.token)
            #expect(!ours.isEmpty)
            #expect(ours.allSatisfy { $0.workshopId == world.workshop.id })
            #expect(Set(ours.flatMap(\.inputs).map(\.lotId)).isSubset(of: ourLots))
            #expect(ourLots.isDisjoint(with: theirLots))

            #expect(try await batches(client, second.base, token: second.coordinator.token) == before)
            let plan = try await client.json(.get, "\(second.base)/plan", token: second.coordinator.token)
                .decode(WorkshopCircuit.PlanView.self)
            #expect(Set(plan.batches) == Set(theirs))
            // Nor may one workshop's cooks start the other's batch.
            let start = try await client.json(
                .post, "/api/v1/microtransform/batches/\(try #require(theirs.first).id)/start", token: world.cook.token, raw: "{}")
            #expect(start.status == .notFound, "\(start.text)")
        }
    }

    func lots(_ client: any TestClientProtocol, _ base: String, token: String) async throws -> Set<UUID> {
        Set(try await client.json(.get, "\(base)/input-lots", token: token).decode([InputLot].self).map(\.id))
    }

    func batches(_ client: any TestClientProtocol, _ base: String, token: String) async throws -> [Batch] {
        try await client.json(.get, "\(base)/batches", token: token).decode([Batch].self)
    }
}
