import CollectoKernel
import Foundation
import Logging

/// A kernel on a fresh SQLite file in a temporary folder, with a clock the
/// test sets, fast bcrypt and a quick event relay.
public struct TestKernel: Sendable {
    public let kernel: Kernel
    public let clock: ManualWallClock
    /// Where the data lives, to open it again (a restart).
    public let database: TestDatabase

    /// A Wednesday in winter (Europe/Paris is UTC+1): 2026-01-14 08:00 UTC.
    public static let winterMorning = Instant.parse("2026-01-14T08:00:00.000Z")!

    public static func temporaryDatabasePath() -> String {
        let folder = FileManager.default.temporaryDirectory.appendingPathComponent("collectod-tests-\(UUID().uuidString)")
        try? FileManager.default.createDirectory(at: folder, withIntermediateDirectories: true)
        return folder.appendingPathComponent("test.sqlite").path
    }

    /// Builds and migrates a kernel on a fresh database, or on `database` again (to simulate a restart).
    public static func make(
        modules: [any CollectoModule] = [], enabled: [String]? = nil, database: TestDatabase? = nil, clock: ManualWallClock? = nil,
        relay: EventRelay.Settings = TestKernel.fastRelay, configure: @Sendable (inout KernelSettings) -> Void = { _ in }
    ) async throws -> TestKernel {
        let location: TestDatabase
        if let database {
            location = database
        } else {
            location = try await TestDatabase.fresh()
        }
        let clock = clock ?? ManualWallClock(winterMorning)
        var logger = Logger(label: "collectod-test")
        logger.logLevel = .critical
        var settings = KernelSettings(bcryptCost: 4)
        configure(&settings)
        let kernel = try Kernel(
            database: try location.open(), clock: clock, settings: settings, installed: modules,
            enabledModules: enabled ?? modules.map(\.id.rawValue), relaySettings: relay, logger: logger)
        try await kernel.migrate()
        return TestKernel(kernel: kernel, clock: clock, database: location)
    }

    public static var fastRelay: EventRelay.Settings {
        var settings = EventRelay.Settings()
        settings.pollInterval = .milliseconds(50)
        settings.baseBackoff = 60
        settings.maxAttempts = 3
        return settings
    }
}
