import Biowaste
import CollectoKernel
import FoodAid
import Foundation
import MicroTransform
import Testing

/// Permissions are real: every permission a module declares is asked by one of
/// its use cases, every one it asks is registered, and the names are its own.
@Suite struct DeclaredPermissionsTests {
    /// `static let name = Permission(` in the module's permission files, by property name.
    func declaredProperties(in folder: String) throws -> [String] {
        let pattern = try NSRegularExpression(pattern: #"static let (\w+)\s*=\s*Permission\("#)
        return try sources(in: folder).filter { $0.name.hasSuffix("Permissions.swift") }.flatMap { file in
            pattern.matches(in: file.text, range: NSRange(file.text.startIndex..., in: file.text)).map {
                String(file.text[Range($0.range(at: 1), in: file.text)!])
            }
        }
    }

    func sources(in folder: String) throws -> [(name: String, text: String)] {
        let base = ModuleBoundaryTests.root.appendingPathComponent("Sources/Modules/\(folder)")
        let files = try #require(FileManager.default.enumerator(at: base, includingPropertiesForKeys: nil))
        return try files.compactMap { $0 as? URL }.filter { $0.pathExtension == "swift" }.map {
            ($0.lastPathComponent, try String(contentsOf: $0, encoding: .utf8))
        }
    }

    @Test(arguments: ModuleBoundaryTests.moduleFolders)
    func everyDeclaredPermissionIsAskedBySomeUseCase(_ folder: String) throws {
        let properties = try declaredProperties(in: folder)
        #expect(properties.count >= 3, "\(folder) declares \(properties.count) permissions")
        let users = try sources(in: folder).filter { !$0.name.hasSuffix("Permissions.swift") }.map(\.text).joined()
        for property in properties {
            // Asked in place (`.require`, `.isHeld`) or handed to a helper that asks it.
            let asked = try NSRegularExpression(pattern: #"Permissions\.\#(property)\b"#)
            #expect(
                asked.firstMatch(in: users, range: NSRange(users.startIndex..., in: users)) != nil, "\(folder): \(property) is never asked")
        }
    }

    @Test func eachModuleRegistersItsPermissionsUnderItsOwnNameOnce() throws {
        let modules = ModuleBoundaryTests.modules
        let kernel = try Kernel(
            database: try SQLiteDatabase(path: ":memory:"), installed: modules, enabledModules: modules.map { type(of: $0).id.rawValue })
        #expect(kernel.registry.enabled.count == modules.count)
        for entry in kernel.registry.enabled {
            let id = entry.module.id.rawValue
            let names = entry.registration.permissions.map(\.name)
            #expect(names.count >= 3, "\(id) registers \(names.count) permissions")
            #expect(Set(names).count == names.count, "\(id) registers a permission twice")
            #expect(names.allSatisfy { $0.hasPrefix(id + ".") }, "\(id): \(names)")
        }
    }
}
