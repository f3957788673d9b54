import ArgumentParser
import CollectoKernel
import Foundation
import Hummingbird

/// `collectod serve`: runs the HTTP API until SIGTERM or SIGINT.
struct ServeCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(commandName: "serve", abstract: "Run the HTTP server.")

    @OptionGroup var common: CommonOptions

    @Option(name: .long, help: "Address to listen on (overrides http.host).")
    var host: String?

    @Option(name: .long, help: "Port to listen on (overrides http.port).")
    var port: Int?

    @Flag(name: .long, help: "Load the demo data first if the database is empty, and print the demo log-ins.")
    var demo = false

    @Flag(
        name: .long,
        help: "With --demo: start again from a fresh demo, deleting the SQLite database file first (refused on PostgreSQL).")
    var freshDemo = false

    func run() async throws {
        var configuration = try await common.load()
        if let host { configuration.host = host }
        if let port { configuration.port = port }
        let logger = LoggingBootstrap.logger(level: configuration.logLevel)
        if freshDemo { try Self.deleteDemoDatabase(configuration) }
        let kernel = try makeKernel(configuration, logger: logger)
        let demo = self.demo || freshDemo
        let prepare: @Sendable () async throws -> Void = {
            try await kernel.migrate()
            guard demo else { return }
            let demoData = KernelDemoData(kernel: kernel)
            if try await !demoData.isLoaded() {
                print("Loading demo data…")
                try await demoData.load()
            }
        }
        let (host, path) = (configuration.host, DatabaseLocation(configuration.databaseURL ?? configuration.databasePath).redacted)
        let modules = kernel.registry.enabled.map(\.module.id.rawValue).joined(separator: ", ")
        let app = buildApplication(configuration, kernel: kernel, logger: logger, beforeListening: prepare) { port in
            var banner = "collectod is serving http://\(host):\(port)/ (modules: \(modules); database: \(path))\n"
            banner += "  web interface: open http://\(host):\(port)/ in a browser and log in\n"
            banner += "  API: http://\(host):\(port)/api/v1 (described at /api/v1/openapi.json)\n"
            if demo { banner += DemoLogIn.text + "\n" }
            FileHandle.standardOutput.write(Data(banner.utf8))
        }
        try await app.runService()
        try await kernel.database.close()
    }

    /// Removes the SQLite file (and its WAL and shared-memory files) so that the demo loads afresh.
    static func deleteDemoDatabase(_ configuration: AppConfiguration) throws {
        guard configuration.databaseURL == nil else {
            throw CommandFailure("--fresh-demo deletes an SQLite file; it never empties a PostgreSQL database")
        }
        let path = configuration.databasePath
        for suffix in ["", "-wal", "-shm"] where FileManager.default.fileExists(atPath: path + suffix) {
            try FileManager.default.removeItem(atPath: path + suffix)
        }
        print("Deleted \(path): starting from a fresh demo.")
    }
}
