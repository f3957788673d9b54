import ArgumentParser
import CollectoKernel
import Foundation
import Logging

/// `collectod copy --from sqlite:PATH --to postgres://…`: moves a deployment
/// from the embedded SQLite file to PostgreSQL, checking row counts per table.
struct CopyCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "copy", abstract: "Copy every table from an SQLite database into an empty PostgreSQL database.")

    @OptionGroup var common: CommonOptions
    @Option(help: "The SQLite database to read: sqlite:PATH.") var from: String
    @Option(help: "The PostgreSQL database to fill: postgres://user@host:port/database.") var to: String

    func run() async throws {
        let source = DatabaseLocation(from)
        let destination = DatabaseLocation(to)
        guard source.dialect == .sqlite else { throw ValidationError("--from must be sqlite:PATH") }
        guard destination.dialect == .postgres else { throw ValidationError("--to must be a postgres:// URL") }
        guard FileManager.default.fileExists(atPath: source.address) else { throw ValidationError("no SQLite file at \(source.address)") }
        var configuration = try await common.load()
        let logger = LoggingBootstrap.logger(level: .warning)
        configuration.databaseURL = nil
        configuration.databasePath = source.address
        let sourceConfiguration = configuration
        configuration.databaseURL = destination.address
        let destinationConfiguration = configuration
        try await withKernel(sourceConfiguration, logger: logger) { sourceKernel in
            try await withKernel(destinationConfiguration, logger: logger) { destinationKernel in
                let bar = ProgressBar(label: "copying")
                do {
                    let report = try await DatabaseCopy(from: sourceKernel.database, to: destinationKernel.database).run { _, done, total in
                        bar.update(done, total)
                    }
                    bar.finish()
                    // Handlers enabled here but unknown to the source start at the end of the copied outbox.
                    try await destinationKernel.relay.ensureCursors()
                    for table in report.tables {
                        print("\(table.name.padding(toLength: 36, withPad: " ", startingAt: 0)) \(table.source) → \(table.destination)")
                    }
                    print(
                        "Copied \(report.tables.reduce(0) { $0 + $1.destination }) rows in \(report.tables.count) tables to \(destination.redacted)."
                    )
                } catch let failure as DatabaseCopy.Failure {
                    bar.finish()
                    throw CommandFailure(failure.description)
                }
            }
        }
    }
}
