import CollectoKernel
import Foundation
import Hummingbird

/// What partners pass on between themselves: the donors' offers the food bank
/// broadcast to the partners near them (the first to claim one collects it),
/// the surpluses other partners posted, and the partner's own surpluses, posted,
/// claimed by another, handed over or withdrawn.
struct SharingPages {
    let sharing: SharingUseCases
    let donations: DonationUseCases

    var pages: WebPages {
        let pages = WebPages()
        pages.get("/foodaid/sharing") { request in try await show(request) }
        pages.post("/foodaid/sharing/surpluses") { request in try await post(request) }
        pages.post("/foodaid/sharing/offers/:id/claim") { request in
            let (caller, partner) = try Self.partner(request)
            do {
                _ = try await donations.claim(try request.uuid("id"), for: partner, by: caller)
            } catch let error as any DomainError where error.code == "offer_gone" || error.code == "offer_decided" {
                return try await show(request, problem: request.say(error), status: .conflict)
            }
            return .redirect("/foodaid/sharing", notice: "foodaid_sharing_offer_claimed")
        }
        for (action, notice) in [
            ("claim", "foodaid_sharing_surplus_claimed"), ("transfer", "foodaid_sharing_surplus_transferred"),
            ("withdraw", "foodaid_sharing_surplus_withdrawn"),
        ] {
            pages.post("/foodaid/sharing/surpluses/:id/\(action)") { request in
                let (caller, partner) = try Self.partner(request)
                let id = try request.uuid("id")
                do {
                    switch action {
                    case "claim": _ = try await sharing.claimSurplus(id, for: partner, by: caller)
                    case "transfer": _ = try await sharing.transferSurplus(id, for: partner, by: caller)
                    default: _ = try await sharing.withdrawSurplus(id, for: partner, by: caller)
                    }
                } catch let error as any DomainError where error.code == "surplus_status" {
                    return try await show(request, problem: request.say(error), status: .conflict)
                }
                return .redirect("/foodaid/sharing", notice: notice)
            }
        }
        return pages
    }

    static func partner(_ request: WebRequest) throws -> (Caller, UUID) {
        let caller = try request.caller
        guard let partner = FoodAidWeb.partner(of: caller) else { throw KernelError.forbidden("sharing is between partner associations") }
        return (caller, partner)
    }

    /// "Name · address · phone · email": the other side of a deal, as a volunteer calls or goes there.
    static func contact(_ counterpart: Counterpart, _ t: Texts) -> String {
        [counterpart.name, counterpart.address, counterpart.phone.map { t("foodaid_contact_phone", ["phone": $0]) }, counterpart.email]
            .compactMap { $0 }.filter { !$0.isEmpty }.joined(separator: " · ")
    }

    struct PostForm: Decodable {
        var description: String?
        var quantity: String?
        var useBy: String?
        var bestBefore: String?
    }

    struct Model: Sendable {
        struct Offer: Sendable {
            let donor: String
            /// The donor's contact and where to collect, once the partner claimed the offer.
            let contact: String?
            let what: String
            let when: String
            let claimPath: String?
            let idempotency: String
        }
        struct Item: Sendable {
            let description: String
            /// The other partner and how to reach it (and where to collect, for the claimer), once claimed.
            let contact: String?
            let quantity: String
            let dates: String
            let status: String
            let actions: [Action]
        }
        struct Action: Sendable {
            let path: String
            let label: String
            let danger: Bool
            let idempotency: String
        }
        let problem: String?
        let offers: [Offer]
        let claimedOffers: [Offer]
        let noOffer: Bool
        let others: [Item]
        let noOther: Bool
        let own: [Item]
        let noOwn: Bool
        let typed: [String: String]
        let fieldError: [String: String]
        let idempotency: String
        /// The caller may claim offers and post, claim, hand over or withdraw surpluses (not a read-only member).
        let canShare: Bool
    }

