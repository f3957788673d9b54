import CollectoKernel
import Foundation
import Hummingbird

/// The food bank's steps on an allocated order, from the order's page: validate,
/// prepare (with the printable picking list, first-expiring lots first), ship,
/// and close once the partner confirmed receipt.
struct FulfilmentPages {
    let ordering: OrderingUseCases

    /// The step an order in `status` waits for, with its action path's last segment and its label key.
    static func nextStep(after status: OrderStatus) -> (action: String, label: String)? {
        switch status {
        case .allocated: ("validate", "foodaid_order_validate")
        case .validated: ("prepare", "foodaid_order_prepare")
        case .prepared: ("ship", "foodaid_order_ship")
        case .received: ("close", "foodaid_order_close")
        default: nil
        }
    }

    var pages: WebPages {
        let pages = WebPages()
        let steps: [(String, OrderStatus, OrderStatus)] = [
            ("validate", .allocated, .validated), ("prepare", .validated, .prepared), ("close", .received, .closed),
        ]
        for (action, from, to) in steps {
            pages.post("/foodaid/orders/:id/\(action)") { request in
                let id = try request.uuid("id")
                _ = try await ordering.advance(id, action: action, from: from, to: to, by: try request.caller)
                return .redirect("/foodaid/orders/\(id.uuidString.lowercased())", notice: "foodaid_order_\(action)d")
            }
        }
        pages.post("/foodaid/orders/:id/ship") { request in
            let id = try request.uuid("id")
            _ = try await ordering.ship(id, by: try request.caller)
            return .redirect("/foodaid/orders/\(id.uuidString.lowercased())", notice: "foodaid_order_shipped")
        }
        pages.get("/foodaid/orders/:id/picking-list") { request in try await pickingList(request, order: try request.uuid("id")) }
        return pages
    }

    struct PickingModel: Sendable {
        struct Pick: Sendable {
            let product: String
            let lot: String
            let lotPath: String
            let date: String
            let label: String?
            let units: String
            let kg: String
        }
        let partner: String
        let picks: [Pick]
        let totalUnits: String
        let totalKg: String
        let orderPath: String
        let empty: Bool
    }

    func pickingList(_ request: WebRequest, order id: UUID) async throws -> WebAnswer {
        let caller = try request.caller
        let t = request.texts
        let picks = try await ordering.pickingList(id, by: caller)
        let order = try await ordering.order(id, by: caller)
        let partner = try? await OrganisationUseCases(units: ordering.units).organisation(order.organisationId, by: caller).name
        let model = PickingModel(
            partner: partner ?? "",
            picks: picks.map { pick in
                PickingModel.Pick(
                    product: pick.productName, lot: String(pick.lotId.uuidString.lowercased().prefix(8)),
                    lotPath: "/foodaid/lots/\(pick.lotId.uuidString.lowercased())",
                    date: pick.useBy.map { t("foodaid_use_by", ["day": t.day($0)]) }
                        ?? pick.bestBefore.map { t("foodaid_best_before", ["day": t.day($0)]) } ?? "",
                    label: pick.pastBestBefore ? t("foodaid_past_best_before") : nil, units: t.count(pick.units), kg: t.kg(pick.kg))
            },
            totalUnits: t.count(picks.reduce(0) { $0 + $1.units }), totalKg: t.kg(picks.reduce(0) { $0 + $1.kg }),
            orderPath: "/foodaid/orders/\(id.uuidString.lowercased())", empty: picks.isEmpty)
        return .page("foodaid-picking-list", title: t("foodaid_picking_list_title", ["partner": partner ?? ""]), model: model)
    }
}
