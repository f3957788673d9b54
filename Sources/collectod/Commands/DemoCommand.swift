import ArgumentParser
import CollectoKernel

/// `collectod demo`: loads the demo network into an empty database.
struct DemoCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "demo", abstract: "Load demo data (a food bank near Rennes, its partners, donors, fleet and log-ins).")

    @OptionGroup var common: CommonOptions

    func run() async throws {
        let configuration = try await common.load()
        try await withKernel(configuration, logger: LoggingBootstrap.logger(level: configuration.logLevel)) { kernel in
            let demo = KernelDemoData(kernel: kernel)
            if try await demo.isLoaded() {
                throw CommandFailure(
                    "the database \(DatabaseLocation(configuration.databaseURL ?? configuration.databasePath).redacted) already holds data; demo data loads only into an empty one"
                )
            }
            let network = try await demo.load()
            print(
                "Loaded \(network.partners.count) partners, \(network.donors.count + network.suppliers.count) donors and suppliers, \(network.vehicles.count) vehicles."
            )
            print(DemoLogIn.text)
        }
    }
}
