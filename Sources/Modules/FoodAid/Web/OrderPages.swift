import CollectoKernel
import Foundation
import Hummingbird

/// A partner's orders (and any order, for the food bank's staff): the list, one
/// order line by line (asked, allocated, shipped, received, and why an
/// allocation fell short), and the receipt of a delivery with its discrepancies.
struct OrderPages {
    let ordering: OrderingUseCases
    let catalogue: CatalogueUseCases

    struct ListModel: Sendable {
        struct Row: Sendable {
            let path: String
            let window: String
            let partner: String
            let status: String
            let lines: String
            let submitted: String
        }
        let rows: [Row]
        let empty: Bool
        let showPartner: Bool
    }

    /// The caller's orders, newest first; the food bank's staff see every partner's, filtered by `?status=` and `?windowId=`.
    func list(_ request: WebRequest) async throws -> WebAnswer {
        let caller = try request.caller
        let t = request.texts
        let partner = FoodAidWeb.partner(of: caller)
        guard partner != nil || caller.seesEverything else {
            throw KernelError.forbidden("orders are listed to partner associations and the food bank's staff")
        }
        let status = request.query("status").flatMap(OrderStatus.init(rawValue:))
        let window = request.query("windowId").flatMap(UUID.init(uuidString:))
        let orders = try await ordering.orders(
            window: window, status: status, organisation: partner, page: PageRequest(limit: 200), by: caller)
        let windows = try await ordering.windows(page: PageRequest(limit: 1000), by: caller).items
        let names = Dictionary(windows.map { ($0.id, $0.name) }, uniquingKeysWith: { first, _ in first })
        var partners: [UUID: String] = [:]
        if partner == nil {
            partners = try await OrganisationUseCases(units: ordering.units).names(of: orders.items.map(\.organisationId), by: caller)
        }
        // A draft is the partner's own business until it is submitted.
        let rows = orders.items.filter { $0.status != .draft || partner != nil }.map { order in
            ListModel.Row(
                path: "/foodaid/orders/\(order.id.uuidString.lowercased())", window: names[order.windowId] ?? "",
                partner: partners[order.organisationId] ?? "", status: t("foodaid_status_" + order.status.rawValue),
                lines: t.count(order.lines.count), submitted: order.submittedAt.map(t.instant) ?? "—")
        }
        return .page(
            "foodaid-orders", title: t("foodaid_orders_title"),
            model: ListModel(rows: rows, empty: rows.isEmpty, showPartner: partner == nil))
    }

    struct DetailModel: Sendable {
        struct Line: Sendable {
            let productId: String
            let product: String
            let requested: String
            let allocated: String
            let note: String?
            let shipped: String
            let received: String
            let receivedValue: String
            let discrepancy: String
            let lineError: String?
        }
        let window: String
        let status: String
        let lines: [Line]
        let canReceive: Bool
        let canSubmit: Bool
        let receivePath: String
        let submitPath: String
        let basketPath: String
        let deliveryNotePath: String
        let error: String?
        let idempotency: String
        /// The food bank's next step on the order, for its staff.
        let stepPath: String?
        let stepLabel: String?
        let pickingListPath: String?
    }

    struct ReceiptForm: Decodable {
        var received: [String: String]?
        var discrepancy: [String: String]?
    }

    func detail(
        _ request: WebRequest, order id: UUID, typed: ReceiptForm? = nil, errors: [String: String] = [:], error: String? = nil,
        status: HTTPResponse.Status = .ok
    ) async throws -> WebAnswer {
        let caller = try request.caller
        let t = request.texts
        let order = try await ordering.order(id, by: caller)
        let window = try await ordering.windows(page: PageRequest(limit: 1000), by: caller).items.first { $0.id == order.windowId }
        let products = try await catalogue.products(activeOnly: false, category: nil, page: PageRequest(limit: 1000), by: caller).items
        let names = Dictionary(products.map { ($0.id, $0.name) }, uniquingKeysWith: { first, _ in first })
        let path = "/foodaid/orders/\(id.uuidString.lowercased())"
        let canReceive =
            [.shipped, .collected].contains(order.status) && FoodAidWeb.partner(of: caller) == order.organisationId
            && FoodAidPermissions.placeOrders.isHeld(by: caller, in: order.organisationId)
        let step = caller.managesEverything ? FulfilmentPages.nextStep(after: order.status) : nil
        let lines = order.lines.map { line in
            let key = line.productId.uuidString.lowercased()
            let dash = "—"
            return DetailModel.Line(
                productId: key, product: names[line.productId] ?? key, requested: t.count(line.requested),
                allocated: line.allocated.map(t.count) ?? dash, note: line.allocationNote, shipped: line.shipped.map(t.count) ?? dash,
                received: line.received.map(t.count) ?? dash,
                receivedValue: typed?.received?[key] ?? line.received.map(String.init) ?? line.shipped.map(String.init) ?? "",
                discrepancy: typed?.discrepancy?[key] ?? line.discrepancy ?? "", lineError: errors[key])
        }
        let model = DetailModel(
            window: window?.name ?? "", status: t("foodaid_status_" + order.status.rawValue), lines: lines, canReceive: canReceive,
            canSubmit: order.status == .draft && FoodAidPermissions.placeOrders.isHeld(by: caller, in: order.organisationId),
            receivePath: path + "/receive", submitPath: path + "/submit",
            basketPath: "/foodaid/windows/\(order.windowId.uuidString.lowercased())/basket",
            deliveryNotePath: "/foodaid/orders/\(id.uuidString.lowercased())/delivery-note", error: error,
            idempotency: request.idempotencyKey(), stepPath: step.map { path + "/" + $0.action }, stepLabel: step.map { t($0.label) },
            pickingListPath: caller.managesEverything && [.validated, .prepared].contains(order.status) ? path + "/picking-list" : nil)
        return .page("foodaid-order", title: t("foodaid_order_title", ["window": window?.name ?? ""]), model: model, status: status)
    }

    func receive(_ request: WebRequest, order id: UUID) async throws -> WebAnswer {
        let caller = try request.caller
        let form = try request.form(ReceiptForm.self)
        let order = try await ordering.order(id, by: caller)
        var lines: [FulfilmentService.Receipt.Line] = []
        var errors: [String: String] = [:]
        for line in order.lines {
            let key = line.productId.uuidString.lowercased()
            let text = (form.received?[key] ?? "").trimmingCharacters(in: .whitespaces)
            guard let received = Int(text), (0...1_000_000).contains(received) else {
                errors[key] = request.texts("foodaid_receive_bad_quantity")
                continue
            }
            let note = (form.discrepancy?[key] ?? "").trimmingCharacters(in: .whitespacesAndNewlines)
            lines.append(.init(productId: line.productId, received: received, receivedKg: nil, discrepancy: note.isEmpty ? nil : note))
        }
        if !errors.isEmpty { return try await detail(request, order: id, typed: form, errors: errors, status: .unprocessableContent) }
        do {
            _ = try await ordering.receive(id, FulfilmentService.Receipt(lines: lines), by: caller)
            return .redirect("/foodaid/orders/\(id.uuidString.lowercased())", notice: "foodaid_order_received")
        } catch let error as any DomainError {
            if let field = WebRequest.field(of: error), let index = BasketPage.lineIndex(field), lines.indices.contains(index) {
                let key = lines[index].productId.uuidString.lowercased()
                return try await detail(request, order: id, typed: form, errors: [key: request.say(error)], status: .unprocessableContent)
            }
            return try await detail(request, order: id, typed: form, error: request.say(error), status: .unprocessableContent)
        }
    }
}
