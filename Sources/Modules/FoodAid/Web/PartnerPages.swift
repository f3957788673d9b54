import CollectoKernel
import Foundation
import Hummingbird

/// A partner association's pages: its home (the open windows, its orders), the
/// basket of a window (its draft order, saved on the server at each change), its
/// orders with every quantity, and the receipt of a delivery.
struct PartnerPages {
    let ordering: OrderingUseCases
    let catalogue: CatalogueUseCases
    let stock: StockUseCases
    let profiles: PartnerProfileUseCases

    var pages: WebPages {
        let pages = WebPages()
        pages.get("/foodaid/partner") { request in try await home(request) }
        pages.get("/foodaid/windows/:id/basket") { request in
            try await BasketPage(ordering: ordering).show(request, window: try request.uuid("id"))
        }
        pages.post("/foodaid/windows/:id/basket") { request in
            try await BasketPage(ordering: ordering).save(request, window: try request.uuid("id"))
        }
        pages.post("/foodaid/orders/:id/submit") { request in
            let order = try await ordering.submit(try request.uuid("id"), by: try request.caller)
            return .redirect("/foodaid/orders/\(order.id.uuidString.lowercased())", notice: "foodaid_order_submitted")
        }
        pages.get("/foodaid/orders") { request in try await OrderPages(ordering: ordering, catalogue: catalogue).list(request) }
        pages.get("/foodaid/orders/:id") { request in
            try await OrderPages(ordering: ordering, catalogue: catalogue).detail(request, order: try request.uuid("id"))
        }
        pages.get("/foodaid/orders/:id/delivery-note") { request in
            .printable(try await ordering.deliveryNote(try request.uuid("id"), by: try request.caller))
        }
        pages.post("/foodaid/orders/:id/receive") { request in
            try await OrderPages(ordering: ordering, catalogue: catalogue).receive(request, order: try request.uuid("id"))
        }
        return pages
    }

    struct HomeModel: Sendable {
        struct Window: Sendable {
            let name: String
            let cutoff: String
            let timeLeft: String
            let delivery: String
            let basketPath: String
            let orderStatus: String?
        }
        struct Order: Sendable {
            let path: String
            let window: String
            let status: String
            let submitted: String
        }
        let windows: [Window]
        let orders: [Order]
        let noWindow: Bool
        let noOrder: Bool
        /// How many recall notices wait to be acted on, when some do.
        let openNotices: String?
        /// The households count waiting for the food bank, when one does.
        let pendingHouseholds: String?
        /// The food bank's decision on the last count asked for, within the last 30 days.
        let householdsApproved: String?
        let householdsRejected: String?
    }

    func home(_ request: WebRequest) async throws -> WebAnswer {
        let caller = try request.caller
        guard let partner = FoodAidWeb.partner(of: caller) else {
            throw KernelError.forbidden("these pages are for a partner association's people")
        }
        let t = request.texts
        let now = ordering.clock.now()
        let windows = try await ordering.windows(page: PageRequest(limit: 200), by: caller).items
        let orders = try await ordering.orders(
            window: nil, status: nil, organisation: partner, page: PageRequest(limit: 50), by: caller
        ).items
        let names = Dictionary(windows.map { ($0.id, $0.name) }, uniquingKeysWith: { first, _ in first })
        let notices = try await stock.notices(organisation: partner, unacknowledged: true, page: PageRequest(limit: 1), by: caller).total
        let profile = try? await profiles.profile(of: partner, by: caller)
        let pending = profile?.pendingHouseholds
        let decidedLately = pending == nil && (profile?.decidedAt.map { now.timeIntervalSince($0) < 30 * 86_400 } ?? false)
        let decided = profile?.decidedAt.map(t.instant) ?? ""
        let open = windows.filter { $0.status == .open && $0.admits(partner) && $0.opensAt <= now && now < $0.cutoffAt }
            .sorted { $0.cutoffAt < $1.cutoffAt }
        let model = HomeModel(
            windows: open.map { window in
                let order = orders.first { $0.windowId == window.id && $0.status != .cancelled }
                return HomeModel.Window(
                    name: window.name, cutoff: t.instant(window.cutoffAt),
                    timeLeft: Self.timeLeft(window.cutoffAt.timeIntervalSince(now), t),
                    delivery: t.day(window.deliveryDay), basketPath: "/foodaid/windows/\(window.id.uuidString.lowercased())/basket",
                    orderStatus: order.map { t("foodaid_status_" + $0.status.rawValue) })
            },
            orders: orders.filter { ![.closed, .cancelled].contains($0.status) }.map { order in
                HomeModel.Order(
                    path: "/foodaid/orders/\(order.id.uuidString.lowercased())", window: names[order.windowId] ?? "",
                    status: t("foodaid_status_" + order.status.rawValue), submitted: order.submittedAt.map(t.instant) ?? "")
            },
            noWindow: open.isEmpty, noOrder: orders.allSatisfy { [.closed, .cancelled].contains($0.status) },
            openNotices: notices > 0 ? t("foodaid_partner_open_notices", ["count": t.count(notices)]) : nil,
            pendingHouseholds: pending.map { t("foodaid_partner_pending_households", ["count": t.count($0)]) },
            householdsApproved: decidedLately && profile?.rejectedHouseholds == nil
                ? profile?.households.map { t("foodaid_partner_households_approved", ["count": t.count($0), "when": decided]) } : nil,
            householdsRejected: decidedLately
                ? profile?.rejectedHouseholds.map { rejected in
                    t("foodaid_partner_households_rejected", ["count": t.count(rejected), "when": decided])
                        + (profile?.rejectionReason.map { " : " + $0 } ?? "")
                } : nil)
        return .page("foodaid-partner-home", title: t("foodaid_partner_home_title"), model: model)
    }

    /// "2 j 5 h" or "3 h 20 min": how long until the cut-off.
    static func timeLeft(_ seconds: TimeInterval, _ t: Texts) -> String {
        let minutes = max(0, Int(seconds / 60))
        let days = minutes / (24 * 60)
        let hours = (minutes / 60) % 24
        if days > 0 { return t("foodaid_time_left_days", ["days": String(days), "hours": String(hours)]) }
        return t("foodaid_time_left_hours", ["hours": String(hours), "minutes": String(minutes % 60)])
    }
}
