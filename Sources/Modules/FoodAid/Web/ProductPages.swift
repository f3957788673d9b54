import CollectoKernel
import Foundation
import Hummingbird

/// One product of the catalogue, for the food bank's staff: a new one, or a
/// change to its name, family, unit and weight, cold chain, funding origin,
/// the most units one order may ask for, and whether partners see it. Errors
/// are said beside their field with what was typed kept.
struct ProductPages {
    let catalogue: CatalogueUseCases

    var pages: WebPages {
        let pages = WebPages()
        pages.get("/foodaid/products/new") { request in try await form(request, product: nil) }
        pages.post("/foodaid/products/new") { request in try await save(request, product: nil) }
        pages.get("/foodaid/products/:id") { request in try await form(request, product: try request.uuid("id")) }
        pages.post("/foodaid/products/:id") { request in try await save(request, product: try request.uuid("id")) }
        return pages
    }

    struct Form: Decodable {
        var code: String?
        var name: String?
        var category: String?
        var unit: String?
        var unitWeightKg: String?
        var temperature: String?
        var fundingOrigin: String?
        var active: String?
        var maxPerOrder: String?
    }

    typealias Choice = WebChoice

    struct Model: Sendable {
        let action: String
        let typed: [String: String]
        let active: Bool
        let categories: [Choice]
        let temperatures: [Choice]
        let origins: [Choice]
        let fieldError: [String: String]
        let idempotency: String
    }

    func lookup(_ id: UUID, by caller: Caller) async throws -> Product {
        let all = try await catalogue.products(activeOnly: false, category: nil, page: PageRequest(limit: 5000), by: caller).items
        guard let product = all.first(where: { $0.id == id }) else { throw KernelError.notFound(entity: "product", id: id.uuidString) }
        return product
    }

    func form(
        _ request: WebRequest, product id: UUID?, typed: Form? = nil, errors: [String: String] = [:], status: HTTPResponse.Status = .ok
    ) async throws -> WebAnswer {
        let caller = try request.caller
        guard caller.managesEverything else { throw KernelError.forbidden("the catalogue is run by the food bank") }
        let t = request.texts
        var product: Product?
        if let id { product = try await lookup(id, by: caller) }
        let fields: [String: String] = [
            "code": typed?.code ?? product?.code ?? "", "name": typed?.name ?? product?.name ?? "",
            "unit": typed?.unit ?? product?.unit ?? "",
            "unitWeightKg": typed?.unitWeightKg ?? product.map { Self.plain($0.unitWeightKg, t) } ?? "",
            "maxPerOrder": typed?.maxPerOrder ?? product?.maxPerOrder.map(String.init) ?? "",
        ]
        let category = typed?.category ?? product?.category.rawValue ?? ProductCategory.dryGrocery.rawValue
        let temperature = typed?.temperature ?? product?.temperature.rawValue ?? TemperatureClass.ambient.rawValue
        let origin = typed?.fundingOrigin ?? product?.fundingOrigin.rawValue ?? FundingOrigin.donation.rawValue
        let model = Model(
            action: id.map { "/foodaid/products/\($0.uuidString.lowercased())" } ?? "/foodaid/products/new", typed: fields,
            active: typed.map { $0.active != nil } ?? product?.active ?? true,
            categories: ProductCategory.allCases.map {
                Choice(value: $0.rawValue, label: t("foodaid_category_" + $0.rawValue), selected: $0.rawValue == category)
            },
            temperatures: TemperatureClass.allCases.map {
                Choice(value: $0.rawValue, label: t("foodaid_temperature_" + $0.rawValue), selected: $0.rawValue == temperature)
            },
            origins: FundingOrigin.allCases.map {
                Choice(value: $0.rawValue, label: t("foodaid_funding_" + $0.rawValue), selected: $0.rawValue == origin)
            },
            fieldError: errors, idempotency: request.idempotencyKey())
        let title = product.map { t("foodaid_product_edit_title", ["product": $0.name]) } ?? t("foodaid_product_new_title")
        return .page("foodaid-product", title: title, model: model, status: status)
    }

    /// A weight as the form's field shows it: no grouping (so that saving the page unchanged reads it back), the
    /// page's decimal mark, to the gram.
    static func plain(_ kg: Double, _ t: Texts) -> String {
        var text = String(format: "%.3f", kg)
        while text.hasSuffix("0") { text.removeLast() }
        if text.hasSuffix(".") { text.removeLast() }
        return t.language == .fr ? text.replacingOccurrences(of: ".", with: ",") : text
    }

    func save(_ request: WebRequest, product id: UUID?) async throws -> WebAnswer {
        let caller = try request.caller
        let t = request.texts
        let form = try request.form(Form.self)
        var errors: [String: String] = [:]
        func trimmed(_ text: String?) -> String { (text ?? "").trimmingCharacters(in: .whitespaces) }
        let weight = Double(trimmed(form.unitWeightKg).replacingOccurrences(of: ",", with: "."))
        if weight == nil { errors["unitWeightKg"] = t("foodaid_product_bad_weight") }
        var limit: Int?
        if !trimmed(form.maxPerOrder).isEmpty {
            limit = Int(trimmed(form.maxPerOrder))
            if limit == nil { errors["maxPerOrder"] = t("foodaid_product_bad_limit") }
        }
        let category = form.category.flatMap(ProductCategory.init(rawValue:))
        let origin = form.fundingOrigin.flatMap(FundingOrigin.init(rawValue:))
        if category == nil || origin == nil { errors["code"] = t("foodaid_product_bad_choice") }
        guard errors.isEmpty, let weight, let category, let origin else {
            return try await self.form(request, product: id, typed: form, errors: errors, status: .unprocessableContent)
        }
        let input = CatalogueService.Input(
            code: trimmed(form.code), name: trimmed(form.name), category: category, unit: trimmed(form.unit), unitWeightKg: weight,
            temperature: form.temperature.flatMap(TemperatureClass.init(rawValue:)), fundingOrigin: origin, active: form.active != nil,
            maxPerOrder: limit)
        do {
            if let id {
                _ = try await catalogue.changeProduct(id, to: input, by: caller)
            } else {
                _ = try await catalogue.addProduct(input, by: caller)
            }
            return .redirect("/foodaid/catalogue", notice: id == nil ? "foodaid_product_added" : "foodaid_product_saved")
        } catch let error as any DomainError where error.code != "forbidden" && error.code != "not_found" {
            let field = WebRequest.field(of: error) ?? "code"
            let known = ["code", "name", "unit", "unitWeightKg", "maxPerOrder"]
            return try await self.form(
                request, product: id, typed: form, errors: [known.contains(field) ? field : "code": request.say(error)],
                status: .unprocessableContent)
        }
    }
}
