import CollectoKernel
import Foundation
import Logging

/// A kernel on a fresh SQLite file in a temporary folder, with a clock the
/// test sets, fast bcrypt and a quick event relay.
public struct TestKernel: Sendable {
    public let kernel: Kernel
    public let clock: ManualWallClock
    public let databasePath: String

    /// A Wednesday in winter (Europe/Paris is UTC+1): 2026-01-14 08:00 UTC.
    public static let winterMorning = Instant.parse("2026-01-14T08:00:00.000Z")!

    public static func temporaryDatabasePath() -> String {
        let folder = FileManager.default.temporaryDirectory.appendingPathComponent("collectod-tests-\(UUID().uuidString)")
        try? FileManager.default.createDirectory(at: folder, withIntermediateDirectories: true)
        return folder.appendingPathComponent("test.sqlite").path
    }

    /// Builds and migrates a kernel. `path` reuses a database (to simulate a restart).
    public static func make(
        modules: [any CollectoModule] = [], enabled: [String]? = nil, path: String? = nil, clock: ManualWallClock? = nil,
        relay: EventRelay.Settings = TestKernel.fastRelay
    ) async throws -> TestKernel {
        let path = path ?? temporaryDatabasePath()
        let clock = clock ?? ManualWallClock(winterMorning)
        var logger = Logger(label: "collectod-test")
        logger.logLevel = .critical
        let kernel = try Kernel(
            database: try SQLiteDatabase(path: path), clock: clock, settings: KernelSettings(bcryptCost: 4), installed: modules,
            enabledModules: enabled ?? modules.map(\.id.rawValue), relaySettings: relay, logger: logger)
        try await kernel.migrate()
        return TestKernel(kernel: kernel, clock: clock, databasePath: path)
    }

    public static var fastRelay: EventRelay.Settings {
        var settings = EventRelay.Settings()
        settings.pollInterval = .milliseconds(50)
        settings.baseBackoff = 60
        settings.maxAttempts = 3
        return settings
    }
}
