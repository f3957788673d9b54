import Foundation

/// The enabled modules, wired in the order the configuration lists them.
public struct ModuleRegistry: Sendable {
    /// One enabled module and what it registered.
    public struct Entry: Sendable {
        public let module: any CollectoModule
        public let registration: ModuleRegistrar
    }

    /// Why the module set cannot start.
    public enum Failure: Error, Equatable, CustomStringConvertible {
        case unknownModule(String)
        case duplicateModule(String)
        case badModuleID(String)
        case foreignName(module: String, name: String)

        public var description: String {
            switch self {
            case .unknownModule(let id): "configuration enables module '\(id)', which is not installed"
            case .duplicateModule(let id): "module '\(id)' is listed twice"
            case .badModuleID(let id): "module id '\(id)' must be lowercase letters and digits"
            case .foreignName(let module, let name):
                "module '\(module)' registers '\(name)', which is outside its own '\(module).' namespace"
            }
        }
    }

    public let installed: [any CollectoModule]
    public let enabled: [Entry]

    /// Registers the modules named in `enabledIDs`, in that order, out of `installed`.
    public init(installed: [any CollectoModule], enabledIDs: [String], makeContext: (ModuleID) -> ModuleContext) throws {
        self.installed = installed
        var seen: Set<String> = []
        var entries: [Entry] = []
        for id in enabledIDs {
            guard seen.insert(id).inserted else { throw Failure.duplicateModule(id) }
            guard let module = installed.first(where: { $0.id.rawValue == id }) else { throw Failure.unknownModule(id) }
            guard module.id.isWellFormed else { throw Failure.badModuleID(id) }
            var registrar = ModuleRegistrar(moduleID: module.id)
            try module.register(with: &registrar, context: makeContext(module.id))
            let prefix = id + "."
            let names = registrar.taskKinds.map(\.id) + registrar.handlers.map(\.name) + registrar.permissions.map(\.name)
            if let foreign = names.first(where: { !$0.hasPrefix(prefix) }) {
                throw Failure.foreignName(module: id, name: foreign)
            }
            entries.append(Entry(module: module, registration: registrar))
        }
        enabled = entries
    }

    public func isEnabled(_ id: ModuleID) -> Bool {
        enabled.contains { $0.module.id == id }
    }

    public var handlers: [EventHandler] { enabled.flatMap(\.registration.handlers) }

    public var taskKinds: [(kind: TaskKind, owner: String)] {
        enabled.flatMap { entry in entry.registration.taskKinds.map { ($0, entry.module.id.rawValue) } }
    }

    public var permissions: [Permission] { enabled.flatMap(\.registration.permissions) }

    public var balanceContributors: [BalanceContributor] { enabled.flatMap(\.registration.balance) }
    public var exampleIDSources: [ExampleIDSource] { enabled.flatMap(\.registration.exampleIDs) }
}
