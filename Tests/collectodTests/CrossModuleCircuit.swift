import CollectoKernel
import CollectoTestSupport
import Foundation
import HTTPTypes
import HummingbirdTesting
import Testing

@testable import collectod

/// A food bank with a driver and a van, a greengrocer donor, a workshop and a
/// city service on one kernel with every module — and the steps of the circuit
/// through the API, each building on the one before, for `CrossModuleFlowTests`.
struct CrossModuleCircuit {
    typealias Login = (user: User, token: String)
    struct Created: Decodable { let id: UUID }
    struct Intake: Decodable { let id: UUID; let produceKind: String?; let kg: Double; let lotId: UUID? }
    struct Waiting: Decodable { let siteId: UUID; let estimatedKg: Double; let nature: String }
    struct Lot: Decodable { let id: UUID; let originKind: String; let originReference: String; let onHand: Int; let status: String }
    struct Pickup: Decodable { let id: UUID; let status: String; let taskId: UUID? }

    let test: TestKernel
    let bank: Organisation
    let warehouse: Site
    let coordinator: Login
    let driver: Login
    let van: Vehicle
    let donor: Organisation
    let shop: Site
    let workshop: Organisation
    let kitchen: Site
    let manager: Login
    let cityCoordinator: Login
    let today: CalendarDate

    static func make() async throws -> CrossModuleCircuit {
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
        return CrossModuleCircuit(
            test: test, bank: bank, warehouse: warehouse, coordinator: coordinator, driver: driver, van: van, donor: donor, shop: shop,
            workshop: workshop, kitchen: kitchen, manager: manager, cityCoordinator: cityCoordinator,
            today: CalendarDate(test.clock.now(), in: TimeZone(identifier: "Europe/Paris")!))
    }

    func pickups(_ client: any TestClientProtocol) async throws -> [Pickup] {
        try await client.json(.get, "/api/v1/foodaid/pickups", token: coordinator.token).decode([Pickup].self)
    }

