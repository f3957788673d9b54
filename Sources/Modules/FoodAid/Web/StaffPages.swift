import CollectoKernel
import Foundation
import Hummingbird

/// The food bank's staff pages: the morning's dashboard, the donors' offers to
/// accept or decline, and the ordering windows to allocate at their cut-off.
struct StaffPages {
    let ordering: OrderingUseCases
    let donations: DonationUseCases
    let stock: StockUseCases
    let sites: SiteUseCases

    var pages: WebPages {
        let pages = WebPages()
        pages.get("/foodaid/dashboard") { request in try await dashboard(request) }
        pages.get("/foodaid/offers") { request in try await OfferDecisionPages(donations: donations, sites: sites).list(request) }
        pages.post("/foodaid/offers/:id/accept") { request in
            try await OfferDecisionPages(donations: donations, sites: sites).accept(request, offer: try request.uuid("id"))
        }
        pages.post("/foodaid/offers/:id/decline") { request in
            try await OfferDecisionPages(donations: donations, sites: sites).decline(request, offer: try request.uuid("id"))
        }
        pages.get("/foodaid/windows") { request in try await windows(request) }
        pages.post("/foodaid/windows/:id/allocate") { request in
            let id = try request.uuid("id")
            _ = try await ordering.allocate(window: id, by: try request.caller)
            return .redirect("/foodaid/orders?windowId=\(id.uuidString.lowercased())", notice: "foodaid_window_allocated")
        }
        return pages
    }

    struct DashboardModel: Sendable {
        struct Tile: Sendable {
            let label: String
            let figure: String
            let path: String?
        }
        struct Expiring: Sendable {
            let product: String
            let expiry: String
            let free: String
        }
        let tiles: [Tile]
        let expiring: [Expiring]
        let noExpiring: Bool
    }

    func dashboard(_ request: WebRequest) async throws -> WebAnswer {
        let caller = try request.caller
        guard caller.seesEverything else { throw KernelError.forbidden("the dashboard is the food bank's staff's") }
        let t = request.texts
        let now = ordering.clock.now()
        let today = CalendarDate(now, in: ordering.timeZone)
        let all = PageRequest(limit: 1000)
        let offers = try await donations.offers(status: .offered, page: all, by: caller).total
        let windows = try await ordering.windows(page: all, by: caller).items
        let toAllocate = windows.filter { [.open, .full].contains($0.status) && $0.cutoffAt <= now }.count
        func count(_ status: OrderStatus) async throws -> Int {
            try await ordering.orders(window: nil, status: status, organisation: nil, page: PageRequest(limit: 1), by: caller).total
        }
        let pickups = try await donations.pickups(day: today, donor: nil, page: all, by: caller).items
        let toSort = try await donations.pickups(day: nil, donor: nil, page: all, by: caller).items.filter { $0.status == .received }.count
        let quarantined = try await stock.lots(product: nil, status: .quarantined, originReference: nil, page: all, by: caller).total
        let available = try await stock.lots(product: nil, status: .available, originReference: nil, page: all, by: caller).items
        let limit = today.adding(days: 7)
        let soon = available.filter { lot in lot.free > 0 && (lot.expiry.map { $0 >= today && $0 <= limit } ?? false) }
            .sorted { ($0.expiry ?? today) < ($1.expiry ?? today) }
        let products = try await CatalogueUseCases(units: ordering.units).products(
            activeOnly: false, category: nil, page: all, by: caller
        ).items
        let names = Dictionary(products.map { ($0.id, $0.name) }, uniquingKeysWith: { first, _ in first })
        let tiles = [
            DashboardModel.Tile(label: t("foodaid_dashboard_offers"), figure: t.count(offers), path: "/foodaid/offers"),
            DashboardModel.Tile(label: t("foodaid_dashboard_to_allocate"), figure: t.count(toAllocate), path: "/foodaid/windows"),
            DashboardModel.Tile(
                label: t("foodaid_dashboard_to_validate"), figure: t.count(try await count(.allocated)),
                path: "/foodaid/orders?status=allocated"),
            DashboardModel.Tile(
                label: t("foodaid_dashboard_to_prepare"), figure: t.count(try await count(.validated)),
                path: "/foodaid/orders?status=validated"),
            DashboardModel.Tile(
                label: t("foodaid_dashboard_to_ship"), figure: t.count(try await count(.prepared)), path: "/foodaid/orders?status=prepared"),
            DashboardModel.Tile(label: t("foodaid_dashboard_pickups_today"), figure: t.count(pickups.count), path: nil),
            DashboardModel.Tile(label: t("foodaid_dashboard_to_sort"), figure: t.count(toSort), path: nil),
            DashboardModel.Tile(label: t("foodaid_dashboard_quarantined"), figure: t.count(quarantined), path: nil),
        ]
        let model = DashboardModel(
            tiles: tiles,
            expiring: soon.prefix(30).map {
                DashboardModel.Expiring(
                    product: names[$0.productId] ?? "", expiry: $0.expiry.map(t.day) ?? "", free: t.count($0.free))
            },
            noExpiring: soon.isEmpty)
        return .page("foodaid-dashboard", title: t("foodaid_dashboard_title"), model: model)
    }

    struct WindowsModel: Sendable {
        struct Row: Sendable {
            let name: String
            let status: String
            let cutoff: String
            let delivery: String
            let allocatePath: String?
            let ordersPath: String
        }
        let rows: [Row]
        let idempotency: String
    }

    func windows(_ request: WebRequest) async throws -> WebAnswer {
        let caller = try request.caller
        guard caller.managesEverything else { throw KernelError.forbidden("ordering windows are run by the food bank") }
        let t = request.texts
        let now = ordering.clock.now()
        let windows = try await ordering.windows(page: PageRequest(limit: 100), by: caller).items
        let rows = windows.sorted { $0.cutoffAt > $1.cutoffAt }.map { window in
            let id = window.id.uuidString.lowercased()
            return WindowsModel.Row(
                name: window.name, status: t("foodaid_window_status_" + window.status.rawValue), cutoff: t.instant(window.cutoffAt),
                delivery: t.day(window.deliveryDay),
                allocatePath: [.open, .full].contains(window.status) && window.cutoffAt <= now ? "/foodaid/windows/\(id)/allocate" : nil,
                ordersPath: "/foodaid/orders?windowId=\(id)")
        }
        return .page(
            "foodaid-windows", title: t("foodaid_windows_title"), model: WindowsModel(rows: rows, idempotency: request.idempotencyKey()))
    }
}
