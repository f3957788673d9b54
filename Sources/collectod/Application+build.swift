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

/// Opens the database and assembles the kernel with the enabled modules, not
/// yet migrated: the server migrates once its services run.
func makeKernel(_ configuration: AppConfiguration, logger: Logger, clock: any WallClock = SystemWallClock()) throws -> Kernel {
    try Kernel(
        database: try openDatabase(configuration, logger: logger), clock: clock, settings: configuration.kernel,
        installed: InstalledModules.all, enabledModules: configuration.enabledModules, relaySettings: configuration.relay,
        logger: logger)
}

/// Runs `body` with a migrated kernel whose database runs for as long as the
/// body does: the scope of a CLI command.
func withKernel<T: Sendable>(
    _ configuration: AppConfiguration, logger: Logger, _ body: (Kernel) async throws -> T
) async throws -> T {
    let kernel = try makeKernel(configuration, logger: logger)
    return try await kernel.database.running {
        try await kernel.migrate()
        return try await body(kernel)
    }
}

/// Builds the HTTP application: the API router, with the database and the
/// event relay as services that start with the server and stop after it on
/// SIGTERM/SIGINT. `beforeListening` (migrating, loading the demo) runs once
/// the database runs, before the server listens.
func buildApplication(
    _ configuration: AppConfiguration, kernel: Kernel, logger: Logger, beforeListening: (@Sendable () async throws -> Void)? = nil,
    onServerRunning: @escaping @Sendable (Int) async -> Void = { _ in }
) -> some ApplicationProtocol {
    let registry = MetricsBackend.bootstrap()
    return makeKernelApplication(
        kernel: kernel, host: configuration.host, port: configuration.port, serverName: "collectod", logger: logger,
        metricsText: { registry.emitToString() }, beforeListening: beforeListening,
        onServerRunning: { port in await onServerRunning(port ?? configuration.port) })
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
