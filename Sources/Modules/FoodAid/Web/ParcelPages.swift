import CollectoKernel
import Foundation
import Hummingbird

/// Emergency parcels: a partner (a social service, an association) asks for
/// parcels for a household size and a day, never saying who they are for; the
/// food bank's staff prepare them (reserving the products first-expiring first)
/// and hand them over. Each side sees the requests it may read.
struct ParcelPages {
    let parcels: ParcelUseCases
    let clock: any WallClock
    let timeZone: TimeZone

    var pages: WebPages {
        let pages = WebPages()
        pages.get("/foodaid/parcels") { request in try await list(request) }
        pages.post("/foodaid/parcels") { request in try await ask(request) }
        for (action, notice) in [
            ("prepare", "foodaid_parcels_prepared"), ("hand-over", "foodaid_parcels_handed_over"), ("cancel", "foodaid_parcels_cancelled"),
        ] {
            pages.post("/foodaid/parcels/:id/\(action)") { request in
                let id = try request.uuid("id")
                let caller = try request.caller
                do {
                    switch action {
                    case "prepare": _ = try await parcels.prepare(id, by: caller)
                    case "hand-over": _ = try await parcels.handOver(id, by: caller)
                    default: _ = try await parcels.cancel(id, by: caller)
                    }
                } catch let error as any DomainError where error.code != "forbidden" && error.code != "not_found" {
                    return try await list(request, stepError: (id, request.say(error)), status: APIError(error).status)
                }
                return .redirect("/foodaid/parcels", notice: notice)
            }
        }
        return pages
    }

    struct AskForm: Decodable {
        var householdSize: String?
        var parcels: String?
        var neededBy: String?
    }

    struct Model: Sendable {
        struct Row: Sendable {
            let partner: String
            let household: String
            let parcels: String
            let neededBy: String
            let status: String
            let error: String?
            let prepare: String?
            let handOver: String?
            let cancel: String?
            let idempotency: String
        }
        struct Composition: Sendable {
            let name: String
            let sizes: String
        }
        let canAsk: Bool
        let staff: Bool
        let householdSize: String
        let parcels: String
        let neededBy: String
        let fieldError: [String: String]
        let rows: [Row]
        let empty: Bool
        let compositions: [Composition]
        let idempotency: String
    }

    func list(
        _ request: WebRequest, typed: AskForm? = nil, errors: [String: String] = [:], stepError: (UUID, String)? = nil,
        status: HTTPResponse.Status = .ok
    ) async throws -> WebAnswer {
        let caller = try request.caller
        let partner = FoodAidWeb.partner(of: caller)
        guard partner != nil || caller.seesEverything else {
            throw KernelError.forbidden("emergency parcels are asked by partners and prepared by the food bank")
        }
        let t = request.texts
        let requests = try await parcels.requests(page: PageRequest(limit: 300), by: caller).items
        let names =
            partner == nil ? try await OrganisationUseCases(units: parcels.units).names(of: requests.map(\.referrerId), by: caller) : [:]
        let prepares = FoodAidPermissions.prepareParcels.isHeld(by: caller)
        // Requests still to prepare or hand over first, soonest needed first; then the others, latest first.
        func isOpen(_ item: ParcelRequest) -> Bool { item.status == .requested || item.status == .prepared }
        let ordered =
            requests.filter(isOpen).sorted { ($0.neededBy, $0.createdAt) < ($1.neededBy, $1.createdAt) }
            + requests.filter { !isOpen($0) }.sorted { ($0.neededBy, $0.createdAt) > ($1.neededBy, $1.createdAt) }
        let rows = ordered.map { item in
            let base = "/foodaid/parcels/\(item.id.uuidString.lowercased())"
            let open = item.status == .requested || item.status == .prepared
            return Model.Row(
                partner: names[item.referrerId] ?? "", household: t("foodaid_parcels_household", ["size": t.count(item.householdSize)]),
                parcels: t.count(item.parcels), neededBy: t.day(item.neededBy), status: t("foodaid_parcel_status_" + item.status.rawValue),
                error: stepError?.0 == item.id ? stepError?.1 : nil,
                prepare: prepares && item.status == .requested ? base + "/prepare" : nil,
                handOver: prepares && item.status == .prepared ? base + "/hand-over" : nil,
                cancel: open && FoodAidPermissions.requestParcels.isHeld(by: caller, in: item.referrerId) ? base + "/cancel" : nil,
                idempotency: request.idempotencyKey())
        }
        let compositions = try await parcels.compositions(by: caller).filter(\.active).sorted { $0.householdMin < $1.householdMin }.map {
            Model.Composition(
                name: $0.name, sizes: t("foodaid_parcels_sizes", ["min": t.count($0.householdMin), "max": t.count($0.householdMax)]))
        }
        let tomorrow = CalendarDate(clock.now(), in: timeZone).adding(days: 1)
        let model = Model(
            canAsk: partner.map { FoodAidPermissions.requestParcels.isHeld(by: caller, in: $0) } ?? false, staff: partner == nil,
            householdSize: typed?.householdSize ?? "", parcels: typed?.parcels ?? "1", neededBy: typed?.neededBy ?? tomorrow.description,
            fieldError: errors, rows: rows, empty: rows.isEmpty, compositions: compositions, idempotency: request.idempotencyKey())
        return .page("foodaid-parcels", title: t("foodaid_parcels_title"), model: model, status: status)
    }

    func ask(_ request: WebRequest) async throws -> WebAnswer {
        let caller = try request.caller
        guard let partner = FoodAidWeb.partner(of: caller) else { throw KernelError.forbidden("emergency parcels are asked by partners") }
        let form = try request.form(AskForm.self)
        let t = request.texts
        var errors: [String: String] = [:]
        let size = Int((form.householdSize ?? "").trimmingCharacters(in: .whitespaces))
        let count = Int((form.parcels ?? "").trimmingCharacters(in: .whitespaces))
        let day = CalendarDate((form.neededBy ?? "").trimmingCharacters(in: .whitespaces))
        if size == nil || !(1...20).contains(size ?? 0) { errors["householdSize"] = t("foodaid_parcels_bad_size") }
        if count == nil || !(1...100).contains(count ?? 0) { errors["parcels"] = t("foodaid_parcels_bad_count") }
        if day == nil { errors["neededBy"] = t("foodaid_parcels_bad_day") }
        guard errors.isEmpty, let size, let count, let day else {
            return try await list(request, typed: form, errors: errors, status: .unprocessableContent)
        }
        do {
            _ = try await parcels.request(
                ParcelRequest.Input(referrerId: partner, householdSize: size, parcels: count, neededBy: day), by: caller)
            return .redirect("/foodaid/parcels", notice: "foodaid_parcels_requested")
        } catch let error as any DomainError where error.code != "forbidden" {
            let field = WebRequest.field(of: error) ?? "householdSize"
            return try await list(
                request, typed: form, errors: [["parcels", "neededBy"].contains(field) ? field : "householdSize": request.say(error)],
                status: .unprocessableContent)
        }
    }
}
