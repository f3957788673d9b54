import CollectoKernel
import CollectoTestSupport
import Foundation
import HTTPTypes
import HummingbirdTesting
import Testing

/// The three modules together, through the API of one live server: what the
/// food bank sorts reaches the workshop and the city's biowaste through kernel
/// events, the workshop's jars and peelings come back to food-aid stock and to
/// the city, and a recall of the food bank's pickup reaches the jars in stock.
@Suite struct CrossModuleFlowTests {
    @Test func produceSortedForProcessingIsProposedToTheWorkshop() async throws {
        let circuit = try await CrossModuleCircuit.make()
        try await withLiveServer(circuit.test.kernel) { client throws in
            _ = try await circuit.sorted(client)
            #expect(await eventually { await !circuit.proposed(client).isEmpty })
            let carrots = try #require(await circuit.proposed(client).first)
            #expect(carrots.kg == 50)
            #expect(carrots.produceKind == "vegetables")
        }
    }

    @Test func unfitFoodFromSortingWaitsForTheCityAtTheWarehouse() async throws {
        let circuit = try await CrossModuleCircuit.make()
        try await withLiveServer(circuit.test.kernel) { client throws in
            _ = try await circuit.sorted(client)
            #expect(await eventually { await !circuit.waiting(client).isEmpty })
            let waiting = await circuit.waiting(client)
            #expect(waiting.map(\.siteId) == [circuit.warehouse.id])
            #expect(waiting.map(\.nature) == ["unfit_food"])
        }
    }

    @Test func theWorkshopsJarsComeIntoFoodAidStock() async throws {
        let circuit = try await CrossModuleCircuit.make()
        try await withLiveServer(circuit.test.kernel) { client throws in
            #expect(try await circuit.jarsInStock(client).jars.map(\.onHand) == [60])
        }
    }

    @Test func theWorkshopsPeelingsWaitForTheCityAtTheKitchen() async throws {
        let circuit = try await CrossModuleCircuit.make()
        try await withLiveServer(circuit.test.kernel) { client throws in
            _ = try await circuit.jarsInStock(client)
            #expect(await eventually { await circuit.waiting(client).contains { $0.siteId == circuit.kitchen.id && $0.estimatedKg == 3 } })
        }
    }

    @Test func aRecallOfTheFoodBanksPickupReachesTheJarsInStock() async throws {
        let circuit = try await CrossModuleCircuit.make()
        try await withLiveServer(circuit.test.kernel) { client throws in
            let (pickup, jars) = try await circuit.jarsInStock(client)
            let recall = try await client.json(
                .post, "/api/v1/microtransform/workshops/\(circuit.workshop.id)/recalls", token: circuit.manager.token,
                raw: #"{"sourceReference": "foodaid:\#(pickup.uuidString.lowercased())", "reason": "alerte fournisseur"}"#)
            #expect(recall.status == .ok, "\(recall.text)")
            try await circuit.test.kernel.relay.deliverPending()
            #expect(await eventually { await circuit.processedLots(client).first { $0.id == jars[0].id }?.status == "recalled" })
        }
    }

    @Test func aFoodBankRecallOfAPickupBlocksItsProduceAtTheWorkshop() async throws {
        let circuit = try await CrossModuleCircuit.make()
        try await withLiveServer(circuit.test.kernel) { client throws in
            let pickup = try await circuit.sorted(client)
            #expect(await eventually { await !circuit.proposed(client).isEmpty })
            let recall = try await client.json(
                .post, "/api/v1/foodaid/recalls", token: circuit.coordinator.token,
                raw: #"{"pickupIds": ["\#(pickup)"], "reason": "alerte sanitaire du donateur", "final": true}"#)
            #expect(recall.status == .ok, "\(recall.text)")
            try await circuit.test.kernel.relay.deliverPending()
            #expect(await eventually { await circuit.proposed(client).isEmpty })
            let intakes = try await client.json(
                .get, "/api/v1/microtransform/workshops/\(circuit.workshop.id)/intakes?status=recalled", token: circuit.manager.token
            ).decode([CrossModuleCircuit.Intake].self)
            #expect(intakes.map(\.kg) == [50])
        }
    }

    @Test func aFoodBankRecallOfTheJarsLotReachesTheWorkshopsOutput() async throws {
        let circuit = try await CrossModuleCircuit.make()
        try await withLiveServer(circuit.test.kernel) { client throws in
            let (_, jars) = try await circuit.jarsInStock(client)
            let recall = try await client.json(
                .post, "/api/v1/foodaid/recalls", token: circuit.coordinator.token,
                raw: #"{"lotIds": ["\#(jars[0].id)"], "reason": "couvercles bombés", "final": true}"#)
            #expect(recall.status == .ok, "\(recall.text)")
            try await circuit.test.kernel.relay.deliverPending()
            struct Output: Decodable { let id: UUID; let status: String }
            #expect(
                await eventually {
                    let outputs = try? await client.json(
                        .get, "/api/v1/microtransform/workshops/\(circuit.workshop.id)/output-lots", token: circuit.manager.token
                    ).decode([Output].self)
                    return outputs?.first { $0.id.uuidString.lowercased() == jars[0].originReference }?.status == "recalled"
                })
        }
    }
}
