import CollectoKernel
import CollectoTestSupport
import Foundation
import HTTPTypes
import Hummingbird
import HummingbirdTesting
import Logging
import Testing

@testable import collectod

/// The real application as `collectod serve` builds it, on loopback.
@Suite struct ServerTests {
    func configuration() async throws -> AppConfiguration {
        var configuration = try await AppConfiguration.load(file: nil, environment: [:])
        let database = try await TestDatabase.fresh()
        switch database.dialect {
        case .sqlite: configuration.databasePath = database.location
        case .postgres: configuration.databaseURL = database.location
        }
        configuration.port = 0
        configuration.kernel.bcryptCost = 4
        return configuration
    }

    @Test func servesHealthMetricsAndTheAPIWithEveryModule() async throws {
        let configuration = try await configuration()
        var logger = Logger(label: "test")
        logger.logLevel = .critical
        // As `collectod serve` does: the database runs as a service of the group and the kernel migrates before the server listens.
        let kernel = try makeKernel(configuration, logger: logger)
        let app = buildApplication(configuration, kernel: kernel, logger: logger, beforeListening: { try await kernel.migrate() })
        try await app.test(.live) { client throws in
            #expect(try await client.execute(uri: "/healthz", method: .get).status == .ok)
            #expect(try await client.execute(uri: "/api/v1/openapi.json", method: .get).status == .ok)
            let metrics = try await client.execute(uri: "/metrics", method: .get)
            #expect(metrics.status == .ok)
            #expect(String(buffer: metrics.body).contains("hb_requests"))
            #expect(try await client.execute(uri: "/api/v1/foodaid/partners/\(UUID())/profile", method: .get).status == .unauthorized)
        }
        #expect(kernel.registry.enabled.map(\.module.id.rawValue) == ["foodaid", "microtransform", "biowaste"])
    }

    /// Loading the whole demo is the suite's longest step on PostgreSQL (a hundred seconds of round trips) and proves
    /// nothing the engine's other tests do not: it runs on the embedded engine, where the README's demo runs.
    @Test(.enabled(if: TestDatabase.engine == .sqlite, "the demo's size is the same on both engines"))
    func theDemoNetworkIsTheSizeTheREADMEPromises() async throws {
        let configuration = try await configuration()
        var logger = Logger(label: "test")
        logger.logLevel = .critical
        try await withKernel(configuration, logger: logger) { kernel in try await Self.checkTheDemoSize(kernel) }
    }

    static func checkTheDemoSize(_ kernel: Kernel) async throws {
        let demo = KernelDemoData(kernel: kernel)
        #expect(try await demo.isLoaded() == false)
        try await demo.load()
        #expect(try await demo.isLoaded())
        let counts = try await kernel.units.read { db in
            var counts: [String: Int] = [:]
            for row in try await db.query("SELECT kind, COUNT(*) AS n FROM kernel_organisations GROUP BY kind") {
                counts[try row.string("kind")] = try row.int("n")
            }
            counts["vehicles"] = try await db.scalarInt("SELECT COUNT(*) FROM kernel_vehicles")
            counts["profiles"] = try await db.scalarInt("SELECT COUNT(*) FROM foodaid_partner_profiles")
            counts["points"] = try await db.scalarInt("SELECT COUNT(*) FROM biowaste_collection_points")
            counts["workshops"] = try await db.scalarInt("SELECT COUNT(*) FROM microtransform_workshops")
            counts["products"] = try await db.scalarInt("SELECT COUNT(*) FROM foodaid_products")
            for row in try await db.query("SELECT status, COUNT(*) AS n FROM foodaid_orders GROUP BY status") {
                counts["orders " + (try row.string("status"))] = try row.int("n")
            }
            counts["lots"] = try await db.scalarInt("SELECT COUNT(*) FROM foodaid_lots WHERE on_hand > 0")
            for row in try await db.query("SELECT kind, COUNT(*) AS n FROM kernel_tasks WHERE status = 'pending' GROUP BY kind") {
                counts["pending " + (try row.string("kind"))] = try row.int("n")
            }
            counts["parcels"] = try await db.scalarInt("SELECT COUNT(*) FROM foodaid_parcel_requests WHERE status = 'handed_over'")
            return counts
        }
        #expect(counts["food_bank"] == 1)
        #expect(counts["partner_association"] == 130)
        #expect((counts["donor"] ?? 0) + (counts["supplier"] ?? 0) == 460)
        #expect(counts["processing_workshop"] == 1)
        #expect(counts["city_service"] == 1)
        #expect(counts["treatment_site"] == 2)
        #expect(counts["vehicles"] == 12)
        #expect(counts["profiles"] == 130)
        #expect(counts["points"] == 40)
        #expect(counts["workshops"] == 1)
        #expect(counts["products"] == 200)
        // This month's window is open with 20 orders; the fresh window past its cut-off waits with 6.
        #expect(counts["orders submitted"] == 26)
        #expect((counts["lots"] ?? 0) >= 200)
        // Five errands on the board, a delivery for each of last month's six shipped orders, and the intake
        // the workshop accepted this morning.
        #expect(counts["pending kernel.manual"] == 5)
        #expect(counts["pending foodaid.partner_delivery"] == 6)
        #expect(counts["pending microtransform.produce_intake"] == 1)
        // A year of history: eleven closed monthly windows of 20 orders, and last month's 20 stopped at
        // every stage a desk meets (two in eight closed; the first demo partner's own is shipped), and emergency parcels most months.
        #expect(counts["orders closed"] == 220 + 4)
        #expect(counts["orders allocated"] == 3)
        #expect(counts["orders validated"] == 3)
        #expect(counts["orders prepared"] == 2)
        #expect(counts["orders shipped"] == 6)
        #expect(counts["orders received"] == 2)
        #expect((counts["parcels"] ?? 0) >= 24)
        // Every printed demo log-in works, with the role it is printed with.
        for logIn in DemoLogIn.all {
            let session = try await kernel.identity.logIn(email: logIn.email, password: DemoNetwork.password)
            #expect(session.token.hasPrefix("cto_"))
            let caller = try await kernel.identity.authenticate(BearerToken(value: session.token))
            #expect(Array(caller.roles.values) == [logIn.role], "\(logIn.email)")
        }
    }
}
