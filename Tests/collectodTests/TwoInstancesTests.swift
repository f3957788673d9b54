import CollectoKernel
import CollectoTestSupport
import Foundation
import Testing

@testable import collectod

/// Two `collectod serve` processes on one PostgreSQL database: the kernel's
/// rules hold across both, and each event is handled once per handler.
@Suite(.enabled(if: TestDatabase.engine == .postgres, "needs the PostgreSQL engine"))
struct TwoInstancesTests {
    @Test func concurrentWritesThroughTwoServersKeepEveryRuleAndEventsAreHandledOnce() async throws {
        let seed = try await TestKernel.make(modules: InstalledModules.all)
        let kernel = seed.kernel
        let fixtures = Fixtures(kernel)
        let bank = try await fixtures.organisation("Banque", .foodBank)
        let warehouse = try await fixtures.site(of: bank.id, name: "Entrepôt")
        var vans: [Vehicle] = []
        for index in 0..<4 { vans.append(try await fixtures.vehicle(of: bank.id, plate: "PG-\(index)")) }
        _ = try await fixtures.user("coord@bank.test", role: .coordinator, in: bank.id)
        var pairs: [(site: Site, tasks: [LogisticsTask])] = []
        for index in 0..<8 {
            let partner = try await fixtures.organisation("Partenaire \(index)", .partnerAssociation)
            let site = try await fixtures.site(of: partner.id, latitude: 48.11 + Double(index) / 200, longitude: -1.68)
            let tasks = [
                try await fixtures.task(for: partner.id, from: warehouse.id, to: site.id, kg: 100, kind: "foodaid.partner_delivery"),
                try await fixtures.task(for: partner.id, from: warehouse.id, to: site.id, kg: 150, kind: "foodaid.partner_delivery"),
            ]
            pairs.append((site, tasks))
        }
        let binary = try #require(CommandLineTests.binary)
        let environment = [
            "COLLECTOD_DATABASE_URL": seed.database.location, "COLLECTOD_EVENTS_POLL_INTERVAL_MS": "100", "COLLECTOD_LOG_LEVEL": "error",
            "COLLECTOD_AUTH_BCRYPT_COST": "4", "COLLECTOD_DATABASE_POOL_SIZE": "4",
        ]
        let servers = [
            try ServerProcess(binary: binary, environment: environment), try ServerProcess(binary: binary, environment: environment),
        ]
        defer { for server in servers { _ = server.stop() } }

        struct Credentials: Encodable { let email: String; let password: String }
        struct Session: Decodable { let token: String }
        let login = try await servers[0].request(
            "POST", "/api/v1/auth/login", body: try JSONEncoder().encode(Credentials(email: "coord@bank.test", password: Fixtures.password))
        )
        let token = try JSONDecoder().decode(Session.self, from: login.body).token

        // Every pair of tasks is claimed twice, once through each server, with different vans, all at 09:00:
        // a task may go on one round only, and a van may take one round at a time.
        var requests: [(server: ServerProcess, body: Data)] = []
        for (index, pair) in pairs.enumerated() {
            for attempt in 0..<2 {
                let round = RoundRequest(
                    organisationId: bank.id, day: CalendarDate("2026-01-14")!, startTime: LocalTime("09:00")!,
                    vehicleId: vans[(index + attempt * 2) % vans.count].id, driverUserId: nil,
                    stops: [
                        .init(siteId: warehouse.id, pickups: pair.tasks.map(\.id)),
                        .init(siteId: pair.site.id, drops: pair.tasks.map(\.id)),
                    ])
                requests.append((servers[attempt], try JSONBody.encoder.encode(round)))
            }
        }
        let statuses = try await withThrowingTaskGroup(of: (Int, Data).self) { group in
            for request in requests {
                group.addTask { try await request.server.request("POST", "/api/v1/rounds", token: token, body: request.body) }
            }
            return try await group.reduce(into: [(Int, Data)]()) { $0.append($1) }
        }
        #expect(statuses.allSatisfy { [201, 409, 422].contains($0.0) }, "\(statuses.map { String(decoding: $0.1, as: UTF8.self) })")
        let created = try statuses.filter { $0.0 == 201 }.map { try JSONBody.decoder.decode(Round.self, from: $0.1) }
        #expect(!created.isEmpty)
        #expect(created.count <= vans.count)

        let (doubleTasks, doubleVans) = try await kernel.units.read { db in
            (
                try await db.scalarInt(
                    """
                    SELECT COUNT(*) FROM (SELECT a.task_id FROM kernel_stop_actions a JOIN kernel_round_stops s ON s.id = a.stop_id
                    WHERE a.action = 'pickup' GROUP BY a.task_id HAVING COUNT(*) > 1) AS doubled
                    """),
                try await db.scalarInt(
                    """
                    SELECT COUNT(*) FROM kernel_rounds a JOIN kernel_rounds b ON a.vehicle_id = b.vehicle_id AND a.id < b.id
                    WHERE a.planned_start < b.planned_end AND b.planned_start < a.planned_end
                    """)
            )
        }
        #expect(doubleTasks == 0)
        #expect(doubleVans == 0)

        // Drivers record the stops through alternating servers; both relays deliver.
        for (index, round) in created.enumerated() {
            for stop in round.stops {
                let completion = StopCompletion(entries: stop.actions.map { .init(taskId: $0.taskId, action: $0.action, actualKg: 99) })
                let recorded = try await servers[(index + stop.sequence) % 2].request(
                    "POST", "/api/v1/rounds/\(round.id)/stops/\(stop.sequence)/complete", token: token,
                    body: try JSONBody.encoder.encode(completion))
                #expect(recorded.status == 200)
            }
        }
        let published = created.count * 4
        var handled = 0
        for _ in 0..<200 where handled < published {
            try await Task.sleep(for: .milliseconds(100))
            handled = try await kernel.units.read { db in try await db.scalarInt("SELECT COUNT(*) FROM foodaid_task_outcomes") }
        }
        let (events, distinct) = try await kernel.units.read { db in
            (
                try await db.scalarInt("SELECT COUNT(*) FROM kernel_outbox WHERE event_type = 'kernel.task_stop_recorded'"),
                try await db.scalarInt("SELECT COUNT(DISTINCT event_id) FROM foodaid_task_outcomes")
            )
        }
        #expect(events == published)
        #expect(handled == published)
        #expect(distinct == published)
        for server in servers { #expect(server.stop() == 0) }
    }
}
