import CollectoKernel
import Foundation
import Hummingbird

/// The catalogue over HTTP: everyone logged in reads it; the food bank changes it.
struct CatalogueController {
    let catalogue: CatalogueUseCases

    var endpoints: Endpoints<AuthenticatedContext> {
        let endpoints = Endpoints<AuthenticatedContext>(tag: "foodaid")
        endpoints.get(
            "products", summary: "Catalogue products",
            query: APIParameter.page + [.oneOf("category", ProductCategory.self), .boolean("active")]
        ) { request, context in
            let category = try request.query("category", ProductCategory.init(rawValue:))
            let activeOnly = try request.query("active") { ["true": true, "false": false][$0] } ?? false
            return try await catalogue.products(activeOnly: activeOnly, category: category, page: try request.page(), by: context.caller)
        }
        endpoints.post("products", summary: "Add a product to the catalogue", body: CatalogueService.Input.self) { request, context in
            let input = try await request.decodeJSON(CatalogueService.Input.self, context: context)
            return try await catalogue.addProduct(input, by: context.caller)
        }
        endpoints.put("products/{id}", summary: "Change a product", body: CatalogueService.Input.self) { request, context in
            let id = try context.uuid("id")
            let input = try await request.decodeJSON(CatalogueService.Input.self, context: context)
            return try await catalogue.changeProduct(id, to: input, by: context.caller)
        }
        endpoints.raw(
            .post, "products/import", summary: "Import the catalogue from CSV (all or nothing)", contentType: "application/json",
            requestContentType: "text/csv"
        ) {
            request, context in
            let body = try await request.body.collect(upTo: context.maxUploadSize)
            let counts = try await catalogue.importCSV(String(buffer: body), by: context.caller)
            let data = try LowercaseIdentifiers.json(counts)
            return Response(status: .ok, headers: [.contentType: "application/json"], body: .init(byteBuffer: ByteBuffer(bytes: data)))
        }
        endpoints.raw(.get, "products/export", summary: "The catalogue as CSV", contentType: "text/csv") { _, context in
            let text = try await catalogue.exportCSV(by: context.caller)
            return Response(
                status: .ok,
                headers: [.contentType: "text/csv; charset=utf-8", .contentDisposition: "attachment; filename=\"catalogue.csv\""],
                body: .init(byteBuffer: ByteBuffer(string: text)))
        }
        endpoints.get("categories", summary: "Per-category rules: best-before grace days, contribution per kg") { _, context in
            try await catalogue.categoryRules(by: context.caller)
        }
        endpoints.put(
            "categories/{category}", summary: "Set a category's rules", body: CategoryRules.Rule.self,
            pathParameters: [.oneOf("category", ProductCategory.self)]
        ) { request, context in
            guard let category = context.parameters.get("category").flatMap(ProductCategory.init(rawValue:)) else {
                throw KernelError.invalid(field: "category", message: "unknown category")
            }
            let rule = try await request.decodeJSON(CategoryRules.Rule.self, context: context)
            return try await catalogue.setCategoryRule(category, rule, by: context.caller)
        }
        return endpoints
    }
}
