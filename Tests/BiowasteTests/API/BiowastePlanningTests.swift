import CollectoKernel
import CollectoTestSupport
import Foundation
import HTTPTypes
import HummingbirdTesting
import Testing

@testable import Biowaste

/// Regular pickups and pickups proposed by the fill forecast, through the API.
@Suite struct BiowastePlanningTests {
    struct Setup {
        let test: TestKernel
        let fixtures: Fixtures
        let city: Organisation
        let coordinator: (user: User, token: String)
        let site: Site
        let today: CalendarDate
    }

    static func setUp() async throws -> Setup {
        let test = try await TestKernel.make(modules: [BiowasteModule()])
        let fixtures = Fixtures(test.kernel)
        let city = try await fixtures.organisation("Métropole", .cityService)
        let coordinator = try await fixtures.logIn("city@metropole.test", role: .coordinator, in: city.id)
        let market = try await fixtures.organisation("Marché", .partnerAssociation)
        let site = try await fixtures.site(of: market.id, name: "Halle")
        let platform = try await fixtures.organisation("Méthaniseur", .treatmentSite)
        let unit = try await fixtures.site(of: platform.id, name: "Unité", latitude: 48.2, longitude: -1.7)
        let today = CalendarDate(test.clock.now(), in: TimeZone(identifier: "Europe/Paris")!)
        try await test.kernel.units.write(by: nil) { tx in
            let points = PointService(timeZone: TimeZone(identifier: "Europe/Paris")!)
            _ = try await points.addPoint(.init(siteId: site.id, expectedKgPerWeek: 70), in: tx)
            _ = try await points.addContainer(
                .init(type: "bac 240 L", volumeLitres: 240, count: 1, handling: .empty), point: site.id, in: tx)
            _ = try await DestinationStore.save(
                .init(siteId: unit.id, treatment: .methanisation, accepts: ["*"], dailyCapacityKg: 1_000), in: tx)
        }
        return Setup(test: test, fixtures: fixtures, city: city, coordinator: coordinator, site: site, today: today)
    }

    @Test func regularPickupsComeDueOncePerPointAndDay() async throws {
        let setup = try await Self.setUp()
        try await withAPI(setup.test.kernel) { client throws in
            struct Schedule: Encodable { let everyDays: Int; let firstDay: CalendarDate }
            let scheduled = try await client.json(
                .put, "/api/v1/biowaste/points/\(setup.site.id)/schedule", token: setup.coordinator.token,
                body: Schedule(everyDays: 7, firstDay: setup.today))
            #expect(scheduled.status == .ok, "\(scheduled.text)")
            struct Run: Encodable { let from: CalendarDate; let until: CalendarDate }
            let run = Run(from: setup.today, until: setup.today.adding(days: 20))
            let due = try await client.json(.post, "/api/v1/biowaste/schedule/run", token: setup.coordinator.token, body: run)
                .decode([WasteToCollect].self)
            #expect(due.map(\.dueDay) == [setup.today, setup.today.adding(days: 7), setup.today.adding(days: 14)])
            #expect(due.allSatisfy { $0.estimatedKg == 70 })
            let again = try await client.json(.post, "/api/v1/biowaste/schedule/run", token: setup.coordinator.token, body: run)
                .decode([WasteToCollect].self)
            #expect(again.isEmpty)
        }
    }

    @Test func theForecastProposesAPickupBeforeTheBinsFill() async throws {
        let setup = try await Self.setUp()
        let zone = TimeZone(identifier: "Europe/Paris")!
        // Three past collections, ten days apart, of 108 kg each: 10.8 kg a day into a 120 kg bin, full (90 %) 10 days after the last.
        try await setup.test.kernel.units.write(by: nil) { tx in
            let planner = PickupPlanner(tasks: setup.test.kernel.tasks, timeZone: zone)
            for daysAgo in [29, 19, 9] {
                let day = setup.today.adding(days: -daysAgo)
                let at = Transaction(sql: tx.sql, now: day.instant(at: LocalTime(hour: 9, minute: 0)!, in: zone), caller: nil)
                _ = try await PointService.addWaiting(
                    site: setup.site.id, source: "request", eventID: nil, nature: "biowaste", kg: 108, fillLevel: 0.9, container: nil,
                    note: nil, due: day, in: at)
                let pickup = try #require(try await planner.plan(day: day, collector: setup.city.id, in: at).pickups.first)
                let bin = try await PointService.point(setup.site.id, in: at).containers[0]
                _ = try await CollectionService().record(
                    .init(containers: [.init(containerId: bin.id, kg: 108, refused: nil, reason: nil)]), pickup: pickup.id,
                    carrier: .init(organisationId: setup.city.id, vehicleId: nil, driverUserId: nil), by: nil, in: at)
            }
        }
        try await withAPI(setup.test.kernel) { client throws in
            struct Forecast: Decodable { let siteId: UUID; let prediction: FillForecast.Prediction; let proposePickup: Bool }
            let forecasts = try await client.json(.get, "/api/v1/biowaste/forecast?days=3", token: setup.coordinator.token)
                .decode([Forecast].self)
            let point = try #require(forecasts.first { $0.siteId == setup.site.id })
            #expect(point.prediction.rateKgPerDay == 10.8)
            #expect(point.prediction.fullOn == setup.today.adding(days: 1))
            #expect(point.proposePickup)
            struct Plan: Encodable { let day: CalendarDate; let forecastDays: Int }
            struct Planned: Decodable { let pickups: [BiowastePickup] }
            let planned = try await client.json(
                .post, "/api/v1/biowaste/pickups/plan", token: setup.coordinator.token,
                body: Plan(day: setup.today.adding(days: 1), forecastDays: 3)
            ).decode(Planned.self)
            #expect(planned.pickups.map(\.siteId) == [setup.site.id])
            let after = try await client.json(.get, "/api/v1/biowaste/forecast?days=3", token: setup.coordinator.token)
                .decode([Forecast].self)
            #expect(after.first { $0.siteId == setup.site.id }?.proposePickup == false)
            struct Accuracy: Decodable { let predictions: Int; let meanAbsoluteErrorDays: Double }
            let accuracy = try await client.json(.get, "/api/v1/biowaste/forecast/accuracy", token: setup.coordinator.token)
                .decode(Accuracy.self)
            // The third collection was forecast at the second: full 9 days later, reported on that very day.
            #expect(accuracy.predictions == 1)
            #expect(accuracy.meanAbsoluteErrorDays == 0)
        }
    }
}