    func show(
        _ request: WebRequest, typed: [String: String] = [:], errors: [String: String] = [:], problem: String? = nil,
        status: HTTPResponse.Status = .ok
    ) async throws -> WebAnswer {
        let (caller, partner) = try Self.partner(request)
        let t = request.texts
        let all = PageRequest(limit: 200)
        let canClaim = FoodAidPermissions.claimDonations.isHeld(by: caller, in: partner)
        let canShare = FoodAidPermissions.shareSurpluses.isHeld(by: caller, in: partner)
        // The broadcast ones near the partner, and those it claimed that are still to collect.
        let now = donations.units.clock.now()
        let offers =
            try await donations.offers(status: .broadcast, page: all, by: caller).items
            + donations.offers(status: .claimed, page: all, by: caller).items.filter {
                $0.claimedBy == partner && $0.availableUntil > now
            }
        let donors = try await OrganisationUseCases(units: donations.units).names(of: offers.map(\.donorId), by: caller)
        var contacts: [UUID: String] = [:]
        for claimed in offers where claimed.claimedBy == partner {
            contacts[claimed.id] = (try? await donations.counterpart(ofOffer: claimed.id, by: caller)).map { Self.contact($0, t) }
        }
        func offer(_ offer: DonationOffer) -> Model.Offer {
            Model.Offer(
                donor: donors[offer.donorId] ?? t("foodaid_sharing_a_donor"), contact: contacts[offer.id],
                what: offer.lines.map { "\($0.description) (\(t.kg($0.estimatedKg)))" }.joined(separator: ", "),
                when: t("foodaid_offer_window", ["from": t.instant(offer.availableFrom), "until": t.instant(offer.availableUntil)]),
                claimPath: offer.status == .broadcast && canClaim
                    ? "/foodaid/sharing/offers/\(offer.id.uuidString.lowercased())/claim" : nil,
                idempotency: request.idempotencyKey())
        }
        let surpluses = try await sharing.surpluses(page: all, by: caller).items
        var counterparts: [UUID: String] = [:]
        // Until it is handed over: afterwards there is nothing left to collect.
        for surplus in surpluses
        where surplus.status == .claimed && (surplus.claimedBy == partner || surplus.organisationId == partner) {
            counterparts[surplus.id] = (try? await sharing.counterpart(ofSurplus: surplus.id, by: caller)).map { Self.contact($0, t) }
        }
        func dates(_ surplus: Surplus) -> String {
            [
                surplus.useBy.map { t("foodaid_sharing_use_by", ["day": t.day($0)]) },
                surplus.bestBefore.map { t("foodaid_sharing_best_before", ["day": t.day($0)]) },
            ]
            .compactMap { $0 }.joined(separator: " · ")
        }
        func action(_ surplus: Surplus, _ name: String, danger: Bool = false) -> Model.Action {
            Model.Action(
                path: "/foodaid/sharing/surpluses/\(surplus.id.uuidString.lowercased())/\(name)", label: t("foodaid_sharing_" + name),
                danger: danger, idempotency: request.idempotencyKey())
        }
        let others = surpluses.filter { $0.organisationId != partner && ($0.status == .posted || $0.claimedBy == partner) }.map { surplus in
            Model.Item(
                description: surplus.description, contact: counterparts[surplus.id], quantity: t.count(surplus.quantity),
                dates: dates(surplus),
                status: t("foodaid_surplus_status_" + surplus.status.rawValue),
                actions: surplus.status == .posted && canShare ? [action(surplus, "claim")] : [])
        }
        let own = surpluses.filter { $0.organisationId == partner }.sorted { $0.createdAt > $1.createdAt }.map { surplus in
            var actions: [Model.Action] = []
            if canShare && surplus.status == .claimed { actions.append(action(surplus, "transfer")) }
            if canShare && (surplus.status == .posted || surplus.status == .claimed) {
                actions.append(action(surplus, "withdraw", danger: true))
            }
            return Model.Item(
                description: surplus.description, contact: counterparts[surplus.id], quantity: t.count(surplus.quantity),
                dates: dates(surplus),
                status: t("foodaid_surplus_status_" + surplus.status.rawValue), actions: actions)
        }
        let broadcast = offers.filter { $0.status == .broadcast }.map(offer)
        let model = Model(
            problem: problem, offers: broadcast, claimedOffers: offers.filter { $0.status == .claimed }.map(offer),
            noOffer: broadcast.isEmpty,
            others: others, noOther: others.isEmpty, own: own, noOwn: own.isEmpty, typed: typed, fieldError: errors,
            idempotency: request.idempotencyKey(), canShare: canShare)
        return .page("foodaid-sharing", title: t("foodaid_sharing_title"), model: model, status: status)
    }

    func post(_ request: WebRequest) async throws -> WebAnswer {
        let (caller, partner) = try Self.partner(request)
        let form = try request.form(PostForm.self)
        let t = request.texts
        let typed = [
            "description": form.description ?? "", "quantity": form.quantity ?? "", "useBy": form.useBy ?? "",
            "bestBefore": form.bestBefore ?? "",
        ]
        var errors: [String: String] = [:]
        let quantity = Int((form.quantity ?? "").trimmingCharacters(in: .whitespaces))
        if quantity == nil { errors["quantity"] = t("foodaid_sharing_bad_quantity") }
        func day(_ name: String, _ text: String?) -> CalendarDate? {
            let text = (text ?? "").trimmingCharacters(in: .whitespaces)
            guard !text.isEmpty else { return nil }
            guard let date = CalendarDate(text) else {
                errors[name] = t("foodaid_parcels_bad_day")
                return nil
            }
            return date
        }
        let useBy = day("useBy", form.useBy)
        let bestBefore = day("bestBefore", form.bestBefore)
        guard errors.isEmpty, let quantity else {
            return try await show(request, typed: typed, errors: errors, status: .unprocessableContent)
        }
        do {
            _ = try await sharing.postSurplus(
                Surplus.Input(
                    organisationId: partner, siteId: nil, productId: nil, sourceOrderId: nil,
                    description: (form.description ?? "").trimmingCharacters(in: .whitespacesAndNewlines), quantity: quantity, useBy: useBy,
                    bestBefore: bestBefore), by: caller)
            return .redirect("/foodaid/sharing", notice: "foodaid_sharing_surplus_posted")
        } catch let error as any DomainError where error.code != "forbidden" {
            let field = WebRequest.field(of: error) ?? "description"
            return try await show(
                request, typed: typed,
                errors: [["quantity", "useBy", "bestBefore"].contains(field) ? field : "description": request.say(error)],
                status: .unprocessableContent)
        }
    }
}
