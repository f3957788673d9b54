import ArgumentParser
import CollectoKernel
import Foundation
import Logging

/// `collectod import organisations|sites FILE.csv`: all or nothing, with
/// line-numbered errors and a progress bar on a terminal.
struct ImportCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(commandName: "import", abstract: "Import organisations or sites from CSV.")

    /// What to import.
    enum Target: String, ExpressibleByArgument, CaseIterable {
        case organisations, sites
    }

    @OptionGroup var common: CommonOptions
    @Argument(help: "organisations or sites") var target: Target
    @Argument(help: "The CSV file (UTF-8, header row).") var file: String

    func run() async throws {
        guard let data = FileManager.default.contents(atPath: file), let text = String(data: data, encoding: .utf8) else {
            throw ValidationError("cannot read \(file) as UTF-8 text")
        }
        let configuration = try await common.load()
        let (target, file) = (self.target, self.file)
        try await withKernel(configuration, logger: LoggingBootstrap.logger(level: .warning)) { kernel in
            let bar = ProgressBar(label: "importing \(target.rawValue)")
            let importer = DirectoryImport(units: kernel.units)
            do {
                let report: CSVImportReport =
                    switch target {
                    case .organisations: try await importer.organisations(csv: text, by: nil, progress: bar.update)
                    case .sites: try await importer.sites(csv: text, by: nil, progress: bar.update)
                    }
                bar.finish()
                print("Imported \(report.imported) \(target.rawValue) from \(file).")
            } catch let error as CSVImportError {
                bar.finish()
                FileHandle.standardError.write(
                    Data("\(file): nothing imported; \(error.problems.count) problem(s):\n\(error.description)\n".utf8))
                throw ExitCode(65)
            }
        }
    }
}
