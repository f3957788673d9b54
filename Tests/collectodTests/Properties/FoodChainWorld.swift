import CollectoKernel
import CollectoTestSupport
import Foundation
import HTTPTypes
import HummingbirdTesting
import Testing

@testable import collectod

/// The three modules on one kernel, for property tests that drive the whole
/// chain through the API: a food bank that receives donations on rounds and
/// sorts them, a workshop with equipment, cooks and a soup recipe, a partner,
/// and a city service that collects the warehouse's unfit food for a
/// composting platform. Setup happens through the API where a user would do it.
struct FoodChainWorld {
    typealias Login = (user: User, token: String)
    struct Created: Decodable { let id: UUID }
    struct Accepted: Decodable { let pickupId: UUID }
    struct Pickup: Decodable { let id: UUID; let taskId: UUID?; let status: String }
    struct WastePickup: Decodable { let id: UUID; let siteId: UUID; let taskId: UUID? }
    struct WastePlan: Decodable { let pickups: [WastePickup] }
    struct WastePoint: Decodable {
        struct Container: Decodable { let id: UUID }
        let containers: [Container]
    }

    let test: TestKernel
    let bank: Organisation
    let warehouse: Site
    var coordinator: Login
    var driver: Login
    let van: Vehicle
    let donor: Organisation
    let shop: Site
    let workshop: Organisation
    let kitchen: Site
    var manager: Login
    let partner: Organisation
    let partnerSite: Site
    var member: Login
    var city: Login
    var cityDriver: Login
    let truck: Vehicle
    let compost: Site
    let carrots: UUID

    var today: CalendarDate { CalendarDate(test.clock.now(), in: TimeZone(identifier: "Europe/Paris")!) }
    var workshopBase: String { "/api/v1/microtransform/workshops/\(workshop.id)" }

