import CollectoKernel
import Foundation
import Hummingbird

/// The morning's pickups weighed in and waiting to be sorted, and the sorting
/// form of one: stock lines with their dates, produce for the workshop, what is
/// unfit, to the gram of what was weighed in (the remainder shows as one types).
struct SortingPages {
    let donations: DonationUseCases
    let catalogue: CatalogueUseCases

    static let stockLines = 5
    static let otherLines = 2

    var pages: WebPages {
        let pages = WebPages()
        pages.get("/foodaid/pickups") { request in try await list(request) }
        pages.get("/foodaid/pickups/:id/sort") { request in try await form(request, pickup: try request.uuid("id")) }
        pages.post("/foodaid/pickups/:id/sort") { request in try await sort(request, pickup: try request.uuid("id")) }
        return pages
    }

    struct ListModel: Sendable {
        struct Row: Sendable {
            let donor: String
            let day: String
            let kg: String
            let status: String
            let sortPath: String?
        }
        let rows: [Row]
        let empty: Bool
    }

    func list(_ request: WebRequest) async throws -> WebAnswer {
        let caller = try request.caller
        guard caller.managesEverything else { throw KernelError.forbidden("pickups are sorted by the food bank's staff") }
        let t = request.texts
        let pickups = try await donations.pickups(day: nil, donor: nil, page: PageRequest(limit: 300), by: caller).items
            .filter { [.planned, .received].contains($0.status) }.sorted { ($0.status.rawValue, $0.day) > ($1.status.rawValue, $1.day) }
        let names = try await donorNames(Set(pickups.map(\.donorId)), by: caller)
        let rows = pickups.map { pickup in
            ListModel.Row(
                donor: names[pickup.donorId] ?? "", day: t.day(pickup.day), kg: pickup.receivedKg.map(t.kg) ?? "—",
                status: t("foodaid_pickup_status_" + pickup.status.rawValue),
                sortPath: pickup.status == .received ? "/foodaid/pickups/\(pickup.id.uuidString.lowercased())/sort" : nil)
        }
        return .page("foodaid-pickups", title: t("foodaid_pickups_title"), model: ListModel(rows: rows, empty: rows.isEmpty))
    }

    func donorNames(_ ids: Set<UUID>, by caller: Caller) async throws -> [UUID: String] {
        try await OrganisationUseCases(units: donations.units).names(of: ids, by: caller)
    }

    struct StockLineForm: Decodable {
        var productId: String?
        var quantity: String?
        var useBy: String?
        var bestBefore: String?
    }

    struct OtherLineForm: Decodable {
        var category: String?
        var kg: String?
        var days: String?
        var reason: String?
    }

    struct Form: Decodable {
        var receivedKg: String?
        var stock: [String: StockLineForm]?
        var processing: [String: OtherLineForm]?
        var unfit: [String: OtherLineForm]?
        var weightDifferenceReason: String?
    }

    struct FormModel: Sendable {
        struct Option: Sendable {
            let value: String
            let label: String
            let kg: String
            let selected: Bool
        }
        struct StockLine: Sendable {
            let key: String
            let number: String
            let products: [Option]
            let quantity: String
            let useBy: String
            let bestBefore: String
            let lineError: String?
        }
        struct OtherLine: Sendable {
            let key: String
            let number: String
            let categories: [Option]
            let kg: String
            let days: String
            let reason: String
            let lineError: String?
        }
        let donor: String
        let action: String
        let receivedKg: String
        let driverKg: String?
        let stock: [StockLine]
        let processing: [OtherLine]
        let unfit: [OtherLine]
        let weightDifferenceReason: String
        let error: String?
        let fieldError: [String: String]
        let idempotency: String
    }

    func form(
        _ request: WebRequest, pickup id: UUID, typed: Form? = nil, errors: [String: String] = [:], error: String? = nil,
        status: HTTPResponse.Status = .ok
    ) async throws -> WebAnswer {
        let caller = try request.caller
        let t = request.texts
        let pickup = try await donations.pickup(id, by: caller)
        let products = try await catalogue.products(activeOnly: true, category: nil, page: PageRequest(limit: 1000), by: caller).items
            .sorted { $0.name < $1.name }
        let names = try await donorNames([pickup.donorId], by: caller)
        func categories(_ selected: String?) -> [FormModel.Option] {
            ProductCategory.allCases.map {
                FormModel.Option(value: $0.rawValue, label: t("foodaid_category_" + $0.rawValue), kg: "", selected: selected == $0.rawValue)
            }
        }
        let model = FormModel(
            donor: names[pickup.donorId] ?? "", action: "/foodaid/pickups/\(id.uuidString.lowercased())/sort",
            receivedKg: typed?.receivedKg ?? pickup.receivedKg.map { String($0) } ?? "", driverKg: pickup.driverKg.map(t.kg),
            stock: (1...Self.stockLines).map { number in
                let line = typed?.stock?["s\(number)"]
                return FormModel.StockLine(
                    key: "s\(number)", number: String(number),
                    products: [FormModel.Option(value: "", label: t("foodaid_sorting_choose_product"), kg: "0", selected: false)]
                        + products.map {
                            FormModel.Option(
                                value: $0.id.uuidString.lowercased(), label: $0.name, kg: String($0.unitWeightKg),
                                selected: line?.productId == $0.id.uuidString.lowercased())
                        },
                    quantity: line?.quantity ?? "", useBy: line?.useBy ?? "", bestBefore: line?.bestBefore ?? "",
                    lineError: errors["s\(number)"])
            },
            processing: (1...Self.otherLines).map { number in
                let line = typed?.processing?["p\(number)"]
                return FormModel.OtherLine(
                    key: "p\(number)", number: String(number), categories: categories(line?.category), kg: line?.kg ?? "",
                    days: line?.days ?? "", reason: "", lineError: errors["p\(number)"])
            },
            unfit: (1...Self.otherLines).map { number in
                let line = typed?.unfit?["u\(number)"]
                return FormModel.OtherLine(
                    key: "u\(number)", number: String(number), categories: [], kg: line?.kg ?? "", days: "", reason: line?.reason ?? "",
                    lineError: errors["u\(number)"])
            },
            weightDifferenceReason: typed?.weightDifferenceReason ?? "", error: error, fieldError: errors,
            idempotency: request.idempotencyKey())
        return .page(
            "foodaid-sorting", title: t("foodaid_sorting_title", ["donor": names[pickup.donorId] ?? ""]), model: model, status: status)
    }

