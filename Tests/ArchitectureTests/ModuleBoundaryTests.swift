import Biowaste
import CollectoKernel
import FoodAid
import Foundation
import MicroTransform
import Testing

/// The house rules of the modular monolith, checked on the sources and on the
/// modules themselves. (Undeclared target imports are also refused by the
/// test command's `--explicit-target-dependency-import-check=error` build.)
@Suite struct ModuleBoundaryTests {
    static let root = URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent().deletingLastPathComponent()
    static let modules: [any CollectoModule] = [FoodAidModule(), MicroTransformModule(), BiowasteModule()]
    static let moduleFolders = ["FoodAid", "MicroTransform", "Biowaste"]

    /// Every `import X` line of the Swift files under a folder, with the file.
    func imports(under folder: String) throws -> [(file: String, module: String)] {
        let base = Self.root.appendingPathComponent(folder)
        guard let files = FileManager.default.enumerator(at: base, includingPropertiesForKeys: nil) else { return [] }
        var found: [(String, String)] = []
        for case let url as URL in files where url.pathExtension == "swift" {
            let text = try String(contentsOf: url, encoding: .utf8)
            for line in text.split(separator: "\n") {
                let words = line.split(separator: " ").map(String.init)
                guard let index = words.firstIndex(of: "import"), index + 1 < words.count,
                    words[..<index].allSatisfy({ $0.hasPrefix("@") || ["public", "internal", "package"].contains($0) })
                else { continue }
                found.append((url.lastPathComponent, words[index + 1]))
            }
        }
        return found
    }

    @Test func theKernelImportsNoModule() throws {
        let imported = try imports(under: "Sources/CollectoKernel")
        #expect(!imported.isEmpty)
        for (file, module) in imported {
            #expect(!Self.moduleFolders.contains(module), "\(file) imports \(module)")
        }
    }

    @Test(arguments: moduleFolders)
    func aModuleImportsNoOtherModule(_ folder: String) throws {
        for (file, module) in try imports(under: "Sources/Modules/\(folder)") {
            #expect(!Self.moduleFolders.contains(module) || module == folder, "\(folder)/\(file) imports \(module)")
            #expect(module != "collectod", "\(folder)/\(file) imports the executable")
        }
    }

    @Test func modulesOwnOnlyTablesWithTheirOwnPrefix() throws {
        let table = try NSRegularExpression(pattern: #"CREATE\s+TABLE\s+(?:IF\s+NOT\s+EXISTS\s+)?(\w+)"#, options: [.caseInsensitive])
        let index = try NSRegularExpression(
            pattern: #"CREATE\s+(?:UNIQUE\s+)?INDEX\s+(?:IF\s+NOT\s+EXISTS\s+)?(\w+)\s+ON\s+(\w+)"#, options: [.caseInsensitive])
        for module in Self.modules {
            let prefix = module.id.rawValue + "_"
            #expect(!module.migrations.isEmpty)
            for statement in module.migrations.flatMap(\.statements) {
                let range = NSRange(statement.startIndex..., in: statement)
                for match in table.matches(in: statement, range: range) {
                    let name = String(statement[Range(match.range(at: 1), in: statement)!])
                    #expect(name.hasPrefix(prefix), "\(module.id) creates table \(name)")
                }
                for match in index.matches(in: statement, range: range) {
                    for group in 1...2 {
                        let name = String(statement[Range(match.range(at: group), in: statement)!])
                        #expect(name.hasPrefix(prefix), "\(module.id) creates index \(name)")
                    }
                }
                #expect(!statement.uppercased().contains("DROP TABLE KERNEL_"), "\(module.id) drops a kernel table")
            }
        }
    }

    @Test func moduleIdentifiersAreWellFormedAndDistinct() {
        let ids = Self.modules.map(\.id)
        #expect(ids.allSatisfy { $0.isWellFormed })
        #expect(Set(ids).count == ids.count)
    }

    @Test func noSourceFileGrowsPastFourHundredFiftyLines() throws {
        let base = Self.root.appendingPathComponent("Sources")
        let files = FileManager.default.enumerator(at: base, includingPropertiesForKeys: nil)
        while let url = files?.nextObject() as? URL {
            guard url.pathExtension == "swift" else { continue }
            let lines = try String(contentsOf: url, encoding: .utf8).split(separator: "\n", omittingEmptySubsequences: false).count
            #expect(lines <= 450, "\(url.lastPathComponent) has \(lines) lines")
        }
    }
}

/// Modules stay out of the kernel's tables: they ask the kernel's services.
/// The only `kernel_` a module's source may name is the table of a
/// `REFERENCES` clause in one of its migrations (integrity, and welcome).
@Suite struct KernelTablesTests {
    @Test(arguments: ModuleBoundaryTests.moduleFolders)
    func aModuleNamesNoKernelTableOutsideAForeignKey(_ folder: String) throws {
        let base = ModuleBoundaryTests.root.appendingPathComponent("Sources/Modules/\(folder)")
        let files = try #require(FileManager.default.enumerator(at: base, includingPropertiesForKeys: nil))
        let kernelTable = try NSRegularExpression(pattern: #"kernel_\w+"#)
        let reference = try NSRegularExpression(pattern: #"REFERENCES\s+kernel_\w+"#, options: [.caseInsensitive])
        var checked = 0
        for case let url as URL in files where url.pathExtension == "swift" {
            let text = try String(contentsOf: url, encoding: .utf8)
            checked += 1
            let range = NSRange(text.startIndex..., in: text)
            let allowed = Set(reference.matches(in: text, range: range).map { $0.range.location + $0.range.length })
            for match in kernelTable.matches(in: text, range: range)
            where !url.lastPathComponent.hasSuffix("Migrations.swift") || !allowed.contains(match.range.location + match.range.length) {
                let line = text[..<Range(match.range, in: text)!.lowerBound].split(separator: "\n", omittingEmptySubsequences: false).count
                Issue.record("\(folder)/\(url.lastPathComponent):\(line) names \(String(text[Range(match.range, in: text)!]))")
            }
        }
        #expect(checked > 5, "no source read under \(base.path)")
    }
}
