import Biowaste
import CollectoKernel
import CollectoTestSupport
import Foundation
import HTTPTypes
import HummingbirdTesting
import Testing

/// Corrections count in the period of the entry they correct, restated months
/// say so, and the mass balance's Biowaste sections show both weighings of
/// the waste to the gram, through the HTTP API of a live server.
@Suite struct BiowasteBalanceTests {
    struct Balance: Decodable {
        struct Line: Decodable, Equatable {
            let account: String
            let key: String?
            let grams: Int
        }
        struct Check: Decodable, Equatable {
            let name: String
            let equation: String
            let leftGrams: Int
            let rightGrams: Int
            let differenceGrams: Int
        }
        struct Section: Decodable {
            let module: String
            let title: String
            let lines: [Line]
            let checks: [Check]
            let restatedAt: String?
        }
        let sections: [Section]
        let closes: Bool
        let restatedAt: String?

        func section(_ title: String) throws -> Section { try #require(sections.first { $0.module == "biowaste" && $0.title == title }) }
    }

    struct Report: Decodable {
        struct Line: Decodable, Equatable {
            let key: String
            let kg: Double
        }
        struct Restatement: Decodable, Equatable {
            let month: String
            let restatedOn: String
        }
        let collectedKg: Double
        let deliveredKg: Double
        let byMonth: [Line]
        let restated: [Restatement]
    }

    /// A city collecting a grocery's biowaste for a composting platform, and the food bank's coordinator.
    struct Network: Sendable {
        let test: TestKernel
        let coordinator: String
        let driver: (user: User, token: String)
        let foodBank: String
        let grocery: Organisation
        let shop: Site
        let compost: Site
        let city: Organisation
        let truck: Vehicle
    }

    static let paris = TimeZone(identifier: "Europe/Paris")!

    static func network(at start: Date = TestKernel.winterMorning) async throws -> Network {
        let test = try await TestKernel.make(modules: [BiowasteModule()], clock: ManualWallClock(start))
        let fixtures = Fixtures(test.kernel)
        let city = try await fixtures.organisation("Métropole", .cityService)
        let coordinator = try await fixtures.logIn("city@metropole.test", role: .coordinator, in: city.id)
        let driver = try await fixtures.logIn("driver@metropole.test", role: .driver, in: city.id)
        let bank = try await fixtures.organisation("Banque alimentaire", .foodBank)
        let foodBank = try await fixtures.logIn("coordination@banque.test", role: .coordinator, in: bank.id)
        let grocery = try await fixtures.organisation("Épicerie", .partnerAssociation)
        let shop = try await fixtures.site(of: grocery.id, name: "Boutique", latitude: 48.12, longitude: -1.66)
        let platform = try await fixtures.organisation("Compostage", .treatmentSite)
        let compost = try await fixtures.site(of: platform.id, name: "Plateforme", latitude: 48.14, longitude: -1.75)
        let truck = try await fixtures.vehicle(of: city.id, kg: 3_000)
        return Network(
            test: test, coordinator: coordinator.token, driver: driver, foodBank: foodBank.token, grocery: grocery, shop: shop,
            compost: compost, city: city, truck: truck)
    }

    /// The grocery's point and the platform, declared by the city.
    static func declare(_ network: Network, _ client: any TestClientProtocol) async throws {
        struct Point: Encodable { let siteId: UUID; let expectedKgPerWeek: Double }
        let point = try await client.json(
            .post, "/api/v1/biowaste/points", token: network.coordinator, body: Point(siteId: network.shop.id, expectedKgPerWeek: 70))
        #expect(point.status == .created, "\(point.text)")
        struct DestinationBody: Encodable { let siteId: UUID; let treatment: String; let accepts: [String]; let dailyCapacityKg: Double }
        let saved = try await client.json(
            .put, "/api/v1/biowaste/destinations", token: network.coordinator,
            body: DestinationBody(siteId: network.compost.id, treatment: "composting", accepts: ["*"], dailyCapacityKg: 5_000))
        #expect(saved.status == .ok, "\(saved.text)")
    }