    /// A weight typed the French way or the English way.
    static func kilograms(_ text: String?) -> Double? {
        guard let text = text?.trimmingCharacters(in: .whitespaces), !text.isEmpty else { return nil }
        return Double(text.replacingOccurrences(of: ",", with: ".")).map { ($0 * 1000).rounded() / 1000 }
    }

    func sort(_ request: WebRequest, pickup id: UUID) async throws -> WebAnswer {
        let caller = try request.caller
        let t = request.texts
        let form = try request.form(Form.self)
        var errors: [String: String] = [:]
        let received = Self.kilograms(form.receivedKg)
        if received == nil || received! <= 0 { errors["receivedKg"] = t("foodaid_sorting_bad_kg") }
        var stock: [SortingService.Sorting.StockLine] = []
        var stockKeys: [String] = []
        for number in 1...Self.stockLines {
            guard let line = form.stock?["s\(number)"], let product = line.productId, !product.isEmpty else { continue }
            let useBy = (line.useBy ?? "").isEmpty ? nil : CalendarDate(line.useBy ?? "")
            let bestBefore = (line.bestBefore ?? "").isEmpty ? nil : CalendarDate(line.bestBefore ?? "")
            guard let productId = UUID(uuidString: product), let quantity = Int(line.quantity ?? ""), quantity > 0,
                (line.useBy ?? "").isEmpty || useBy != nil, (line.bestBefore ?? "").isEmpty || bestBefore != nil
            else {
                errors["s\(number)"] = t("foodaid_sorting_bad_stock_line")
                continue
            }
            stock.append(.init(productId: productId, quantity: quantity, kg: nil, useBy: useBy, bestBefore: bestBefore))
            stockKeys.append("s\(number)")
        }
        var processing: [SortingService.Sorting.ProcessingLine] = []
        for number in 1...Self.otherLines {
            guard let line = form.processing?["p\(number)"], !(line.kg ?? "").isEmpty else { continue }
            guard let kg = Self.kilograms(line.kg), kg > 0, let category = line.category.flatMap(ProductCategory.init(rawValue:)),
                let days = Int(line.days ?? ""), (0...60).contains(days)
            else {
                errors["p\(number)"] = t("foodaid_sorting_bad_processing_line")
                continue
            }
            processing.append(.init(category: category, productName: nil, kg: kg, remainingShelfLifeDays: days))
        }
        var unfit: [SortingService.Sorting.UnfitLine] = []
        for number in 1...Self.otherLines {
            guard let line = form.unfit?["u\(number)"], !(line.kg ?? "").isEmpty else { continue }
            let reason = (line.reason ?? "").trimmingCharacters(in: .whitespaces)
            guard let kg = Self.kilograms(line.kg), kg > 0, !reason.isEmpty else {
                errors["u\(number)"] = t("foodaid_sorting_bad_unfit_line")
                continue
            }
            unfit.append(.init(kg: kg, reason: reason))
        }
        guard errors.isEmpty, let received else {
            return try await self.form(request, pickup: id, typed: form, errors: errors, status: .unprocessableContent)
        }
        let reason = (form.weightDifferenceReason ?? "").trimmingCharacters(in: .whitespaces)
        do {
            _ = try await donations.sort(
                id,
                SortingService.Sorting(
                    receivedKg: received, stock: stock.isEmpty ? nil : stock, processing: processing.isEmpty ? nil : processing,
                    unfit: unfit.isEmpty ? nil : unfit, weightDifferenceReason: reason.isEmpty ? nil : reason),
                by: caller)
            return .redirect("/foodaid/pickups", notice: "foodaid_pickup_sorted")
        } catch let error as any DomainError where error.code != "forbidden" && error.code != "not_found" {
            var errors: [String: String] = [:]
            if let field = WebRequest.field(of: error) {
                if field.hasPrefix("stock["), let index = BasketPage.lineIndex(field.replacingOccurrences(of: "stock[", with: "lines[")),
                    stockKeys.indices.contains(index)
                {
                    errors[stockKeys[index]] = request.say(error)
                } else if ["receivedKg", "weightDifferenceReason"].contains(field) {
                    errors[field] = request.say(error)
                }
            }
            return try await self.form(
                request, pickup: id, typed: form, errors: errors, error: errors.isEmpty ? request.say(error) : nil,
                status: .unprocessableContent)
        }
    }
}
