import CollectoKernel
import Foundation
import Testing

@testable import collectod

/// `collectod modules --permissions` prints who may do what from the modules' declarations.
@Suite struct PermissionMatrixTests {
    let kernel: Kernel

    init() throws {
        kernel = try Kernel(
            database: try SQLiteDatabase(path: ":memory:"), installed: InstalledModules.all,
            enabledModules: InstalledModules.all.map { type(of: $0).id.rawValue })
    }

    func row(_ name: String, in text: String) throws -> [String] {
        let line = try #require(text.split(separator: "\n").first { $0.hasPrefix(name + " ") }, "no row for \(name)")
        return line.split(separator: " ").dropFirst().map(String.init)
    }

    @Test func everyRegisteredPermissionHasOneRowWithACellPerRoleInTheOrganisationAndAtTheFoodBank() throws {
        let permissions = kernel.registry.enabled.flatMap(\.registration.permissions)
        let text = PermissionMatrix(permissions).text
        for permission in permissions {
            let cells = try row(permission.name, in: text).prefix(2 * PermissionMatrix.roles.count)
            #expect(cells.count == 2 * PermissionMatrix.roles.count)
            for (index, role) in PermissionMatrix.roles.enumerated() {
                #expect(cells[cells.startIndex + index] == (permission.grants(inOwnOrganisation: role) ? "yes" : "-"))
                #expect(
                    cells[cells.startIndex + PermissionMatrix.roles.count + index] == (permission.grants(atFoodBank: role) ? "yes" : "-"))
            }
        }
    }

    @Test func theCatalogueIsRunByTheFoodBankAndOrdersArePlacedByAPartnersPeople() throws {
        let text = PermissionMatrix(kernel.registry.enabled.flatMap(\.registration.permissions)).text
        // admin coordinator member read_only driver, in the organisation, then at the food bank
        #expect(try row("foodaid.catalogue.manage", in: text).prefix(10) == ["-", "-", "-", "-", "-", "yes", "yes", "-", "-", "-"])
        #expect(try row("foodaid.orders.place", in: text).prefix(10) == ["yes", "yes", "yes", "-", "-", "yes", "yes", "-", "-", "-"])
    }
}
