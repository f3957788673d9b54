import CollectoKernel
import Foundation
import Hummingbird

/// The donors' offers waiting for the food bank's decision: each with its lines,
/// to accept whole into a warehouse (a pickup is planned) or to decline with a
/// reason the donor reads.
struct OfferDecisionPages {
    let donations: DonationUseCases
    let sites: SiteUseCases

    struct Model: Sendable {
        struct Line: Sendable {
            let description: String
            let category: String
            let kg: String
            let dates: String
        }
        struct Offer: Sendable {
            let id: String
            let donor: String
            let window: String
            let lines: [Line]
            let totalKg: String
            let acceptPath: String
            let declinePath: String
            let error: String?
            let reason: String
            let acceptIdempotency: String
            let declineIdempotency: String
        }
        struct Warehouse: Sendable {
            let id: String
            let name: String
        }
        let offers: [Offer]
        let warehouses: [Warehouse]
        let empty: Bool
    }

    struct DecisionForm: Decodable {
        var warehouseSiteId: String?
        var reason: String?
    }

    func list(_ request: WebRequest, failed: UUID? = nil, error: String? = nil, reason: String = "", status: HTTPResponse.Status = .ok)
        async throws -> WebAnswer
    {
        let caller = try request.caller
        guard caller.managesEverything else { throw KernelError.forbidden("the food bank's staff decide donors' offers") }
        let t = request.texts
        let offers = try await donations.offers(status: .offered, page: PageRequest(limit: 200), by: caller).items
        let bank = caller.operatorOrganisations.first
        let warehouses = try await sites.list(organisation: bank, page: PageRequest(limit: 50), by: caller).items
        let donorIDs = Set(offers.map(\.donorId))
        let donorNames = try await OrganisationUseCases(units: donations.units).names(of: donorIDs, by: caller)
        let model = Model(
            offers: offers.sorted { $0.availableUntil < $1.availableUntil }.map { offer in
                let id = offer.id.uuidString.lowercased()
                return Model.Offer(
                    id: id, donor: donorNames[offer.donorId] ?? "",
                    window: t("foodaid_offer_window", ["from": t.instant(offer.availableFrom), "until": t.instant(offer.availableUntil)]),
                    lines: offer.lines.map { line in
                        Model.Line(
                            description: line.description, category: t("foodaid_category_" + line.category.rawValue),
                            kg: t.kg(line.estimatedKg),
                            dates: [
                                line.useBy.map { t("foodaid_use_by", ["day": t.day($0)]) },
                                line.bestBefore.map { t("foodaid_best_before", ["day": t.day($0)]) },
                            ]
                            .compactMap { $0 }.joined(separator: " · "))
                    },
                    totalKg: t.kg(offer.lines.reduce(0) { $0 + $1.estimatedKg }),
                    acceptPath: "/foodaid/offers/\(id)/accept", declinePath: "/foodaid/offers/\(id)/decline",
                    error: failed == offer.id ? error : nil, reason: failed == offer.id ? reason : "",
                    acceptIdempotency: request.idempotencyKey(), declineIdempotency: request.idempotencyKey())
            },
            warehouses: warehouses.map { Model.Warehouse(id: $0.id.uuidString.lowercased(), name: $0.name) },
            empty: offers.isEmpty)
        return .page("foodaid-offers", title: t("foodaid_offers_title"), model: model, status: status)
    }

    func accept(_ request: WebRequest, offer id: UUID) async throws -> WebAnswer {
        let caller = try request.caller
        let form = try request.form(DecisionForm.self)
        guard let warehouse = form.warehouseSiteId.flatMap(UUID.init(uuidString:)) else {
            return try await list(
                request, failed: id, error: request.texts("foodaid_offer_choose_warehouse"), status: .unprocessableContent)
        }
        do {
            _ = try await donations.accept(id, OfferService.Acceptance(lines: nil, warehouseSiteId: warehouse), by: caller)
            return .redirect("/foodaid/offers", notice: "foodaid_offer_accepted")
        } catch let error as any DomainError where error.code != "forbidden" && error.code != "not_found" {
            return try await list(request, failed: id, error: request.say(error), status: .unprocessableContent)
        }
    }

    func decline(_ request: WebRequest, offer id: UUID) async throws -> WebAnswer {
        let caller = try request.caller
        let form = try request.form(DecisionForm.self)
        let reason = (form.reason ?? "").trimmingCharacters(in: .whitespacesAndNewlines)
        guard !reason.isEmpty else {
            return try await list(request, failed: id, error: request.texts("foodaid_offer_reason_needed"), status: .unprocessableContent)
        }
        do {
            _ = try await donations.decline(id, reason: reason, by: caller)
            return .redirect("/foodaid/offers", notice: "foodaid_offer_declined")
        } catch let error as any DomainError where error.code != "forbidden" && error.code != "not_found" {
            return try await list(request, failed: id, error: request.say(error), reason: reason, status: .unprocessableContent)
        }
    }
}
