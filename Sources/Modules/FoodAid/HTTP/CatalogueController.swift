import CollectoKernel
import Foundation
import Hummingbird

/// The catalogue: everyone logged in reads it; the food bank changes it.
struct CatalogueController {
    let units: UnitOfWorkRunner

    var endpoints: Endpoints<AuthenticatedContext> {
        let endpoints = Endpoints<AuthenticatedContext>(tag: "foodaid")
        endpoints.get("products", summary: "Catalogue products", query: ["limit", "offset", "category", "active"]) { request, _ in
            let category = try request.query("category", ProductCategory.init(rawValue:))
            let activeOnly = try request.query("active") { ["true": true, "false": false][$0] } ?? false
            let page = try request.page()
            return try await units.read { db in
                try await CatalogueService().list(activeOnly: activeOnly, category: category, page: page, in: db)
            }
        }
        endpoints.post("products", summary: "Add a product to the catalogue", body: CatalogueService.Input.self) { request, context in
            let input = try await request.decodeJSON(CatalogueService.Input.self, context: context)
            try FoodAidAccess.requireFoodBankStaff(context.caller)
            return try await units.write(by: context.caller) { tx in
                let product = try await CatalogueService().create(input, in: tx)
                try await tx.audit("create", entity: "foodaid.product", id: product.id.uuidString, organisation: nil, details: product.code)
                return product
            }
        }
        endpoints.put("products/{id}", summary: "Change a product", body: CatalogueService.Input.self) { request, context in
            let id = try context.uuid("id")
            let input = try await request.decodeJSON(CatalogueService.Input.self, context: context)
            try FoodAidAccess.requireFoodBankStaff(context.caller)
            return try await units.write(by: context.caller) { tx in
                let product = try await CatalogueService().update(id, with: input, in: tx)
                try await tx.audit("update", entity: "foodaid.product", id: id.uuidString, organisation: nil, details: product.code)
                return product
            }
        }
        endpoints.raw(.post, "products/import", summary: "Import the catalogue from CSV (all or nothing)", contentType: "application/json")
        {
            request, context in
            try FoodAidAccess.requireFoodBankStaff(context.caller)
            let body = try await request.body.collect(upTo: context.maxUploadSize)
            let text = String(buffer: body)
            do {
                let result = try await units.write(by: context.caller) { tx in
                    let counts = try await CatalogueCSV().importCSV(text, in: tx)
                    try await tx.audit(
                        "import", entity: "foodaid.product", id: nil, organisation: nil,
                        details: "\(counts.created) created, \(counts.updated) updated")
                    return counts
                }
                let data = try JSONBody.encoder.encode(["created": result.created, "updated": result.updated])
                return Response(status: .ok, headers: [.contentType: "application/json"], body: .init(byteBuffer: ByteBuffer(bytes: data)))
            } catch let error as CSVImportError {
                throw KernelError.rules(
                    code: "csv_invalid", message: "nothing imported: \(error.problems.count) problem(s)",
                    violations: error.problems.map { "line \($0.line)\($0.column.map { ", column \($0)" } ?? ""): \($0.message)" })
            }
        }
        endpoints.raw(.get, "products/export", summary: "The catalogue as CSV", contentType: "text/csv") { _, _ in
            let products = try await units.read { db in try await CatalogueService().list(activeOnly: false, category: nil, in: db) }
            let text = try CatalogueCSV().exportCSV(products)
            return Response(
                status: .ok,
                headers: [.contentType: "text/csv; charset=utf-8", .contentDisposition: "attachment; filename=\"catalogue.csv\""],
                body: .init(byteBuffer: ByteBuffer(string: text)))
        }
        endpoints.get("categories", summary: "Per-category rules: best-before grace days, contribution per kg") { _, _ in
            try await units.read { db in try await CategoryRules().all(in: db) }
        }
        endpoints.put("categories/{category}", summary: "Set a category's rules", body: CategoryRules.Rule.self) { request, context in
            guard let category = context.parameters.get("category").flatMap(ProductCategory.init(rawValue:)) else {
                throw KernelError.invalid(field: "category", message: "unknown category")
            }
            let rule = try await request.decodeJSON(CategoryRules.Rule.self, context: context)
            try FoodAidAccess.requireFoodBankStaff(context.caller)
            return try await units.write(by: context.caller) { tx in
                try await CategoryRules().set(category, rule, in: tx)
                try await tx.audit("update", entity: "foodaid.category_rule", id: category.rawValue, organisation: nil)
                return rule
            }
        }
        return endpoints
    }
}
