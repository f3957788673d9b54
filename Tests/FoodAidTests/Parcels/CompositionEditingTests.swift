import CollectoKernel
import CollectoTestSupport
import FoodAid
import Foundation
import HTTPTypes
import HummingbirdTesting
import Testing

/// The food bank keeps its standard parcels up to date: a composition is
/// changed or retired, and no two active ones serve the same household size
/// (one would silently never be used).
@Suite struct CompositionEditingTests {
    struct Composition: Encodable {
        struct Line: Encodable { let productId: UUID; let quantity: Int }
        let name: String
        let householdMin: Int
        let householdMax: Int
        let lines: [Line]
    }
    struct View: Decodable { let id: UUID; let name: String; let householdMin: Int; let householdMax: Int; let active: Bool }

    @Test func anOverlappingCompositionIsRefusedNamingTheOneThatServesThoseSizes() async throws {
        let world = try await FoodAidWorld.make(households: [10])
        try await withAPI(world.test.kernel) { client throws in
            let pasta = try await world.product(client, .init(code: "PASTA", name: "Pâtes", category: "dry_grocery", unitWeightKg: 0.5))
            let families = try await client.json(
                .post, "/api/v1/foodaid/parcel-compositions", token: world.coordinator.token,
                body: Composition(name: "Familles", householdMin: 5, householdMax: 12, lines: [.init(productId: pasta.id, quantity: 3)])
            ).decode(View.self)
            let overlap = try await client.json(
                .post, "/api/v1/foodaid/parcel-compositions", token: world.coordinator.token,
                body: Composition(name: "Grandes", householdMin: 13, householdMax: 20, lines: [.init(productId: pasta.id, quantity: 5)]))
            #expect(overlap.status == .created, "13-20 does not overlap 5-12: \(overlap.text)")
            let clash = try await client.json(
                .post, "/api/v1/foodaid/parcel-compositions", token: world.coordinator.token,
                body: Composition(name: "Moyennes", householdMin: 4, householdMax: 6, lines: [.init(productId: pasta.id, quantity: 2)]))
            #expect(clash.status == .conflict, "\(clash.text)")
            #expect(clash.apiError?.code == "composition_overlap")
            #expect(clash.apiError?.values?["compositionId"] == .text(families.id.uuidString.lowercased()))
        }
    }

    @Test func aCompositionIsChangedThenRetiredAndItsSizesAreFreeAgain() async throws {
        let world = try await FoodAidWorld.make(households: [10])
        try await withAPI(world.test.kernel) { client throws in
            let pasta = try await world.product(client, .init(code: "PASTA", name: "Pâtes", category: "dry_grocery", unitWeightKg: 0.5))
            let rice = try await world.product(client, .init(code: "RIZ", name: "Riz", category: "dry_grocery", unitWeightKg: 1))
            let small = try await client.json(
                .post, "/api/v1/foodaid/parcel-compositions", token: world.coordinator.token,
                body: Composition(name: "Petits", householdMin: 1, householdMax: 2, lines: [.init(productId: pasta.id, quantity: 1)])
            ).decode(View.self)
            let changed = try await client.json(
                .put, "/api/v1/foodaid/parcel-compositions/\(small.id)", token: world.coordinator.token,
                body: Composition(
                    name: "Petits foyers", householdMin: 1, householdMax: 3,
                    lines: [.init(productId: pasta.id, quantity: 2), .init(productId: rice.id, quantity: 1)]))
            #expect(changed.status == .ok, "\(changed.text)")
            #expect(try changed.decode(View.self).householdMax == 3)
            #expect(
                try await client.json(
                    .put, "/api/v1/foodaid/parcel-compositions/\(small.id)", token: world.partners[0].member.token,
                    body: Composition(name: "x", householdMin: 1, householdMax: 3, lines: [.init(productId: pasta.id, quantity: 2)])
                ).status == .forbidden)
            let retired = try await client.json(
                .post, "/api/v1/foodaid/parcel-compositions/\(small.id)/retire", token: world.coordinator.token)
            #expect(retired.status == .ok, "\(retired.text)")
            #expect(try retired.decode(View.self).active == false)
            #expect(
                try await client.json(.get, "/api/v1/foodaid/parcel-compositions", token: world.coordinator.token).decode([View].self)
                    .isEmpty)
            let again = try await client.json(
                .post, "/api/v1/foodaid/parcel-compositions", token: world.coordinator.token,
                body: Composition(
                    name: "Nouveaux petits", householdMin: 1, householdMax: 2, lines: [.init(productId: rice.id, quantity: 2)]))
            #expect(again.status == .created, "\(again.text)")
            let edited = try await client.json(
                .put, "/api/v1/foodaid/parcel-compositions/\(small.id)", token: world.coordinator.token,
                body: Composition(name: "x", householdMin: 15, householdMax: 16, lines: [.init(productId: pasta.id, quantity: 2)]))
            #expect(edited.apiError?.code == "composition_retired")
        }
    }
}
