import CollectoKernel
import CollectoTestSupport
import Foundation
import HTTPTypes
import HummingbirdTesting
import Testing

@testable import collectod

/// The three modules together, through the API of one live server: what the
/// food bank sorts reaches the workshop and the city's biowaste through kernel
/// events, the workshop's jars come back into food-aid stock, and a recall of
/// the food bank's pickup reaches the jars in stock.
@Suite struct CrossModuleFlowTests {
    struct Created: Decodable { let id: UUID }

    @Test func sortedProduceBecomesJarsInStockAndWasteToCollectAndARecallFollowsIt() async throws {
        let test = try await TestKernel.make(modules: InstalledModules.all)
        let fixtures = Fixtures(test.kernel)
        let bank = try await fixtures.organisation("Banque", .foodBank)
        let warehouse = try await fixtures.site(of: bank.id, name: "Entrepôt")
        let coordinator = try await fixtures.logIn("coord@bank.test", role: .coordinator, in: bank.id)
        let driver = try await fixtures.logIn("driver@bank.test", role: .driver, in: bank.id)
        let van = try await fixtures.vehicle(of: bank.id, refrigerated: true)
        let donor = try await fixtures.organisation("Primeur", .donor)
        let shop = try await fixtures.site(of: donor.id, name: "Magasin", latitude: 48.12, longitude: -1.66)
        let workshop = try await fixtures.organisation("Atelier", .processingWorkshop)
        let kitchen = try await fixtures.site(of: workshop.id, name: "Cuisine", latitude: 48.10, longitude: -1.70)
        let manager = try await fixtures.logIn("manager@atelier.test", role: .admin, in: workshop.id)
        let city = try await fixtures.organisation("Métropole", .cityService)
        let cityCoordinator = try await fixtures.logIn("city@metropole.test", role: .coordinator, in: city.id)
        try await test.kernel.units.write(by: nil) { tx in
            try await tx.execute(
                "INSERT INTO microtransform_workshops (organisation_id, site_id, daily_capacity_kg, created_at) VALUES (?, ?, 400, ?)",
                [workshop.id, kitchen.id, tx.now])
        }
        let now = test.clock.now()
        let today = CalendarDate(now, in: TimeZone(identifier: "Europe/Paris")!)

        try await withLiveServer(test.kernel) { client throws in
            // FoodAid: an offer, a pickup on a round, and sorting into stock, processing and biowaste.
            let offer = try await client.json(
                .post, "/api/v1/foodaid/offers", token: coordinator.token,
                raw: """
                    {"donorId": "\(donor.id)", "availableFrom": "\(Instant.format(now))",
                     "availableUntil": "\(Instant.format(now.addingTimeInterval(8 * 3600)))",
                     "lines": [{"category": "fruit_vegetables", "description": "légumes", "estimatedKg": 60}]}
                    """
            ).decode(Created.self)
            struct Accepted: Decodable { let pickupId: UUID }
            let pickup = try await client.json(
                .post, "/api/v1/foodaid/offers/\(offer.id)/accept", token: coordinator.token,
                raw: #"{"warehouseSiteId": "\#(warehouse.id)"}"#
            ).decode(Accepted.self).pickupId
            struct Pickup: Decodable { let id: UUID; let taskId: UUID? }
            let task = try #require(
                try await client.json(.get, "/api/v1/foodaid/pickups", token: coordinator.token).decode([Pickup].self)
                    .first { $0.id == pickup }?.taskId)
            let round = try await client.json(
                .post, "/api/v1/rounds", token: coordinator.token,
                body: RoundRequest(
                    organisationId: bank.id, day: today, startTime: LocalTime(hour: 10, minute: 0)!, vehicleId: van.id,
                    driverUserId: driver.user.id,
                    stops: [.init(siteId: shop.id, pickups: [task]), .init(siteId: warehouse.id, drops: [task])])
            ).decode(Round.self)
            for (sequence, action) in [(1, Round.Action.pickup), (2, .drop)] {
                _ = try await client.json(
                    .post, "/api/v1/rounds/\(round.id)/stops/\(sequence)/complete", token: driver.token,
                    body: StopCompletion(entries: [.init(taskId: task, action: action, actualKg: 58)]))
            }
            try await test.kernel.relay.deliverPending()
            #expect(
                await eventually {
                    (try? await client.json(.get, "/api/v1/foodaid/pickups", token: coordinator.token).decode([PickupStatus].self))?
                        .first { $0.id == pickup }?.status == "received"
                })
            let sorted = try await client.json(
                .post, "/api/v1/foodaid/pickups/\(pickup)/sorting", token: coordinator.token,
                raw: """
                    {"receivedKg": 58, "stock": [],
                     "processing": [{"category": "fruit_vegetables", "productName": "carottes", "kg": 50, "remainingShelfLifeDays": 3}],
                     "unfit": [{"kg": 8, "reason": "pourri"}]}
                    """)
            #expect(sorted.status == .ok, "\(sorted.text)")
            try await test.kernel.relay.deliverPending()

