import CollectoKernel
import Foundation
import Hummingbird

/// Stock in first-expiring-first order, and one lot: its movements, and the
/// quarantine or recall that blocks it everywhere, answered with every partner
/// that received units of it.
struct StockPages {
    let stock: StockUseCases
    let catalogue: CatalogueUseCases
    let ordering: OrderingUseCases

    var pages: WebPages {
        let pages = WebPages()
        pages.get("/foodaid/stock") { request in try await list(request) }
        pages.get("/foodaid/lots/:id") { request in try await lot(request, id: try request.uuid("id")) }
        pages.post("/foodaid/lots/:id/block") { request in try await block(request, id: try request.uuid("id")) }
        pages.post("/foodaid/lots/:id/correct") { request in try await correct(request, id: try request.uuid("id")) }
        return pages
    }

    func names(by caller: Caller) async throws -> [UUID: Product] {
        let products = try await catalogue.products(activeOnly: false, category: nil, page: PageRequest(limit: 1000), by: caller).items
        return Dictionary(products.map { ($0.id, $0) }, uniquingKeysWith: { first, _ in first })
    }

    struct ListModel: Sendable {
        struct Row: Sendable {
            let path: String
            let product: String
            let expiry: String
            let onHand: String
            let reserved: String
            let free: String
            let status: String
        }
        let rows: [Row]
        let statuses: [Choice]
        let empty: Bool
    }

    typealias Choice = WebChoice

    func list(_ request: WebRequest) async throws -> WebAnswer {
        let caller = try request.caller
        let t = request.texts
        let status = request.query("status").flatMap(LotStatus.init(rawValue:)) ?? .available
        let lots = try await stock.lots(product: nil, status: status, originReference: nil, page: PageRequest(limit: 300), by: caller)
        let products = try await names(by: caller)
        let rows = lots.items.map { lot in
            ListModel.Row(
                path: "/foodaid/lots/\(lot.id.uuidString.lowercased())", product: products[lot.productId]?.name ?? "",
                expiry: lot.expiry.map(t.day) ?? "—", onHand: t.count(lot.onHand), reserved: t.count(lot.reserved), free: t.count(lot.free),
                status: t("foodaid_lot_status_" + lot.status.rawValue))
        }
        let statuses = [LotStatus.available, .quarantined, .recalled].map {
            Choice(value: $0.rawValue, label: t("foodaid_lot_status_" + $0.rawValue), selected: $0 == status)
        }
        return .page(
            "foodaid-stock", title: t("foodaid_stock_title"), model: ListModel(rows: rows, statuses: statuses, empty: rows.isEmpty))
    }

    struct LotModel: Sendable {
        struct Movement: Sendable {
            let at: String
            let kind: String
            let units: String
            let reason: String
        }
        struct Recipient: Sendable {
            let partner: String
            let orderPath: String
            let status: String
            let reserved: String
            let shipped: String
        }
        let product: String
        let status: String
        let expiry: String
        let onHand: String
        let reserved: String
        let origin: String
        let block: String?
        let movements: [Movement]
        let recipients: [Recipient]
        let noRecipient: Bool
        let canBlock: Bool
        let action: String
        let reason: String
        let reasonError: String?
        let idempotency: String
        let correction: CorrectionModel
    }

    /// The form that records a loss or an inventory count by hand, with what was typed and its errors.
    struct CorrectionModel: Sendable {
        var action = ""
        var canCorrect = false
        var isLoss = true
        var units = ""
        var reason = ""
        var unitsError: String?
        var reasonProblem: String?
        var idempotency = ""
    }

    struct CorrectionForm: Decodable {
        var kind: String?
        var units: String?
        var reason: String?
    }

    struct BlockForm: Decodable {
        var reason: String?
        var final: String?
    }

    /// Who received or was promised units of the lot: its reservations and shipments, order by order, with each
    /// order's partner and status.
    func recipients(of detail: StockUseCases.LotDetail, texts t: Texts, by caller: Caller) async throws -> [LotModel.Recipient] {
        var reserved: [UUID: Int] = [:]
        var shipped: [UUID: Int] = [:]
        for movement in detail.movements {
            guard let order = movement.orderId else { continue }
            if movement.kind == MovementKind.reservation.rawValue { reserved[order, default: 0] += movement.reservedChange }
            if movement.kind == MovementKind.shipment.rawValue { shipped[order, default: 0] += abs(movement.onHandChange) }
        }
        let organisations = OrganisationUseCases(units: stock.units)
        var recipients: [LotModel.Recipient] = []
        for id in Set(reserved.keys).union(shipped.keys).sorted(by: { $0.uuidString < $1.uuidString }) {
            let order = try await ordering.order(id, by: caller)
            let partner = (try? await organisations.organisation(order.organisationId, by: caller).name) ?? ""
            recipients.append(
                LotModel.Recipient(
                    partner: partner, orderPath: "/foodaid/orders/\(id.uuidString.lowercased())",
                    status: t("foodaid_status_" + order.status.rawValue), reserved: t.count(reserved[id] ?? 0),
                    shipped: t.count(shipped[id] ?? 0)))
        }
        return recipients.sorted { $0.partner < $1.partner }
    }

