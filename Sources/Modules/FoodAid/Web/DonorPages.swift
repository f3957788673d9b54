import CollectoKernel
import Foundation
import Hummingbird

/// A donor's pages: offer goods for pickup, and follow what became of each
/// offer (accepted, declined with the food bank's reason, picked up).
struct DonorPages {
    let donations: DonationUseCases
    let sites: SiteUseCases
    let clock: any WallClock

    var pages: WebPages {
        let pages = WebPages()
        pages.get("/foodaid/donor") { request in try await home(request) }
        pages.post("/foodaid/donor/offers") { request in try await offer(request) }
        return pages
    }

    /// How many lines the offer form has room for.
    static let formLines = 4

    struct LineForm: Decodable {
        var description: String?
        var category: String?
        var kg: String?
        var useBy: String?
        var bestBefore: String?
    }

    struct OfferForm: Decodable {
        var siteId: String?
        var from: String?
        var until: String?
        var line: [String: LineForm]?
    }

    struct Model: Sendable {
        struct Offer: Sendable {
            let created: String
            let status: String
            let reason: String?
            let totalKg: String
            let lines: String
            /// Who claimed it and how to reach them, for an offer a partner claimed.
            let claimedBy: String?
        }
        struct Site: Sendable {
            let id: String
            let name: String
            let selected: Bool
        }
        struct Category: Sendable {
            let value: String
            let label: String
            let selected: Bool
        }
        struct Line: Sendable {
            let number: String
            let description: String
            let kg: String
            let useBy: String
            let bestBefore: String
            let categories: [Category]
            let lineError: String?
        }
        let offers: [Offer]
        let noOffer: Bool
        let sites: [Site]
        let from: String
        let until: String
        let lines: [Line]
        let error: String?
        let fieldError: [String: String]
        let idempotency: String
    }

    func home(
        _ request: WebRequest, typed: OfferForm? = nil, errors: [String: String] = [:], error: String? = nil,
        status: HTTPResponse.Status = .ok
    ) async throws -> WebAnswer {
        let caller = try request.caller
        guard let donor = FoodAidWeb.donor(of: caller) else { throw KernelError.forbidden("these pages are for donors") }
        let t = request.texts
        let offers = try await donations.offers(status: nil, page: PageRequest(limit: 100), by: caller).items.filter { $0.donorId == donor }
        let ownSites = try await sites.list(organisation: donor, page: PageRequest(limit: 50), by: caller).items
        let now = clock.now()
        let local = Self.localFormat(donations.timeZone)
        var claimants: [UUID: String] = [:]
        for offer in offers where offer.claimedBy != nil {
            claimants[offer.id] = (try? await donations.counterpart(ofOffer: offer.id, by: caller)).map { SharingPages.contact($0, t) }
        }
        let model = Model(
            offers: offers.sorted { $0.createdAt > $1.createdAt }.map { offer in
                Model.Offer(
                    created: t.instant(offer.createdAt), status: t("foodaid_offer_status_" + offer.status.rawValue),
                    reason: offer.decisionReason, totalKg: t.kg(offer.lines.reduce(0) { $0 + $1.estimatedKg }),
                    lines: offer.lines.map(\.description).joined(separator: ", "), claimedBy: claimants[offer.id])
            },
            noOffer: offers.isEmpty,
            sites: ownSites.map {
                Model.Site(id: $0.id.uuidString.lowercased(), name: $0.name, selected: typed?.siteId == $0.id.uuidString.lowercased())
            },
            from: typed?.from ?? local.string(from: now.addingTimeInterval(3600)),
            until: typed?.until ?? local.string(from: now.addingTimeInterval(26 * 3600)),
            lines: (1...Self.formLines).map { number in
                let line = typed?.line?["l\(number)"]
                return Model.Line(
                    number: String(number), description: line?.description ?? "", kg: line?.kg ?? "", useBy: line?.useBy ?? "",
                    bestBefore: line?.bestBefore ?? "",
                    categories: ProductCategory.allCases.map {
                        Model.Category(
                            value: $0.rawValue, label: t("foodaid_category_" + $0.rawValue), selected: line?.category == $0.rawValue)
                    },
                    lineError: errors["line\(number)"])
            },
            error: error, fieldError: errors, idempotency: request.idempotencyKey())
        return .page("foodaid-donor", title: t("foodaid_donor_title"), model: model, status: status)
    }