    /// Food aid announces unfit food at the grocery (a kernel event), for `reference`.
    static func announce(_ network: Network, _ client: any TestClientProtocol, kg: Double, reference: String) async throws {
        try await network.test.kernel.units.write(by: nil) { tx in
            try await tx.publish(
                BiowasteProduced(
                    sourceModule: "foodaid", sourceReference: reference, siteId: network.shop.id, organisationId: network.grocery.id,
                    kg: kg, nature: "unfit_food", reason: "moisi", producedAt: tx.now))
        }
        try await network.test.kernel.relay.deliverPending()
        struct Waiting: Decodable { let estimatedKg: Double }
        #expect(
            await eventually {
                ((try? await client.json(.get, "/api/v1/biowaste/points/\(network.shop.id)/waiting", token: network.coordinator)
                    .decode([Waiting].self)) ?? []).contains { $0.estimatedKg == kg }
            })
    }

    /// What waits at the grocery is planned today, weighed `collectedKg` at pickup and `deliveredKg` at the platform.
    static func pickUp(_ network: Network, _ client: any TestClientProtocol, collectedKg: Double, deliveredKg: Double) async throws
        -> BiowastePickup
    {
        struct Plan: Decodable { let pickups: [BiowastePickup] }
        struct PlanBody: Encodable { let day: CalendarDate }
        let today = CalendarDate(network.test.clock.now(), in: paris)
        let plan = try await client.json(.post, "/api/v1/biowaste/pickups/plan", token: network.coordinator, body: PlanBody(day: today))
        let pickup = try #require(try plan.decode(Plan.self).pickups.first, "\(plan.text)")
        let task = try #require(pickup.taskId)
        let round = try await client.json(
            .post, "/api/v1/rounds", token: network.coordinator,
            body: RoundRequest(
                organisationId: network.city.id, day: today, startTime: LocalTime(hour: 9, minute: 0)!, vehicleId: network.truck.id,
                driverUserId: network.driver.user.id,
                stops: [.init(siteId: network.shop.id, pickups: [task]), .init(siteId: network.compost.id, drops: [task])]))
        #expect(round.status == .created, "\(round.text)")
        let roundID = try round.decode(Round.self).id
        for (sequence, action, kg) in [(1, Round.Action.pickup, collectedKg), (2, .drop, deliveredKg)] {
            let done = try await client.json(
                .post, "/api/v1/rounds/\(roundID)/stops/\(sequence)/complete", token: network.driver.token,
                body: StopCompletion(entries: [.init(taskId: task, action: action, actualKg: kg)]))
            #expect(done.status == .ok, "\(done.text)")
        }
        try await network.test.kernel.relay.deliverPending()
        #expect(
            await eventually {
                (try? await client.json(.get, "/api/v1/biowaste/pickups/\(pickup.id)", token: network.coordinator)
                    .decode(BiowastePickup.self).status) == "delivered"
            })
        return pickup
    }

    static func balance(_ client: any TestClientProtocol, _ query: String, token: String) async throws -> Balance {
        let response = try await client.json(.get, "/api/v1/balance?\(query)", token: token)
        #expect(response.status == .ok, "\(response.text)")
        return try response.decode(Balance.self)
    }

    @Test func aDecemberCorrectionOfANovemberCollectionRestatesNovemberNotDecember() async throws {
        let network = try await Self.network(at: Instant.parse("2026-11-20T08:00:00.000Z")!)
        try await withAPI(network.test.kernel) { client throws in
            try await Self.declare(network, client)
            try await Self.announce(network, client, kg: 100, reference: "pickup-1")
            _ = try await Self.pickUp(network, client, collectedKg: 110.4, deliveredKg: 110.4)
            let register = try await client.json(.get, "/api/v1/biowaste/register?from=2026-11-01", token: network.coordinator)
                .decode([RegisterEntry].self)
            let collection = try #require(register.first { $0.kind == "collection" })
            struct Correction: Encodable { let kg: Double; let reason: String }
            // Days later, yesterday's sessions have expired: log in again.
            func token(_ email: String) async throws -> String {
                let session = try await network.test.kernel.identity.logIn(email: email, password: Fixtures.password, from: nil)
                return session.token
            }
            func correct(to kg: Double) async throws {
                let corrected = try await client.json(
                    .post, "/api/v1/biowaste/register/\(collection.id)/corrections", token: try await token("city@metropole.test"),
                    body: Correction(kg: kg, reason: "pesée refaite"))
                #expect(corrected.status == .created, "\(corrected.text)")
            }
            func report(_ from: String, _ until: String, csv: Bool = false) async throws -> TestResponse {
                try await client.json(
                    .get, "/api/v1/biowaste/reports?from=\(from)&until=\(until)\(csv ? "&format=csv" : "")",
                    token: try await token("city@metropole.test"))
            }
            func report(_ from: String, _ until: String) async throws -> Report {
                try await report(from, until, csv: false).decode(Report.self)
            }

            // A correction written in November, the month of the entry, restates nothing.
            network.test.clock.set(Instant.parse("2026-11-25T10:00:00.000Z")!)
            try await correct(to: 111)
            var november = try await report("2026-11-01", "2026-11-30")
            #expect(november.collectedKg == 111)
            #expect(november.restated.isEmpty)

            // On 3 December the November weighing is corrected again: November's tonnage changes, December's does not.
            network.test.clock.set(Instant.parse("2026-12-03T10:00:00.000Z")!)
            try await correct(to: 112.25)
            november = try await report("2026-11-01", "2026-11-30")
            #expect(november.collectedKg == 112.25)
            #expect(november.byMonth == [.init(key: "2026-11", kg: 112.25)])
            #expect(november.deliveredKg == 110.4)
            #expect(november.restated == [.init(month: "2026-11", restatedOn: "2026-12-03")])
            let december = try await report("2026-12-01", "2026-12-31")
            #expect(december.collectedKg == 0)
            #expect(december.byMonth.isEmpty)
            #expect(december.restated.isEmpty)
            let both = try await report("2026-11-01", "2026-12-31")
            #expect(both.collectedKg == 112.25)
            #expect(both.byMonth == [.init(key: "2026-11", kg: 112.25)])
            #expect(both.restated == [.init(month: "2026-11", restatedOn: "2026-12-03")])
            let csv = try await report("2026-11-01", "2026-11-30", csv: true)
            #expect(csv.text.contains("month,2026-11,2026-11,112.25"))
            #expect(csv.text.contains("restated,2026-11,2026-12-03,"))
            #expect(csv.text.contains("totals,collected_kg,,112.25"))

            // The balance counts the corrections in November too, and the two weighings now differ by 1.85 kg.
            let compost = network.compost.id.uuidString.lowercased()
            let foodBank = try await token("coordination@banque.test")
            let balance = try await Self.balance(client, "from=2026-11-01&until=2026-11-30", token: foodBank)
            let collected = try balance.section("Waste collected by destination")
            #expect(collected.lines.filter { $0.account == "collected" } == [.init(account: "collected", key: compost, grams: 112_250)])
            #expect(collected.lines.filter { $0.account == "delivered" } == [.init(account: "delivered", key: compost, grams: 110_400)])
            #expect(
                collected.checks == [
                    .init(
                        name: "destination:\(compost)", equation: "collected = delivered", leftGrams: 112_250, rightGrams: 110_400,
                        differenceGrams: 1_850)
                ])
            // November's figures changed on 3 December, after November ended: the balance says so; December's did not change.
            #expect(balance.restatedAt == "2026-12-03T10:00:00.000Z")
            #expect(collected.restatedAt == "2026-12-03T10:00:00.000Z")
            let decemberBalance = try await Self.balance(client, "from=2026-12-01&until=2026-12-31", token: foodBank)
            #expect(try decemberBalance.section("Waste collected by destination").lines.isEmpty)
            #expect(try decemberBalance.section("Waste collected by destination").checks.isEmpty)
            #expect(decemberBalance.restatedAt == nil)
            let csv2 = try await client.json(.get, "/api/v1/balance?from=2026-11-01&until=2026-11-30&format=csv", token: foodBank)
            #expect(csv2.text.contains("restated,restated_at,2026-12-03T10:00:00.000Z"), "\(csv2.text)")
        }
    }

    @Test func theBalanceShowsCollectedPerDestinationToTheGramAndAClosedCheckWhenBothWeighingsAgree() async throws {
        let network = try await Self.network()
        try await withAPI(network.test.kernel) { client throws in
            try await Self.declare(network, client)
            try await Self.announce(network, client, kg: 12.5, reference: "pickup-7")
            _ = try await Self.pickUp(network, client, collectedKg: 110.437, deliveredKg: 110.437)
            // Announced after the collection: it waits for the next one.
            network.test.clock.advance(by: 3600)
            try await Self.announce(network, client, kg: 2.25, reference: "pickup-8")

            let today = CalendarDate(network.test.clock.now(), in: Self.paris)
            let city = try await client.json(.get, "/api/v1/balance?from=\(today)&until=\(today)", token: network.coordinator)
            #expect(city.status == .forbidden)
            let balance = try await Self.balance(client, "from=\(today)&until=\(today)", token: network.foodBank)
            let compost = network.compost.id.uuidString.lowercased()
            let collected = try balance.section("Waste collected by destination")
            #expect(
                collected.lines == [
                    .init(account: "collected", key: compost, grams: 110_437),
                    .init(account: "collected_by_treatment", key: "composting", grams: 110_437),
                    .init(account: "delivered", key: compost, grams: 110_437),
                    .init(account: "delivered_by_treatment", key: "composting", grams: 110_437),
                ])
            #expect(
                collected.checks == [
                    .init(
                        name: "destination:\(compost)", equation: "collected = delivered", leftGrams: 110_437, rightGrams: 110_437,
                        differenceGrams: 0)
                ])
            #expect(balance.closes)
            let produced = try balance.section("Waste produced and collected")
            #expect(
                produced.lines == [
                    .init(account: "produced", key: "unfit_food", grams: 14_750),
                    .init(account: "produced_collected", key: "unfit_food", grams: 12_500),
                    .init(account: "produced_by_module", key: "foodaid", grams: 14_750),
                ])
            #expect(produced.checks.isEmpty)

            // For one source, only what that source announced: the register's weighings mix every source's waste.
            let seven = try await Self.balance(client, "from=\(today)&until=\(today)&source=foodaid:pickup-7", token: network.foodBank)
            #expect(seven.sections.map(\.title) == ["Waste produced and collected"])
            #expect(
                try seven.section("Waste produced and collected").lines == [
                    .init(account: "produced", key: "unfit_food", grams: 12_500),
                    .init(account: "produced_collected", key: "unfit_food", grams: 12_500),
                ])
            let eight = try await Self.balance(client, "from=\(today)&until=\(today)&source=foodaid:PICKUP-8", token: network.foodBank)
            #expect(
                try eight.section("Waste produced and collected").lines == [.init(account: "produced", key: "unfit_food", grams: 2_250)])

            let csv = try await client.json(.get, "/api/v1/balance?from=\(today)&until=\(today)&format=csv", token: network.foodBank)
            #expect(csv.text.contains("biowaste,Waste collected by destination,line,collected,\(compost),110437,110.437"))
            #expect(
                csv.text.contains(
                    "biowaste,Waste collected by destination,weighing_difference,destination:\(compost),collected = delivered,0,0"))
        }
    }

    @Test func aDeliveryWeighedLowerAndAnEntryWrittenInTheDatabaseShowAsDifferences() async throws {
        let network = try await Self.network()
        try await withAPI(network.test.kernel) { client throws in
            try await Self.declare(network, client)
            try await Self.announce(network, client, kg: 40, reference: "pickup-9")
            _ = try await Self.pickUp(network, client, collectedKg: 110.4, deliveredKg: 109.9)
            let today = CalendarDate(network.test.clock.now(), in: Self.paris)
            let compost = network.compost.id.uuidString.lowercased()
            func check() async throws -> Balance.Check? {
                let balance = try await Self.balance(client, "from=\(today)&until=\(today)", token: network.foodBank)
                // Two weighings of one load: the difference is shown, and the balance's equations still close.
                #expect(balance.closes)
                return try balance.section("Waste collected by destination").checks.first { $0.name == "destination:\(compost)" }
            }
            #expect(
                try await check()
                    == .init(
                        name: "destination:\(compost)", equation: "collected = delivered", leftGrams: 110_400, rightGrams: 109_900,
                        differenceGrams: 500))

            // A collection written straight into the register (no delivery follows it) widens the difference, to the gram.
            try await network.test.kernel.units.write(by: nil) { tx in
                try await tx.execute(
                    """
                    INSERT INTO biowaste_register (at, kind, producer_organisation_id, producer_site_id, nature, grams, destination_site_id,
                        treatment) VALUES (?, 'collection', ?, ?, 'biowaste', ?, ?, 'composting')
                    """, [tx.now, network.grocery.id, network.shop.id, 750, network.compost.id])
            }
            #expect(
                try await check()
                    == .init(
                        name: "destination:\(compost)", equation: "collected = delivered", leftGrams: 111_150, rightGrams: 109_900,
                        differenceGrams: 1_250))
        }
    }
}
