import ArgumentParser
import CollectoKernel
import Foundation
import Logging

/// `collectod openapi`: prints the API's OpenAPI 3.1 description for the
/// enabled modules, without a server or a database, so that a client can be
/// generated from it and the tests can check real answers against it.
struct OpenAPICommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "openapi", abstract: "Print the OpenAPI 3.1 description of the API (the enabled modules').")

    @OptionGroup var common: CommonOptions

    @Option(name: .long, help: "Write it to this file instead of standard output.")
    var output: String?

    func run() async throws {
        let configuration = try await common.load()
        let kernel = try Kernel(
            database: try SQLiteDatabase(path: ":memory:"), settings: configuration.kernel, installed: InstalledModules.all,
            enabledModules: configuration.enabledModules, logger: LoggingBootstrap.logger(level: .error))
        let (_, operations) = APIRouterBuilder(kernel: kernel).build()
        let data = try OpenAPIDocument(operations: operations, version: kernel.version).json()
        if let output {
            try data.write(to: URL(fileURLWithPath: output))
        } else {
            FileHandle.standardOutput.write(data)
            print()
        }
    }
}