    static func make(_ client: some TestClientProtocol, test: TestKernel) async throws -> FoodChainWorld {
        let fixtures = Fixtures(test.kernel)
        let bank = try await fixtures.organisation("Banque", .foodBank)
        let warehouse = try await fixtures.site(of: bank.id, name: "Entrepôt")
        let workshop = try await fixtures.organisation("Atelier", .processingWorkshop)
        let kitchen = try await fixtures.site(of: workshop.id, name: "Cuisine", latitude: 48.10, longitude: -1.70)
        try await test.kernel.units.write(by: nil) { tx in
            try await tx.execute(
                "INSERT INTO microtransform_workshops (organisation_id, site_id, daily_capacity_kg, created_at) VALUES (?, ?, 2000, ?)",
                [workshop.id, kitchen.id, tx.now])
        }
        let partner = try await fixtures.organisation("Épicerie", .partnerAssociation)
        let cityService = try await fixtures.organisation("Métropole", .cityService)
        let donor = try await fixtures.organisation("Primeur", .donor)
        let platform = try await fixtures.organisation("Compostage", .treatmentSite)
        let compost = try await fixtures.site(of: platform.id, name: "Plateforme", latitude: 48.14, longitude: -1.75)
        let city = try await fixtures.logIn("city@metropole.test", role: .coordinator, in: cityService.id)
        let coordinator = try await fixtures.logIn("coord@bank.test", role: .coordinator, in: bank.id)
        let manager = try await fixtures.logIn("manager@atelier.test", role: .admin, in: workshop.id)
        let product = try await Self.send(
            client, .post, "/api/v1/foodaid/products", coordinator.token,
            #"{"code": "CAROTTES", "name": "Carottes", "category": "fruit_vegetables", "unit": "kg", "unitWeightKg": 1,"#
                + #" "temperature": "chilled", "fundingOrigin": "donation"}"#, expect: .created
        ).decode(Created.self)
        for (name, type) in [("Table", "prep_table"), ("Marmite", "kettle"), ("Autoclave", "autoclave")] {
            try await Self.send(
                client, .post, "/api/v1/microtransform/workshops/\(workshop.id)/equipment", manager.token,
                #"{"name": "\#(name)", "type": "\#(type)", "capacityKg": 150}"#, expect: .created)
        }
        let world = FoodChainWorld(
            test: test, bank: bank, warehouse: warehouse, coordinator: coordinator,
            driver: try await fixtures.logIn("driver@bank.test", role: .driver, in: bank.id),
            van: try await fixtures.vehicle(of: bank.id, kg: 3_000, refrigerated: true), donor: donor,
            shop: try await fixtures.site(of: donor.id, name: "Magasin", latitude: 48.12, longitude: -1.66), workshop: workshop,
            kitchen: kitchen, manager: manager, partner: partner, partnerSite: try await fixtures.site(of: partner.id, name: "Local"),
            member: try await fixtures.logIn("member@epicerie.test", role: .member, in: partner.id),
            city: city, cityDriver: try await fixtures.logIn("collecte@metropole.test", role: .driver, in: cityService.id),
            truck: try await fixtures.vehicle(of: cityService.id, kg: 3_000), compost: compost, carrots: product.id)
        // The city collects the warehouse's biowaste bins for the composting platform.
        try await Self.send(
            client, .post, "/api/v1/biowaste/points", city.token, #"{"siteId": "\#(warehouse.id)", "expectedKgPerWeek": 60}"#,
            expect: .created)
        try await Self.send(
            client, .post, "/api/v1/biowaste/points/\(warehouse.id)/containers", city.token,
            #"{"type": "bac 660 L", "volumeLitres": 660, "count": 2, "handling": "empty"}"#, expect: .created)
        try await Self.send(
            client, .put, "/api/v1/biowaste/destinations", city.token,
            #"{"siteId": "\#(compost.id)", "treatment": "composting", "accepts": ["biowaste", "unfit_food", "peelings"], "dailyCapacityKg": 5000}"#
        )
        for offset in 0..<7 {
            try await Self.send(
                client, .post, "\(world.workshopBase)/shifts", manager.token,
                #"{"day": "\#(world.today.adding(days: offset))", "from": "08:00", "until": "18:00", "cooks": 4}"#, expect: .created)
        }
        try await Self.send(
            client, .post, "\(world.workshopBase)/recipes", manager.token,
            """
            {"name": "Soupe", "produceKind": "vegetables", "minProduceShare": 0.6, "maxProduceShare": 0.8, "yield": 0.9,
             "output": {"name": "Soupe 1 L", "productCode": "ATELIER-SOUPE-1L", "packaging": "bocal 1 L", "unitKg": 1,
                        "shelfLifeDays": 365, "dateKind": "best_before", "temperature": "ambient"},
             "minBatchKg": 10, "maxBatchKg": 100, "staff": 1,
             "steps": [{"name": "épluchage", "equipmentType": "prep_table", "minutes": 30},
                       {"name": "cuisson", "equipmentType": "kettle", "minutes": 45},
                       {"name": "stérilisation", "equipmentType": "autoclave", "minutes": 30}],
             "limits": {"minCookingCelsius": 90}}
            """, expect: .created)
        return world
    }

    /// The same world with fresh log-ins, once the clock has moved past the tokens' lifetime.
    func loggedInAgain() async throws -> FoodChainWorld {
        var copy = self
        func again(_ login: Login) async throws -> Login {
            (login.user, try await test.kernel.identity.logIn(email: login.user.email, password: Fixtures.password).token)
        }
        copy.coordinator = try await again(coordinator)
        copy.driver = try await again(driver)
        copy.manager = try await again(manager)
        copy.member = try await again(member)
        copy.city = try await again(city)
        copy.cityDriver = try await again(cityDriver)
        return copy
    }

    /// Sends a request; a 5xx always fails the test, and `expect` names the status wanted when there is one.
    @discardableResult
    static func send(
        _ client: some TestClientProtocol, _ method: HTTPRequest.Method, _ uri: String, _ token: String, _ body: String? = nil,
        expect: HTTPResponse.Status? = nil, sourceLocation: SourceLocation = #_sourceLocation
    ) async throws -> TestResponse {
        let response = try await client.json(method, uri, token: token, raw: body ?? (method == .get ? nil : "{}"))
        #expect(response.status.code < 500, "\(method) \(uri): \(response.text)", sourceLocation: sourceLocation)
        if let expect {
            #expect(response.status == expect, "\(method) \(uri): \(response.text)", sourceLocation: sourceLocation)
        }
        return response
    }

    /// A donation picked up on a round, weighed by the driver, and sorted at the warehouse:
    /// `stockKg` of carrots to stock, `processingKg` to the workshop, `unfitKg` to biowaste. Returns the pickup.
    func donate(
        _ client: some TestClientProtocol, driverKg: Double, stockKg: Int, processingKg: Double, unfitKg: Double, roundHour: Int
    ) async throws -> UUID {
        let pickup = try await deliver(client, driverKg: driverKg, roundHour: roundHour)
        let stock =
            stockKg > 0
            ? #"[{"productId": "\#(carrots)", "quantity": \#(stockKg), "kg": \#(stockKg), "useBy": "\#(today.adding(days: 9))"}]"# : "[]"
        let processing =
            processingKg > 0
            ? #"[{"category": "fruit_vegetables", "productName": "carottes", "kg": \#(processingKg), "remainingShelfLifeDays": 3}]"# : "[]"
        let unfit = unfitKg > 0 ? #"[{"kg": \#(unfitKg), "reason": "pourri"}]"# : "[]"
        let received = Grams.kg(Grams.of(kg: Double(stockKg)) + Grams.of(kg: processingKg) + Grams.of(kg: unfitKg))
        try await sort(
            client, pickup,
            #"{"receivedKg": \#(received), "stock": \#(stock), "processing": \#(processing), "unfit": \#(unfit), "weightDifferenceReason": "pesé au dépôt"}"#
        )
        return pickup
    }

    /// An offer accepted, picked up on a round and dropped at the warehouse, the driver weighing `driverKg`. Returns the pickup.
    func deliver(_ client: some TestClientProtocol, driverKg: Double, roundHour: Int) async throws -> UUID {
        let now = test.clock.now()
        let offer = try await Self.send(
            client, .post, "/api/v1/foodaid/offers", coordinator.token,
            """
            {"donorId": "\(donor.id)", "availableFrom": "\(Instant.format(now))",
             "availableUntil": "\(Instant.format(now.addingTimeInterval(9 * 3600)))",
             "lines": [{"category": "fruit_vegetables", "description": "légumes", "estimatedKg": \(driverKg)}]}
            """, expect: .created
        ).decode(Created.self)
        let pickup = try await Self.send(
            client, .post, "/api/v1/foodaid/offers/\(offer.id)/accept", coordinator.token, #"{"warehouseSiteId": "\#(warehouse.id)"}"#,
            expect: .ok
        ).decode(Accepted.self).pickupId
        let pickups = try await Self.send(client, .get, "/api/v1/foodaid/pickups?limit=1000", coordinator.token).decode([Pickup].self)
        let task = try #require(pickups.first { $0.id == pickup }?.taskId)
        let request = RoundRequest(
            organisationId: bank.id, day: today, startTime: LocalTime(hour: roundHour, minute: 0)!, vehicleId: van.id,
            driverUserId: driver.user.id, stops: [.init(siteId: shop.id, pickups: [task]), .init(siteId: warehouse.id, drops: [task])])
        let round = try await Self.send(
            client, .post, "/api/v1/rounds", coordinator.token, String(decoding: try JSONBody.encoder.encode(request), as: UTF8.self),
            expect: .created
        ).decode(Round.self)
        for (sequence, action) in [(1, "pickup"), (2, "drop")] {
            try await Self.send(
                client, .post, "/api/v1/rounds/\(round.id)/stops/\(sequence)/complete", driver.token,
                #"{"entries": [{"taskId": "\#(task)", "action": "\#(action)", "actualKg": \#(driverKg)}]}"#, expect: .ok)
        }
        try await test.kernel.relay.deliverPending()
        return pickup
    }

    /// The city plans today's biowaste pickups and collects the first one at the warehouse: the driver weighs the bins
    /// (`collectedKg`) and the platform weighs the load (`deliveredKg`). Returns false when nothing was waiting.
    func collectWaste(_ client: some TestClientProtocol, collectedKg: Double, deliveredKg: Double, roundHour: Int) async throws -> Bool {
        let plan = try await Self.send(client, .post, "/api/v1/biowaste/pickups/plan", city.token, #"{"day": "\#(today)"}"#)
        guard plan.status == .ok, let pickup = try plan.decode(WastePlan.self).pickups.first(where: { $0.taskId != nil }),
            let task = pickup.taskId
        else { return false }
        let request = RoundRequest(
            organisationId: truck.ownerOrganisationId, day: today, startTime: LocalTime(hour: roundHour, minute: 30)!, vehicleId: truck.id,
            driverUserId: cityDriver.user.id,
            stops: [.init(siteId: pickup.siteId, pickups: [task]), .init(siteId: compost.id, drops: [task])])
        let created = try await Self.send(
            client, .post, "/api/v1/rounds", city.token, String(decoding: try JSONBody.encoder.encode(request), as: UTF8.self))
        guard created.status == .created else { return false }
        let round = try created.decode(Round.self)
        let containers = try await Self.send(client, .get, "/api/v1/biowaste/points/\(pickup.siteId)", city.token, expect: .ok)
            .decode(WastePoint.self).containers
        guard let bin = containers.first else { return false }
        try await Self.send(
            client, .post, "/api/v1/biowaste/pickups/\(pickup.id)/collection", cityDriver.token,
            #"{"containers": [{"containerId": "\#(bin.id)", "kg": \#(collectedKg)}]}"#, expect: .ok)
        for (sequence, action, kg) in [(1, "pickup", collectedKg), (2, "drop", deliveredKg)] {
            try await Self.send(
                client, .post, "/api/v1/rounds/\(round.id)/stops/\(sequence)/complete", cityDriver.token,
                #"{"entries": [{"taskId": "\#(task)", "action": "\#(action)", "actualKg": \#(kg)}]}"#, expect: .ok)
        }
        try await test.kernel.relay.deliverPending()
        return true
    }

    /// One window for the partner: an order of `quantity` carrots, allocated after the cut-off, validated, prepared and
    /// shipped for delivery on `deliveryDay`. Returns the order shipped, or nil when a step was refused.
    func shipCarrots(_ client: some TestClientProtocol, quantity: Int, deliveryDay: CalendarDate) async throws -> Shipped? {
        let now = test.clock.now()
        let window = try await Self.send(
            client, .post, "/api/v1/foodaid/windows", coordinator.token,
            """
            {"name": "Semaine", "warehouseSiteId": "\(warehouse.id)", "opensAt": "\(Instant.format(now.addingTimeInterval(-60)))",
             "cutoffAt": "\(Instant.format(now.addingTimeInterval(1800)))", "deliveryDay": "\(deliveryDay)",
             "fulfilment": "delivery", "partnerIds": ["\(partner.id)"]}
            """, expect: .created
        ).decode(Created.self)
        let order = try await Self.send(
            client, .put, "/api/v1/foodaid/windows/\(window.id)/order", member.token,
            #"{"organisationId": "\#(partner.id)", "lines": [{"productId": "\#(carrots)", "quantity": \#(quantity)}]}"#, expect: .ok
        ).decode(ShippedOrder.self)
        try await Self.send(client, .post, "/api/v1/foodaid/orders/\(order.id)/submit", member.token, expect: .ok)
        test.clock.advance(by: 3600)
        try await Self.send(client, .post, "/api/v1/foodaid/windows/\(window.id)/allocate", coordinator.token, expect: .ok)
        var shipped: ShippedOrder?
        for step in ["validate", "prepare", "ship"] {
            let response = try await Self.send(client, .post, "/api/v1/foodaid/orders/\(order.id)/\(step)", coordinator.token)
            guard response.status == .ok else { return nil }
            shipped = try response.decode(ShippedOrder.self)
        }
        return shipped.map { Shipped(orderId: $0.id, taskId: $0.taskId) }
    }

    /// An order that left the warehouse, and the delivery task it needs.
    struct Shipped { let orderId: UUID; let taskId: UUID? }
    private struct ShippedOrder: Decodable { let id: UUID; let taskId: UUID? }

    /// Sorts a received pickup with the given body, then delivers the events it published.
    func sort(_ client: some TestClientProtocol, _ pickup: UUID, _ body: String) async throws {
        try await Self.send(client, .post, "/api/v1/foodaid/pickups/\(pickup)/sorting", coordinator.token, body, expect: .ok)
        try await test.kernel.relay.deliverPending()
    }
}
