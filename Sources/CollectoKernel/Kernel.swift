import Foundation
import Logging

/// The assembled kernel: storage, clock, settings, the enabled modules and the
/// kernel services. The executable builds one at start-up; tests build one on
/// a temporary SQLite file.
public final class Kernel: Sendable {
    public let database: any SQLDatabase
    public let clock: any WallClock
    public let settings: KernelSettings
    public let logger: Logger
    public let registry: ModuleRegistry
    public let units: UnitOfWorkRunner
    public let identity: IdentityService
    public let tasks: TaskService
    public let rounds: RoundService
    public let relay: EventRelay
    /// The web interface: the kernel's pages and the enabled modules', with their templates and texts, checked.
    public let web: WebInterface
    public let version = "0.1.0"

    /// The task kind coordinators use for moves entered by hand.
    public static let manualTaskKind = TaskKind("kernel.manual", summary: "A move entered by hand by a coordinator", isFood: true)

    public init(
        database: any SQLDatabase, clock: any WallClock = SystemWallClock(), settings: KernelSettings = .init(),
        installed: [any CollectoModule], enabledModules: [String], relaySettings: EventRelay.Settings = .init(),
        logger: Logger = Logger(label: "collectod")
    ) throws {
        self.database = database
        self.clock = clock
        self.settings = settings
        self.logger = logger
        let signal = OutboxSignal()
        let units = UnitOfWorkRunner(database: database, clock: clock, signal: signal)
        self.units = units
        identity = IdentityService(
            database: database, clock: clock, hasher: PasswordHasher(cost: settings.bcryptCost), tokenLifetime: settings.tokenLifetime,
            throttle: settings.logInThrottle)
        rounds = RoundService(feasibility: RoundFeasibility(timeZone: settings.timeZone, averageSpeedKmh: settings.averageSpeedKmh))
        // Modules receive the task service while they register, before every kind is known:
        // the catalogue is filled once registration is over, and is read-only after that.
        let catalogue = TaskKindCatalog()
        let tasks = TaskService(catalogue: catalogue)
        self.tasks = tasks
        let registry = try ModuleRegistry(installed: installed, enabledIDs: enabledModules) { id in
            ModuleContext(
                moduleID: id, units: units, clock: clock, settings: settings, tasks: tasks, logger: logger.with(module: id),
                options: ModuleOptions(
                    declared: installed.first { $0.id == id }?.options ?? [], configured: settings.moduleOptions[id.rawValue] ?? [:]))
        }
        catalogue.set(
            [Self.manualTaskKind.id: (Self.manualTaskKind, "kernel")].merging(
                registry.taskKinds.map { ($0.kind.id, $0) }, uniquingKeysWith: { first, _ in first }))
        self.registry = registry
        relay = EventRelay(
            database: database, handlers: registry.handlers, clock: clock, signal: signal, settings: relaySettings, logger: logger)
        let enabled = registry.enabled.map(\.registration)
        web = try WebInterface(
            moduleResources: enabled.flatMap(\.webResources), pages: enabled.flatMap(\.pages),
            menu: KernelPages.menu + enabled.flatMap(\.menu),
            timeZone: settings.timeZone, secureCookies: settings.secureCookies)
    }

    /// Applies the kernel's and the enabled modules' pending migrations, and gives
    /// every enabled handler its cursor.
    @discardableResult
    public func migrate() async throws -> Migrator.Report {
        let groups =
            [Migrator.Group(owner: "kernel", migrations: KernelMigrations.all)]
            + registry.enabled.map { Migrator.Group(owner: $0.module.id.rawValue, migrations: $0.module.migrations) }
        let report = try await Migrator(database: database, clock: clock).migrate(groups)
        // Handlers of newly enabled modules start at the current end of the outbox, from now on.
        try await relay.ensureCursors()
        return report
    }
}

extension Logger {
    func with(module: ModuleID) -> Logger {
        var copy = self
        copy[metadataKey: "module"] = .string(module.rawValue)
        return copy
    }
}
