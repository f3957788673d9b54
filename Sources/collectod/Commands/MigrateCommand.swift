import ArgumentParser
import CollectoKernel

/// `collectod migrate`: applies pending migrations of the kernel and the enabled modules.
struct MigrateCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(commandName: "migrate", abstract: "Apply pending schema migrations.")

    @OptionGroup var common: CommonOptions

    func run() async throws {
        let configuration = try await common.load()
        let logger = LoggingBootstrap.logger(level: configuration.logLevel)
        let database = try openDatabase(configuration, logger: logger)
        let kernel = try Kernel(
            database: database, settings: configuration.kernel, installed: InstalledModules.all,
            enabledModules: configuration.enabledModules, logger: logger)
        let report = try await database.running { try await kernel.migrate() }
        print(report.applied.isEmpty ? "Nothing to migrate." : "Applied:\n" + report.applied.map { "  \($0)" }.joined(separator: "\n"))
    }
}
