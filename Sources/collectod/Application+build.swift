import CollectoKernel
import Foundation
import Hummingbird
import Logging
import Metrics
import Prometheus
import ServiceLifecycle
import Synchronization

/// Opens the configured database: PostgreSQL when `database.url` names one, else the SQLite file.
func openDatabase(_ configuration: AppConfiguration, logger: Logger) throws -> any SQLDatabase {
    try DatabaseLocation(configuration.databaseURL ?? configuration.databasePath).open(
        logger: logger, poolSize: configuration.databasePoolSize)
}

/// Opens the database, assembles the kernel with the enabled modules and migrates.
func buildKernel(_ configuration: AppConfiguration, logger: Logger, clock: any WallClock = SystemWallClock()) async throws -> Kernel {
    let database = try openDatabase(configuration, logger: logger)
    let kernel = try Kernel(
        database: database, clock: clock, settings: configuration.kernel, installed: InstalledModules.all,
        enabledModules: configuration.enabledModules, relaySettings: configuration.relay, logger: logger)
    try await kernel.migrate()
    return kernel
}

/// Builds the HTTP application: the API router, and the event relay as a
/// service that starts with the server and stops after it on SIGTERM/SIGINT.
func buildApplication(
    _ configuration: AppConfiguration, kernel: Kernel, logger: Logger, onServerRunning: @escaping @Sendable (Int) async -> Void = { _ in }
) -> some ApplicationProtocol {
    let registry = MetricsBackend.bootstrap()
    return makeKernelApplication(
        kernel: kernel, host: configuration.host, port: configuration.port, serverName: "collectod", logger: logger,
        metricsText: { registry.emitToString() }, onServerRunning: { port in await onServerRunning(port ?? configuration.port) })
}

/// The process-wide metrics backend (Prometheus), bootstrapped once.
enum MetricsBackend {
    private static let registry = Mutex<PrometheusCollectorRegistry?>(nil)

    static func bootstrap() -> PrometheusCollectorRegistry {
        registry.withLock { current in
            if let current { return current }
            let created = PrometheusCollectorRegistry()
            var factory = PrometheusMetricsFactory(registry: created)
            factory.nameAndLabelSanitizer = { name, labels in
                (sanitize(name), labels.map { (sanitize($0.0), $0.1) })
            }
            MetricsSystem.bootstrap(factory)
            current = created
            return created
        }
    }

    static func sanitize(_ name: String) -> String {
        String(name.map { $0.isLetter || $0.isNumber || $0 == "_" ? $0 : "_" })
    }
}
