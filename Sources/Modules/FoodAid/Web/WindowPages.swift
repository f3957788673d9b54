import CollectoKernel
import Foundation
import Hummingbird

/// Opening an ordering window, for the food bank's staff: its name, the
/// warehouse that prepares it, when partners may order until the cut-off, the
/// delivery day, delivered or collected, and the warehouse's capacity for it.
/// Every partner may order in it.
struct WindowPages {
    let ordering: OrderingUseCases
    let sites: SiteUseCases

    var pages: WebPages {
        let pages = WebPages()
        pages.get("/foodaid/windows/new") { request in try await form(request) }
        pages.post("/foodaid/windows/new") { request in try await open(request) }
        return pages
    }

    struct Form: Decodable {
        var name: String?
        var warehouseSiteId: String?
        var opensAt: String?
        var cutoffAt: String?
        var deliveryDay: String?
        var fulfilment: String?
        var maxKg: String?
        var maxOrders: String?
    }

    typealias Choice = WebChoice

    struct Model: Sendable {
        let typed: [String: String]
        let warehouses: [Choice]
        let collection: Bool
        let fieldError: [String: String]
        let idempotency: String
    }

    func form(_ request: WebRequest, typed: Form? = nil, errors: [String: String] = [:], status: HTTPResponse.Status = .ok)
        async throws -> WebAnswer
    {
        let caller = try request.caller
        guard caller.managesEverything else { throw KernelError.forbidden("ordering windows are run by the food bank") }
        let zone = ordering.timeZone
        let now = ordering.clock.now()
        let today = CalendarDate(now, in: zone)
        let bank = caller.operatorOrganisations.sorted { $0.uuidString < $1.uuidString }.first
        let warehouses = try await sites.list(organisation: bank, page: PageRequest(limit: 50), by: caller).items
        let fields: [String: String] = [
            "name": typed?.name ?? "",
            "opensAt": typed?.opensAt ?? WebRequest.localField(now, in: zone),
            "cutoffAt": typed?.cutoffAt
                ?? WebRequest.localField(today.adding(days: 3).instant(at: LocalTime(hour: 12, minute: 0)!, in: zone), in: zone),
            "deliveryDay": typed?.deliveryDay ?? today.adding(days: 7).description,
            "maxKg": typed?.maxKg ?? "", "maxOrders": typed?.maxOrders ?? "",
        ]
        let model = Model(
            typed: fields,
            warehouses: warehouses.map {
                Choice(
                    value: $0.id.uuidString.lowercased(), label: $0.name, selected: $0.id.uuidString.lowercased() == typed?.warehouseSiteId)
            },
            collection: typed?.fulfilment == Fulfilment.collection.rawValue, fieldError: errors, idempotency: request.idempotencyKey())
        return .page("foodaid-window-new", title: request.texts("foodaid_window_new_title"), model: model, status: status)
    }

    func open(_ request: WebRequest) async throws -> WebAnswer {
        let caller = try request.caller
        let t = request.texts
        let form = try request.form(Form.self)
        let zone = ordering.timeZone
        var errors: [String: String] = [:]
        let opens = WebRequest.instant(fromLocal: form.opensAt, in: zone)
        let cutoff = WebRequest.instant(fromLocal: form.cutoffAt, in: zone)
        let delivery = form.deliveryDay.flatMap(CalendarDate.init)
        if opens == nil { errors["opensAt"] = t("foodaid_window_bad_instant") }
        if cutoff == nil { errors["cutoffAt"] = t("foodaid_window_bad_instant") }
        if delivery == nil { errors["deliveryDay"] = t("foodaid_parcels_bad_day") }
        func optional<T>(_ name: String, _ text: String?, _ parse: (String) -> T?) -> T? {
            let text = (text ?? "").trimmingCharacters(in: .whitespaces).replacingOccurrences(of: ",", with: ".")
            guard !text.isEmpty else { return nil }
            guard let value = parse(text) else {
                errors[name] = t("foodaid_window_bad_number")
                return nil
            }
            return value
        }
        let maxKg = optional("maxKg", form.maxKg, Double.init)
        let maxOrders = optional("maxOrders", form.maxOrders, Int.init)
        let warehouse = form.warehouseSiteId.flatMap(UUID.init(uuidString:))
        if warehouse == nil { errors["warehouseSiteId"] = t("error_invalid_field_warehouseSiteId") }
        guard errors.isEmpty, let opens, let cutoff, let delivery, let warehouse
        else { return try await self.form(request, typed: form, errors: errors, status: .unprocessableContent) }
        do {
            _ = try await ordering.openWindow(
                WindowService.Input(
                    name: (form.name ?? "").trimmingCharacters(in: .whitespaces), warehouseSiteId: warehouse, opensAt: opens,
                    cutoffAt: cutoff, deliveryDay: delivery,
                    fulfilment: form.fulfilment.flatMap(Fulfilment.init(rawValue:)) ?? .delivery, maxKg: maxKg, maxOrders: maxOrders,
                    partnerIds: nil),
                by: caller)
            return .redirect("/foodaid/windows", notice: "foodaid_window_opened")
        } catch let error as any DomainError where error.code != "forbidden" {
            let field = WebRequest.field(of: error) ?? "name"
            let known = ["name", "warehouseSiteId", "opensAt", "cutoffAt", "deliveryDay", "maxKg", "maxOrders"]
            return try await self.form(
                request, typed: form, errors: [known.contains(field) ? field : "name": request.say(error)], status: .unprocessableContent)
        }
    }
}
