import ArgumentParser
import CollectoKernel
import Foundation
import Logging

/// `collectod modules`: lists installed modules and whether the configuration enables them.
struct ModulesCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(commandName: "modules", abstract: "List modules and whether they are enabled.")

    @OptionGroup var common: CommonOptions

    @Flag(name: .long, help: "Print the role-by-permission matrix of the enabled modules instead.")
    var permissions = false

    func run() async throws {
        let configuration = try await common.load()
        let logger = LoggingBootstrap.logger(level: .error)
        let kernel = try Kernel(
            database: try SQLiteDatabase(path: ":memory:"), settings: configuration.kernel, installed: InstalledModules.all,
            enabledModules: configuration.enabledModules, logger: logger)
        if permissions {
            print(PermissionMatrix(kernel.registry.enabled.flatMap(\.registration.permissions)).text)
            return
        }
        for module in kernel.registry.installed {
            let entry = kernel.registry.enabled.first { $0.module.id == module.id }
            let state = entry == nil ? "disabled" : "enabled"
            print(
                "\(module.id.rawValue.padding(toLength: 16, withPad: " ", startingAt: 0)) \(module.version.padding(toLength: 8, withPad: " ", startingAt: 0)) \(state)"
            )
            if let registration = entry?.registration {
                if !registration.taskKinds.isEmpty { print("    task kinds:  \(registration.taskKinds.map(\.id).joined(separator: ", "))") }
                if !registration.handlers.isEmpty {
                    print("    handles:     \(registration.handlers.map(\.eventType).joined(separator: ", "))")
                }
                if !registration.publishedEvents.isEmpty {
                    print("    publishes:   \(registration.publishedEvents.joined(separator: ", "))")
                }
                if !registration.permissions.isEmpty {
                    print("    permissions: \(registration.permissions.map(\.name).joined(separator: ", "))")
                }
            }
        }
    }
}
