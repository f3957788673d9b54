import CollectoKernel
import Foundation
import Hummingbird

/// The catalogue for the food bank's staff: every product, exported as CSV, and a
/// CSV pasted in to add or change many products at once (all or nothing, every
/// problem told with its line).
struct CataloguePages {
    let catalogue: CatalogueUseCases

    var pages: WebPages {
        let pages = WebPages()
        pages.get("/foodaid/catalogue") { request in try await show(request) }
        pages.get("/foodaid/catalogue/products.csv") { request in
            let csv = try await catalogue.exportCSV(by: try request.caller)
            return .file(Data(csv.utf8), contentType: "text/csv; charset=utf-8", name: "catalogue.csv")
        }
        pages.post("/foodaid/catalogue/import") { request in try await importCSV(request) }
        return pages
    }

    struct ImportForm: Decodable { var csv: String? }

    struct Model: Sendable {
        struct Row: Sendable {
            let code: String
            let name: String
            let category: String
            let unit: String
            let weight: String
            let active: String
            let path: String
        }
        let rows: [Row]
        let csv: String
        let problems: [String]
        let hasProblems: Bool
        let idempotency: String
    }

    func show(_ request: WebRequest, csv: String = "", problems: [String] = [], status: HTTPResponse.Status = .ok) async throws
        -> WebAnswer
    {
        let caller = try request.caller
        guard caller.managesEverything else { throw KernelError.forbidden("the catalogue is run by the food bank") }
        let t = request.texts
        let products = try await catalogue.products(activeOnly: false, category: nil, page: PageRequest(limit: 1000), by: caller).items
        let rows = products.sorted { ($0.category.rawValue, $0.name) < ($1.category.rawValue, $1.name) }.map {
            Model.Row(
                code: $0.code, name: $0.name, category: t("foodaid_category_" + $0.category.rawValue), unit: $0.unit,
                weight: t.kg($0.unitWeightKg), active: $0.active ? t("foodaid_yes") : t("foodaid_no"),
                path: "/foodaid/products/\($0.id.uuidString.lowercased())")
        }
        return .page(
            "foodaid-catalogue", title: t("foodaid_catalogue_title"),
            model: Model(rows: rows, csv: csv, problems: problems, hasProblems: !problems.isEmpty, idempotency: request.idempotencyKey()),
            status: status)
    }

    func importCSV(_ request: WebRequest) async throws -> WebAnswer {
        let caller = try request.caller
        let csv = try request.form(ImportForm.self).csv ?? ""
        do {
            let counts = try await catalogue.importCSV(csv, by: caller)
            return .redirect(
                "/foodaid/catalogue",
                notice: counts.created + counts.updated > 0 ? "foodaid_catalogue_imported" : "foodaid_catalogue_unchanged")
        } catch let error as any DomainError where error.code != "forbidden" {
            return try await show(request, csv: csv, problems: error.details ?? [request.say(error)], status: .unprocessableContent)
        }
    }
}
