import Foundation

/// What a module hands the kernel at start-up. The kernel mounts, installs and
/// lists what is collected here, and nothing else of the module.
public struct ModuleRegistrar: Sendable {
    public let moduleID: ModuleID
    public private(set) var endpoints: [Endpoints<AuthenticatedContext>] = []
    public private(set) var taskKinds: [TaskKind] = []
    public private(set) var handlers: [EventHandler] = []
    public private(set) var publishedEvents: [String] = []
    public private(set) var permissions: [Permission] = []
    public private(set) var demoData: [DemoDataLoader] = []
    public private(set) var balance: [BalanceContributor] = []
    public private(set) var exampleIDs: [ExampleIDSource] = []
    public private(set) var pages: [WebPages] = []
    public private(set) var menu: [MenuEntry] = []
    public private(set) var webResources: [URL] = []

    public init(moduleID: ModuleID) {
        self.moduleID = moduleID
    }

    /// Routes mounted under `/api/v1/<module id>`, for logged-in callers.
    public mutating func routes(_ endpoints: Endpoints<AuthenticatedContext>) {
        self.endpoints.append(endpoints)
    }

    /// A kind of logistics task this module creates; its id must start with `<module id>.`.
    public mutating func taskKind(_ kind: TaskKind) {
        taskKinds.append(kind)
    }

    /// A reaction to a kernel event; its name must start with `<module id>.`.
    public mutating func handle(_ handler: EventHandler) {
        handlers.append(handler)
    }

    /// An event type this module publishes (declared for the module listing and checks).
    public mutating func publishes<E: KernelEvent>(_ event: E.Type) {
        publishedEvents.append(E.eventType)
    }

    /// A permission this module checks, with the roles that hold it.
    public mutating func permission(_ permission: Permission) {
        permissions.append(permission)
    }

    /// This module's sections of the mass balance, from its own records.
    public mutating func massBalance(_ contributor: BalanceContributor) {
        balance.append(contributor)
    }

    /// Ids of this module's entities for the API description's examples.
    public mutating func exampleIDs(_ source: ExampleIDSource) {
        exampleIDs.append(source)
    }

    /// Pages of the web interface; their paths start with `/<module id>/`.
    public mutating func pages(_ pages: WebPages) {
        self.pages.append(pages)
    }

    /// An entry of the web interface's menu, for the callers it is meant for.
    public mutating func menu(_ entry: MenuEntry) {
        menu.append(entry)
    }

    /// A folder of this module's resources holding `templates/` (Mustache, names prefixed with the module's id)
    /// and `texts/` (`fr.json`, `en.json`), loaded and checked with the kernel's when the server starts.
    public mutating func webResources(_ folder: URL) {
        webResources.append(folder)
    }

    /// Demo data for `collectod demo`, run after the kernel's own.
    public mutating func demoData(_ loader: DemoDataLoader) {
        demoData.append(loader)
    }
}

/// Loads one module's demo data on top of the kernel's demo network.
public struct DemoDataLoader: Sendable {
    public let name: String
    public let load: @Sendable (DemoNetwork, Transaction) async throws -> Void

    public init(name: String, load: @escaping @Sendable (DemoNetwork, Transaction) async throws -> Void) {
        self.name = name
        self.load = load
    }
}
