import CollectoKernel
import Foundation
import Hummingbird

/// A window's catalogue and the partner's basket: the draft order itself, saved
/// on the server each time it is sent, so that a closed laptop or an expired
/// session loses nothing. Above a quota, the page warns beside the product and
/// asks to confirm before the line is kept.
struct BasketPage {
    let ordering: OrderingUseCases

    struct Form: Decodable {
        var quantity: [String: String]?
        var acknowledge: [String: String]?
        var submit: String?
    }

    struct Model: Sendable {
        struct Line: Sendable {
            let productId: String
            let name: String
            let category: String
            let unit: String
            let unitWeight: String
            let available: String
            let quota: String?
            let quantity: String
            let lineError: String?
            let askAcknowledge: Bool
            let weightKg: String
        }
        struct Category: Sendable {
            let value: String
            let label: String
            let selected: Bool
        }
        struct Kept: Sendable {
            let productId: String
            let quantity: String
        }
        let window: String
        let cutoff: String
        let timeLeft: String
        let action: String
        let lines: [Line]
        let kept: [Kept]
        let categories: [Category]
        let search: String
        let orderPath: String?
        let submitPath: String?
        let canSubmit: Bool
        /// The caller may change the partner's basket (not a read-only member, who sees it only).
        let canOrder: Bool
        let totalUnits: String
        let totalKg: String
        let error: String?
        let idempotency: String
        let empty: Bool
    }

    func show(_ request: WebRequest, window: UUID) async throws -> WebAnswer {
        try await render(request, window: window, typed: nil, errors: [:], acknowledging: [], error: nil)
    }

    func save(_ request: WebRequest, window: UUID) async throws -> WebAnswer {
        let caller = try request.caller
        guard let partner = FoodAidWeb.partner(of: caller) else { throw KernelError.forbidden("only a partner association orders") }
        let form = try request.form(Form.self)
        let typed = form.quantity ?? [:]
        var lines: [OrderService.Draft.Line] = []
        var errors: [String: String] = [:]
        for (key, text) in typed.sorted(by: { $0.key < $1.key }) {
            let trimmed = text.trimmingCharacters(in: .whitespaces)
            guard let product = UUID(uuidString: key) else { continue }
            if trimmed.isEmpty || trimmed == "0" { continue }
            guard let quantity = Int(trimmed), (1...100_000).contains(quantity) else {
                errors[key] = request.texts("foodaid_basket_bad_quantity")
                continue
            }
            lines.append(.init(productId: product, quantity: quantity, acknowledgeQuota: form.acknowledge?[key] != nil ? true : nil))
        }
        if !errors.isEmpty {
            return try await render(
                request, window: window, typed: typed, errors: errors, acknowledging: [], error: nil, status: .unprocessableContent)
        }
        do {
            let order = try await ordering.saveDraft(
                OrderService.Draft(organisationId: partner, lines: lines, collectionSlot: nil), window: window, by: caller)
            if form.submit != nil, !lines.isEmpty {
                let submitted = try await ordering.submit(order.id, by: caller)
                return .redirect("/foodaid/orders/\(submitted.id.uuidString.lowercased())", notice: "foodaid_order_submitted")
            }
            return .redirect("/foodaid/windows/\(window.uuidString.lowercased())/basket", notice: "foodaid_basket_saved")
        } catch let error as any DomainError where error.code != "forbidden" {
            // A line's refusal names it as lines[i].quantity: shown beside that product.
            var acknowledging: Set<String> = []
            if let field = WebRequest.field(of: error), let index = Self.lineIndex(field), lines.indices.contains(index) {
                let key = lines[index].productId.uuidString.lowercased()
                errors[key] = request.say(error)
                if error.code == "quota_exceeded" { acknowledging.insert(key) }
                return try await render(
                    request, window: window, typed: typed, errors: errors, acknowledging: acknowledging, error: nil,
                    status: .unprocessableContent)
            }
            return try await render(
                request, window: window, typed: typed, errors: [:], acknowledging: [], error: request.say(error),
                status: .unprocessableContent)
        }
    }

