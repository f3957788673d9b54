import ArgumentParser

/// `collectod`: the server and its administration commands.
@main
struct CollectoCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "collectod",
        abstract: "Logistics of local food aid: partner supply, micro-processing, biowaste collection.",
        subcommands: [
            ServeCommand.self, MigrateCommand.self, DemoCommand.self, UserCommand.self, ModulesCommand.self, ImportCommand.self,
            CopyCommand.self, BenchWorkshopCommand.self, OpenAPICommand.self,
        ],
        defaultSubcommand: ServeCommand.self)
}

/// Options every subcommand shares.
struct CommonOptions: ParsableArguments {
    @Option(name: .long, help: "Configuration file (default: config/collectod.json, or $COLLECTOD_CONFIG).")
    var config: String?

    @Option(name: .long, help: "SQLite database file (overrides database.path).")
    var database: String?

    func load() async throws -> AppConfiguration {
        var configuration = try await AppConfiguration.load(file: config)
        if let database { configuration.databasePath = database }
        return configuration
    }
}