    func lot(
        _ request: WebRequest, id: UUID, reason: String = "", reasonError: String? = nil, correction: CorrectionModel = .init(),
        status: HTTPResponse.Status = .ok
    ) async throws -> WebAnswer {
        let caller = try request.caller
        let t = request.texts
        let detail = try await stock.lot(id, by: caller)
        let products = try await names(by: caller)
        let recipients = try await recipients(of: detail, texts: t, by: caller)
        let lot = detail.lot
        var correction = correction
        correction.action = "/foodaid/lots/\(id.uuidString.lowercased())/correct"
        correction.canCorrect = lot.status == .available || lot.status == .quarantined
        correction.idempotency = request.idempotencyKey()
        let model = LotModel(
            product: products[lot.productId]?.name ?? "", status: t("foodaid_lot_status_" + lot.status.rawValue),
            expiry: lot.expiry.map(t.day) ?? "—", onHand: t.count(lot.onHand), reserved: t.count(lot.reserved),
            origin: lot.originReference, block: lot.block.map { "\($0.reason) (\(t.instant($0.at)))" },
            movements: detail.movements.sorted { $0.at > $1.at }.map {
                LotModel.Movement(
                    at: t.instant($0.at), kind: t("foodaid_movement_" + $0.kind), units: t.count($0.units), reason: $0.reason ?? "")
            },
            recipients: recipients, noRecipient: recipients.isEmpty, canBlock: lot.status == .available,
            action: "/foodaid/lots/\(id.uuidString.lowercased())/block", reason: reason, reasonError: reasonError,
            idempotency: request.idempotencyKey(), correction: correction)
        return .page("foodaid-lot", title: t("foodaid_lot_title", ["product": model.product]), model: model, status: status)
    }

    func block(_ request: WebRequest, id: UUID) async throws -> WebAnswer {
        let caller = try request.caller
        let form = try request.form(BlockForm.self)
        let reason = (form.reason ?? "").trimmingCharacters(in: .whitespacesAndNewlines)
        guard !reason.isEmpty else {
            return try await lot(request, id: id, reasonError: request.texts("foodaid_lot_reason_needed"), status: .unprocessableContent)
        }
        do {
            _ = try await stock.recall(RecallService.Request(lotIds: [id], reason: reason, final: form.final != nil), by: caller)
            return .redirect(
                "/foodaid/lots/\(id.uuidString.lowercased())",
                notice: form.final != nil ? "foodaid_lot_recalled" : "foodaid_lot_quarantined")
        } catch let error as any DomainError where error.code != "forbidden" && error.code != "not_found" {
            return try await lot(request, id: id, reason: reason, reasonError: request.say(error), status: .unprocessableContent)
        }
    }

    /// A loss (units broken, spoiled, stolen: taken off the stock) or an inventory count (the units found on the
    /// shelf: the difference is written as an adjustment), each with its reason. What was typed is kept beside its
    /// error.
    func correct(_ request: WebRequest, id: UUID) async throws -> WebAnswer {
        let caller = try request.caller
        let t = request.texts
        let form = try request.form(CorrectionForm.self)
        var typed = CorrectionModel(
            isLoss: form.kind != "count", units: form.units ?? "",
            reason: (form.reason ?? "").trimmingCharacters(in: .whitespacesAndNewlines))
        guard let units = Int(typed.units.trimmingCharacters(in: .whitespaces)), (0...100_000).contains(units) else {
            typed.unitsError = t("foodaid_lot_units_needed")
            return try await lot(request, id: id, correction: typed, status: .unprocessableContent)
        }
        do {
            if typed.isLoss {
                _ = try await stock.correct(id, StockUseCases.Correction(kind: .loss, change: -units, reason: typed.reason), by: caller)
            } else {
                _ = try await stock.count(id, counted: units, reason: typed.reason, by: caller)
            }
            return .redirect(
                "/foodaid/lots/\(id.uuidString.lowercased())", notice: typed.isLoss ? "foodaid_lot_loss_recorded" : "foodaid_lot_counted")
        } catch let error as any DomainError where error.code != "forbidden" && error.code != "not_found" {
            if error.field == "reason" { typed.reasonProblem = request.say(error) } else { typed.unitsError = request.say(error) }
            return try await lot(request, id: id, correction: typed, status: .unprocessableContent)
        }
    }
}
