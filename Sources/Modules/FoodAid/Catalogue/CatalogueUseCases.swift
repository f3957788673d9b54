import CollectoKernel
import Foundation

/// The catalogue's actions: everyone logged in reads it; the food bank's staff
/// change it, one product, one category rule or one whole CSV at a time.
struct CatalogueUseCases: Sendable {
    /// What a CSV import did.
    struct ImportCounts: Sendable, Codable {
        var created: Int
        var updated: Int
    }

    let units: UnitOfWorkRunner

    func products(
        activeOnly: Bool, category: ProductCategory?, page: PageRequest, by caller: Caller
    ) async throws -> Page<Product> {
        try await units.read { db in
            try await CatalogueService().list(activeOnly: activeOnly, category: category, page: page, in: db)
        }
    }

    func addProduct(_ input: CatalogueService.Input, by caller: Caller) async throws -> Product {
        try FoodAidPermissions.manageCatalogue.require(caller)
        return try await units.write(by: caller) { tx in
            let product = try await CatalogueService().create(input, in: tx)
            try await tx.audit("create", entity: "foodaid.product", id: product.id.uuidString, organisation: nil, details: product.code)
            return product
        }
    }

    func changeProduct(_ id: UUID, to input: CatalogueService.Input, by caller: Caller) async throws -> Product {
        try FoodAidPermissions.manageCatalogue.require(caller)
        return try await units.write(by: caller) { tx in
            let product = try await CatalogueService().update(id, with: input, in: tx)
            try await tx.audit("update", entity: "foodaid.product", id: id.uuidString, organisation: nil, details: product.code)
            return product
        }
    }

    /// All or nothing: one problem anywhere in the file and nothing is written.
    func importCSV(_ text: String, by caller: Caller) async throws -> ImportCounts {
        try FoodAidPermissions.manageCatalogue.require(caller)
        do {
            return try await units.write(by: caller) { tx in
                let counts = try await CatalogueCSV().importCSV(text, in: tx)
                try await tx.audit(
                    "import", entity: "foodaid.product", id: nil, organisation: nil,
                    details: "\(counts.created) created, \(counts.updated) updated")
                return ImportCounts(created: counts.created, updated: counts.updated)
            }
        } catch let error as CSVImportError {
            throw FoodAidError.csvInvalid(
                problems: error.problems.map { "line \($0.line)\($0.column.map { ", column \($0)" } ?? ""): \($0.message)" })
        }
    }

    func exportCSV(by caller: Caller) async throws -> String {
        let products = try await units.read { db in try await CatalogueService().list(activeOnly: false, category: nil, in: db).items }
        return try CatalogueCSV().exportCSV(products)
    }

    func categoryRules(by caller: Caller) async throws -> [String: CategoryRules.Rule] {
        try await units.read { db in try await CategoryRules().all(in: db) }
    }

    func setCategoryRule(_ category: ProductCategory, _ rule: CategoryRules.Rule, by caller: Caller) async throws -> CategoryRules.Rule {
        try FoodAidPermissions.manageCatalogue.require(caller)
        return try await units.write(by: caller) { tx in
            try await CategoryRules().set(category, rule, in: tx)
            try await tx.audit("update", entity: "foodaid.category_rule", id: category.rawValue, organisation: nil)
            return rule
        }
    }
}