            // MicroTransform sees the carrots; Biowaste sees the unfit food at the warehouse.
            struct Intake: Decodable { let id: UUID; let produceKind: String?; let kg: Double; let lotId: UUID? }
            let proposed: @Sendable () async -> [Intake] = {
                (try? await client.json(
                    .get, "/api/v1/microtransform/workshops/\(workshop.id)/intakes?status=proposed", token: manager.token
                ).decode([Intake].self)) ?? []
            }
            #expect(await eventually { await !proposed().isEmpty })
            let intakes = await proposed()
            let carrots = try #require(intakes.first)
            #expect(carrots.kg == 50)
            #expect(carrots.produceKind == "vegetables")
            struct Waiting: Decodable { let siteId: UUID; let estimatedKg: Double; let nature: String }
            let waitingNow: @Sendable () async -> [Waiting] = {
                (try? await client.json(.get, "/api/v1/biowaste/waiting", token: cityCoordinator.token).decode([Waiting].self)) ?? []
            }
            #expect(await eventually { await !waitingNow().isEmpty })
            let waiting = await waitingNow()
            #expect(waiting.map(\.siteId) == [warehouse.id])
            #expect(waiting.map(\.nature) == ["unfit_food"])

            // The workshop takes the carrots in, cooks a soup and releases it: FoodAid receives the jars.
            for (name, type) in [("Table", "prep_table"), ("Marmite", "kettle"), ("Autoclave", "autoclave")] {
                _ = try await client.json(
                    .post, "/api/v1/microtransform/workshops/\(workshop.id)/equipment", token: manager.token,
                    raw: #"{"name": "\#(name)", "type": "\#(type)", "capacityKg": 150}"#)
            }
            _ = try await client.json(
                .post, "/api/v1/microtransform/workshops/\(workshop.id)/shifts", token: manager.token,
                raw: #"{"day": "\#(today)", "from": "08:00", "until": "18:00", "cooks": 3}"#)
            let recipe = try await client.json(
                .post, "/api/v1/microtransform/workshops/\(workshop.id)/recipes", token: manager.token,
                raw: """
                    {"name": "Soupe", "produceKind": "vegetables", "minProduceShare": 0.6, "maxProduceShare": 0.8, "yield": 0.95,
                     "output": {"name": "Soupe 1 L", "productCode": "ATELIER-SOUPE-1L", "packaging": "bocal 1 L", "unitKg": 1,
                                "shelfLifeDays": 365, "dateKind": "best_before", "temperature": "ambient"},
                     "minBatchKg": 20, "maxBatchKg": 100, "staff": 2,
                     "steps": [{"name": "épluchage", "equipmentType": "prep_table", "minutes": 30},
                               {"name": "cuisson", "equipmentType": "kettle", "minutes": 60},
                               {"name": "stérilisation", "equipmentType": "autoclave", "minutes": 60}]}
                    """)
            #expect(recipe.status == .created, "\(recipe.text)")
            _ = try await client.json(.post, "/api/v1/microtransform/intakes/\(carrots.id)/accept", token: manager.token, raw: "{}")
            _ = try await client.json(
                .post, "/api/v1/microtransform/intakes/\(carrots.id)/receive", token: manager.token, raw: #"{"kg": 49.5}"#)
            struct Plan: Decodable { let batches: [Created] }
            let plan = try await client.json(
                .post, "/api/v1/microtransform/workshops/\(workshop.id)/plan", token: manager.token, raw: #"{"days": 2}"#
            ).decode(Plan.self)
            let batch = try #require(plan.batches.first).id
            _ = try await client.json(.post, "/api/v1/microtransform/batches/\(batch)/start", token: manager.token, raw: "{}")
            let finished = try await client.json(
                .post, "/api/v1/microtransform/batches/\(batch)/finish", token: manager.token,
                raw: #"{"outputUnits": 60, "wasteKg": 3, "haccp": {"cookingCelsius": 95, "cookingMinutes": 60, "coolingMinutes": 60}}"#)
            #expect(finished.status == .ok, "\(finished.text)")
            try await test.kernel.relay.deliverPending()
            struct Lot: Decodable { let id: UUID; let originKind: String; let onHand: Int; let status: String }
            let processedLots: @Sendable () async -> [Lot] = {
                ((try? await client.json(.get, "/api/v1/foodaid/lots?limit=500", token: coordinator.token).decode([Lot].self)) ?? [])
                    .filter { $0.originKind == "processing" }
            }
            #expect(await eventually { await !processedLots().isEmpty })
            let processed = await processedLots()
            #expect(processed.map(\.onHand) == [60])
            // The peelings are waiting for the city at the workshop.
            #expect(
                await eventually {
                    await waitingNow().contains { $0.siteId == kitchen.id && $0.estimatedKg == 3 }
                })

            // A recall of the food bank's pickup reaches the jars in food-aid stock.
            let recall = try await client.json(
                .post, "/api/v1/microtransform/workshops/\(workshop.id)/recalls", token: manager.token,
                raw: #"{"sourceReference": "foodaid:\#(pickup.uuidString.lowercased())", "reason": "alerte fournisseur"}"#)
            #expect(recall.status == .ok, "\(recall.text)")
            try await test.kernel.relay.deliverPending()
            #expect(
                await eventually {
                    await processedLots().first { $0.id == processed[0].id }?.status == "recalled"
                })
        }
    }

    struct PickupStatus: Decodable {
        let id: UUID
        let status: String
    }
}
