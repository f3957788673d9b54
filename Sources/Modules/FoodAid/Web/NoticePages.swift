import CollectoKernel
import Foundation
import Hummingbird

/// The recall and quarantine notices sent to a partner about units it received:
/// what to do with them, and saying it was done.
struct NoticePages {
    let stock: StockUseCases

    var pages: WebPages {
        let pages = WebPages()
        pages.get("/foodaid/notices") { request in try await list(request) }
        pages.post("/foodaid/notices/:id/acknowledge") { request in
            _ = try await stock.acknowledgeNotice(try request.uuid("id"), by: try request.caller)
            return .redirect("/foodaid/notices", notice: "foodaid_notice_acknowledged")
        }
        return pages
    }

    struct Model: Sendable {
        struct Notice: Sendable {
            let heading: String
            let reason: String
            let instructions: String
            let units: String
            let sent: String
            let acknowledged: String?
            let acknowledgePath: String?
            let idempotency: String
        }
        let notices: [Notice]
        let empty: Bool
    }

    func list(_ request: WebRequest) async throws -> WebAnswer {
        let caller = try request.caller
        guard let partner = FoodAidWeb.partner(of: caller) else { throw KernelError.forbidden("notices are sent to partners") }
        let t = request.texts
        let notices = try await stock.notices(organisation: partner, unacknowledged: false, page: PageRequest(limit: 100), by: caller)
        let canAcknowledge = FoodAidPermissions.acknowledgeNotices.isHeld(by: caller, in: partner)
        let model = Model(
            notices: notices.items.sorted { $0.createdAt > $1.createdAt }.map { notice in
                Model.Notice(
                    heading: t("foodaid_notice_" + notice.kind.rawValue, ["product": notice.productName]), reason: notice.reason,
                    instructions: notice.instructions, units: t.count(notice.units), sent: t.instant(notice.createdAt),
                    acknowledged: notice.acknowledgedAt.map(t.instant),
                    acknowledgePath: notice.acknowledgedAt == nil && canAcknowledge
                        ? "/foodaid/notices/\(notice.id.uuidString.lowercased())/acknowledge" : nil,
                    idempotency: request.idempotencyKey())
            },
            empty: notices.items.isEmpty)
        return .page("foodaid-notices", title: t("foodaid_notices_title"), model: model)
    }
}