    /// `3` for `lines[3].quantity`.
    static func lineIndex(_ field: String) -> Int? {
        guard field.hasPrefix("lines["), let close = field.firstIndex(of: "]") else { return nil }
        return Int(field[field.index(field.startIndex, offsetBy: 6)..<close])
    }

    func render(
        _ request: WebRequest, window id: UUID, typed: [String: String]?, errors: [String: String], acknowledging: Set<String>,
        error: String?, status: HTTPResponse.Status = .ok
    ) async throws -> WebAnswer {
        let caller = try request.caller
        guard let partner = FoodAidWeb.partner(of: caller) else { throw KernelError.forbidden("only a partner association orders") }
        let t = request.texts
        let offers = try await ordering.windowCatalogue(id, partner: partner, by: caller)
        let window = try await ordering.windows(page: PageRequest(limit: 1000), by: caller).items.first { $0.id == id }
        guard let window else { throw KernelError.notFound(entity: "ordering window", id: id.uuidString) }
        let order = try await ordering.orders(window: id, status: nil, organisation: partner, page: PageRequest(limit: 10), by: caller)
            .items.first { $0.status != .cancelled }
        var quantities: [String: String] = [:]
        for line in order?.lines ?? [] { quantities[line.productId.uuidString.lowercased()] = String(line.requested) }
        if let typed { quantities = Dictionary(typed.map { ($0.key.lowercased(), $0.value) }, uniquingKeysWith: { _, last in last }) }
        let category = request.query("category").flatMap(ProductCategory.init(rawValue:))
        let search = (request.query("q") ?? "").trimmingCharacters(in: .whitespaces)
        let shown = offers.filter { offer in
            (category == nil || offer.product.category == category)
                && (search.isEmpty || offer.product.name.localizedCaseInsensitiveContains(search)
                    || offer.product.code.localizedCaseInsensitiveContains(search))
        }.sorted { ($0.product.category.rawValue, $0.product.name) < ($1.product.category.rawValue, $1.product.name) }
        let shownIDs = Set(shown.map { $0.product.id.uuidString.lowercased() })
        var units = 0
        var kg = 0.0
        for offer in offers {
            let quantity = Int(quantities[offer.product.id.uuidString.lowercased()] ?? "") ?? 0
            units += max(0, quantity)
            kg += Double(max(0, quantity)) * offer.product.unitWeightKg
        }
        let draft = order?.status == .draft
        let model = Model(
            window: window.name, cutoff: t.instant(window.cutoffAt),
            timeLeft: PartnerPages.timeLeft(window.cutoffAt.timeIntervalSince(ordering.clock.now()), t),
            action: "/foodaid/windows/\(id.uuidString.lowercased())/basket",
            lines: shown.map { offer in
                let key = offer.product.id.uuidString.lowercased()
                return Model.Line(
                    productId: key, name: offer.product.name, category: t("foodaid_category_" + offer.product.category.rawValue),
                    unit: offer.product.unit, unitWeight: t.kg(offer.product.unitWeightKg), available: t.count(offer.availableUnits),
                    quota: offer.quota.map(t.count), quantity: quantities[key] ?? "", lineError: errors[key],
                    askAcknowledge: acknowledging.contains(key), weightKg: String(offer.product.unitWeightKg))
            },
            kept: quantities.filter { !shownIDs.contains($0.key) && !$0.value.isEmpty && $0.value != "0" }.sorted { $0.key < $1.key }
                .map { Model.Kept(productId: $0.key, quantity: $0.value) },
            categories: ProductCategory.allCases.map {
                Model.Category(value: $0.rawValue, label: t("foodaid_category_" + $0.rawValue), selected: $0 == category)
            },
            search: search, orderPath: order.map { "/foodaid/orders/\($0.id.uuidString.lowercased())" },
            submitPath: nil, canSubmit: draft || order == nil, canOrder: FoodAidPermissions.placeOrders.isHeld(by: caller, in: partner),
            totalUnits: t.count(units), totalKg: t.kg(kg), error: error,
            idempotency: request.idempotencyKey(), empty: shown.isEmpty)
        return .page("foodaid-basket", title: t("foodaid_basket_title", ["window": window.name]), model: model, status: status)
    }
}