    /// The donor's 60 kg of vegetables offered, picked up on a round (58 kg) and sorted: 50 kg of carrots
    /// for processing, 8 kg unfit. Returns the food bank's pickup.
    func sorted(_ client: any TestClientProtocol) async throws -> UUID {
        let now = test.clock.now()
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
            .post, "/api/v1/foodaid/offers/\(offer.id)/accept", token: coordinator.token, raw: #"{"warehouseSiteId": "\#(warehouse.id)"}"#
        ).decode(Accepted.self).pickupId
        let task = try #require(try await pickups(client).first { $0.id == pickup }?.taskId)
        let round = try await client.json(
            .post, "/api/v1/rounds", token: coordinator.token,
            body: RoundRequest(
                organisationId: bank.id, day: today, startTime: LocalTime(hour: 10, minute: 0)!, vehicleId: van.id,
                driverUserId: driver.user.id, stops: [.init(siteId: shop.id, pickups: [task]), .init(siteId: warehouse.id, drops: [task])])
        ).decode(Round.self)
        for (sequence, action) in [(1, Round.Action.pickup), (2, .drop)] {
            _ = try await client.json(
                .post, "/api/v1/rounds/\(round.id)/stops/\(sequence)/complete", token: driver.token,
                body: StopCompletion(entries: [.init(taskId: task, action: action, actualKg: 58)]))
        }
        try await test.kernel.relay.deliverPending()
        #expect(await eventually { (try? await pickups(client))?.first { $0.id == pickup }?.status == "received" })
        let sorted = try await client.json(
            .post, "/api/v1/foodaid/pickups/\(pickup)/sorting", token: coordinator.token,
            raw: """
                {"receivedKg": 58, "stock": [],
                 "processing": [{"category": "fruit_vegetables", "productName": "carottes", "kg": 50, "remainingShelfLifeDays": 3}],
                 "unfit": [{"kg": 8, "reason": "pourri"}]}
                """)
        #expect(sorted.status == .ok, "\(sorted.text)")
        try await test.kernel.relay.deliverPending()
        return pickup
    }

    func proposed(_ client: any TestClientProtocol) async -> [Intake] {
        (try? await client.json(.get, "/api/v1/microtransform/workshops/\(workshop.id)/intakes?status=proposed", token: manager.token)
            .decode([Intake].self)) ?? []
    }

    func waiting(_ client: any TestClientProtocol) async -> [Waiting] {
        (try? await client.json(.get, "/api/v1/biowaste/waiting", token: cityCoordinator.token).decode([Waiting].self)) ?? []
    }

    func processedLots(_ client: any TestClientProtocol) async -> [Lot] {
        ((try? await client.json(.get, "/api/v1/foodaid/lots?limit=500", token: coordinator.token).decode([Lot].self)) ?? [])
            .filter { $0.originKind == "processing" }
    }

    /// The sorted carrots taken in by the workshop (49.5 kg), cooked into 60 jars of soup with 3 kg of
    /// peelings and released, and the jars received into food-aid stock. Returns the pickup and the jars.
    func jarsInStock(_ client: any TestClientProtocol) async throws -> (pickup: UUID, jars: [Lot]) {
        let pickup = try await sorted(client)
        #expect(await eventually { await !proposed(client).isEmpty })
        let carrots = try #require(await proposed(client).first)
        let base = "/api/v1/microtransform/workshops/\(workshop.id)"
        for (name, type) in [("Table", "prep_table"), ("Marmite", "kettle"), ("Autoclave", "autoclave")] {
            _ = try await client.json(
                .post, "\(base)/equipment", token: manager.token, raw: #"{"name": "\#(name)", "type": "\#(type)", "capacityKg": 150}"#)
        }
        _ = try await client.json(
            .post, "\(base)/shifts", token: manager.token, raw: #"{"day": "\#(today)", "from": "08:00", "until": "18:00", "cooks": 3}"#)
        let recipe = try await client.json(.post, "\(base)/recipes", token: manager.token, raw: Self.soup)
        #expect(recipe.status == .created, "\(recipe.text)")
        _ = try await client.json(.post, "/api/v1/microtransform/intakes/\(carrots.id)/accept", token: manager.token, raw: "{}")
        _ = try await client.json(
            .post, "/api/v1/microtransform/intakes/\(carrots.id)/receive", token: manager.token, raw: #"{"kg": 49.5}"#)
        struct Plan: Decodable { let batches: [Created] }
        let plan = try await client.json(.post, "\(base)/plan", token: manager.token, raw: #"{"days": 2}"#).decode(Plan.self)
        let batch = try #require(plan.batches.first).id
        _ = try await client.json(.post, "/api/v1/microtransform/batches/\(batch)/start", token: manager.token, raw: "{}")
        let finished = try await client.json(
            .post, "/api/v1/microtransform/batches/\(batch)/finish", token: manager.token,
            raw: #"{"outputUnits": 60, "wasteKg": 3, "haccp": {"cookingCelsius": 95, "cookingMinutes": 60, "coolingMinutes": 60}}"#)
        #expect(finished.status == .ok, "\(finished.text)")
        try await test.kernel.relay.deliverPending()
        #expect(await eventually { await !processedLots(client).isEmpty })
        return (pickup, await processedLots(client))
    }

    static let soup = """
        {"name": "Soupe", "produceKind": "vegetables", "minProduceShare": 0.6, "maxProduceShare": 0.8, "yield": 0.95,
         "output": {"name": "Soupe 1 L", "productCode": "ATELIER-SOUPE-1L", "packaging": "bocal 1 L", "unitKg": 1,
                    "shelfLifeDays": 365, "dateKind": "best_before", "temperature": "ambient"},
         "minBatchKg": 20, "maxBatchKg": 100, "staff": 2,
         "steps": [{"name": "épluchage", "equipmentType": "prep_table", "minutes": 30},
                   {"name": "cuisson", "equipmentType": "kettle", "minutes": 60},
                   {"name": "stérilisation", "equipmentType": "autoclave", "minutes": 60}]}
        """
}