    /// `2026-12-03T18:30`, as a `datetime-local` field writes it, in the deployment's zone.
    static func localFormat(_ zone: TimeZone) -> DateFormatter {
        let formatter = DateFormatter()
        formatter.locale = Locale(identifier: "en_US_POSIX")
        formatter.timeZone = zone
        formatter.dateFormat = "yyyy-MM-dd'T'HH:mm"
        return formatter
    }

    func offer(_ request: WebRequest) async throws -> WebAnswer {
        let caller = try request.caller
        guard let donor = FoodAidWeb.donor(of: caller) else { throw KernelError.forbidden("these pages are for donors") }
        let t = request.texts
        let form = try request.form(OfferForm.self)
        let local = Self.localFormat(donations.timeZone)
        var errors: [String: String] = [:]
        let from = form.from.flatMap(local.date(from:))
        let until = form.until.flatMap(local.date(from:))
        if from == nil { errors["from"] = t("foodaid_donor_bad_time") }
        if until == nil { errors["until"] = t("foodaid_donor_bad_time") }
        var lines: [OfferService.Declaration.Line] = []
        var numbers: [Int] = []
        for number in 1...Self.formLines {
            guard let line = form.line?["l\(number)"] else { continue }
            let description = (line.description ?? "").trimmingCharacters(in: .whitespaces)
            let kgText = (line.kg ?? "").trimmingCharacters(in: .whitespaces).replacingOccurrences(of: ",", with: ".")
            if description.isEmpty && kgText.isEmpty { continue }
            guard !description.isEmpty, let kg = Double(kgText), kg > 0, kg <= 50_000,
                let category = line.category.flatMap(ProductCategory.init(rawValue:))
            else {
                errors["line\(number)"] = t("foodaid_donor_bad_line")
                continue
            }
            let useBy = (line.useBy ?? "").isEmpty ? nil : CalendarDate(line.useBy ?? "")
            let bestBefore = (line.bestBefore ?? "").isEmpty ? nil : CalendarDate(line.bestBefore ?? "")
            if !(line.useBy ?? "").isEmpty && useBy == nil || !(line.bestBefore ?? "").isEmpty && bestBefore == nil {
                errors["line\(number)"] = t("foodaid_donor_bad_line")
                continue
            }
            lines.append(
                .init(
                    productId: nil, category: category, description: description, estimatedKg: (kg * 1000).rounded() / 1000, useBy: useBy,
                    bestBefore: bestBefore, temperature: nil))
            numbers.append(number)
        }
        if lines.isEmpty && errors.isEmpty { errors["line1"] = t("foodaid_donor_no_line") }
        guard errors.isEmpty, let from, let until else {
            return try await home(request, typed: form, errors: errors, status: .unprocessableContent)
        }
        do {
            _ = try await donations.declareOffer(
                OfferService.Declaration(
                    donorId: donor, siteId: form.siteId.flatMap(UUID.init(uuidString:)), availableFrom: from, availableUntil: until,
                    lines: lines),
                by: caller)
            return .redirect("/foodaid/donor", notice: "foodaid_offer_sent")
        } catch let error as any DomainError where error.code != "forbidden" {
            if let field = WebRequest.field(of: error), let index = BasketPage.lineIndex(field), numbers.indices.contains(index) {
                return try await home(
                    request, typed: form, errors: ["line\(numbers[index])": request.say(error)], status: .unprocessableContent)
            }
            var errors: [String: String] = [:]
            if let field = error.field, ["availableFrom", "availableUntil", "siteId"].contains(field) {
                errors[field == "availableFrom" ? "from" : field == "availableUntil" ? "until" : "siteId"] = request.say(error)
            }
            return try await home(
                request, typed: form, errors: errors, error: errors.isEmpty ? request.say(error) : nil, status: .unprocessableContent)
        }
    }
}
