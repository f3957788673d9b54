import Foundation
import HTTPTypes

/// The network's organisations for the food bank's staff, and bringing a new
/// one in (its organisation, its site with opening hours, its first admin) in
/// one form that writes all or nothing, through ``PartnerOnboarding``.
struct OrganisationPages: Sendable {
    let organisations: OrganisationUseCases
    let onboarding: PartnerOnboarding

    var pages: WebPages {
        let pages = WebPages()
        pages.get("/organisations") { request in try await list(request) }
        pages.get("/organisations/new") { request in try form(request) }
        pages.post("/organisations/new") { request in try await onboard(request) }
        return pages
    }

    static let kinds: [OrganisationKind] = [.partnerAssociation, .donor, .supplier, .processingWorkshop, .cityService, .treatmentSite]

    typealias Choice = WebChoice

    struct ListModel: Sendable {
        struct Row: Sendable {
            let name: String
            let kind: String
            let contact: String
            let since: String
            /// The organisation's people, for the food bank's admins.
            let usersPath: String?
        }
        let kinds: [Choice]
        let rows: [Row]
        let empty: Bool
        let canOnboard: Bool
        let total: String
    }

    func list(_ request: WebRequest) async throws -> WebAnswer {
        let caller = try request.caller
        try caller.require(caller.seesEverything, "the network's organisations are listed to the food bank's staff")
        let t = request.texts
        let kind = request.query("kind").flatMap(OrganisationKind.init(rawValue:)) ?? .partnerAssociation
        let found = try await organisations.list(kind: kind, page: PageRequest(limit: 1000), by: caller)
        let rows = found.items.map {
            ListModel.Row(
                name: $0.name, kind: t("organisation_kind_" + $0.kind.rawValue),
                contact: [$0.contactEmail, $0.phone].compactMap { $0 }.joined(separator: " · "), since: t.instant($0.createdAt),
                usersPath: caller.operatorRole == .admin ? "/users?organisation=\($0.id.uuidString.lowercased())" : nil)
        }
        let model = ListModel(
            kinds: Self.kinds.map { Choice(value: $0.rawValue, label: t("organisation_kind_" + $0.rawValue), selected: $0 == kind) },
            rows: rows, empty: rows.isEmpty, canOnboard: caller.operatorRole == .admin, total: t.count(found.total))
        return .page("organisations", title: t("organisations_title"), model: model)
    }

    /// The onboarding form's fields, as typed: the organisation's, its site's (read by ``SiteFormFields`` from
    /// the same form) and its first admin's.
    struct Form: Decodable {
        var name: String?
        var kind: String?
        var contactEmail: String?
        var phone: String?
        var adminEmail: String?
        var adminName: String?
        var adminPassword: String?
        var site: SiteFormFields

        enum CodingKeys: String, CodingKey { case name, kind, contactEmail, phone, adminEmail, adminName, adminPassword }

        init(from decoder: any Decoder) throws {
            let container = try decoder.container(keyedBy: CodingKeys.self)
            name = try container.decodeIfPresent(String.self, forKey: .name)
            kind = try container.decodeIfPresent(String.self, forKey: .kind)
            contactEmail = try container.decodeIfPresent(String.self, forKey: .contactEmail)
            phone = try container.decodeIfPresent(String.self, forKey: .phone)
            adminEmail = try container.decodeIfPresent(String.self, forKey: .adminEmail)
            adminName = try container.decodeIfPresent(String.self, forKey: .adminName)
            adminPassword = try container.decodeIfPresent(String.self, forKey: .adminPassword)
            site = try SiteFormFields(from: decoder)
        }
    }

    struct FormModel: Sendable {
        let kinds: [Choice]
        let typed: [String: String]
        let days: [SiteFormFields.Day]
        let fieldError: [String: String]
        let problem: String?
        let idempotency: String
    }

    func form(_ request: WebRequest, typed: Form? = nil, errors: [String: String] = [:], status: HTTPResponse.Status = .ok) throws
        -> WebAnswer
    {
        let caller = try request.caller
        try caller.require(caller.operatorRole == .admin, "only the food bank's admins bring a new organisation in")
        let t = request.texts
        let kind = typed?.kind ?? OrganisationKind.partnerAssociation.rawValue
        var fields = SiteFormFields.typed(typed?.site, site: nil, t: t)
        for (key, value) in [
            ("name", typed?.name), ("contactEmail", typed?.contactEmail), ("phone", typed?.phone), ("adminEmail", typed?.adminEmail),
            ("adminName", typed?.adminName),
        ] {
            fields[key] = value ?? ""
        }
        let days = SiteFormFields.days(typed?.site, site: nil, errors: errors, t: t)
        // The fields the form shows an error beside; any other error is said above the form.
        let known: Set<String> = [
            "name", "contactEmail", "siteName", "address", "latitude", "longitude", "serviceMinutes", "adminName", "adminEmail",
            "adminPassword",
        ]
        let problem = errors.first { !known.contains($0.key) && !$0.key.hasPrefix("openingHours.") }?.value
        let model = FormModel(
            kinds: Self.kinds.map {
                Choice(value: $0.rawValue, label: t("organisation_kind_" + $0.rawValue), selected: $0.rawValue == kind)
            },
            typed: fields, days: days, fieldError: errors, problem: problem, idempotency: request.idempotencyKey())
        return .page("organisation-new", title: t("organisation_new_title"), model: model, status: status)
    }

    func onboard(_ request: WebRequest) async throws -> WebAnswer {
        let caller = try request.caller
        let t = request.texts
        let typed = try request.form(Form.self)
        func trimmed(_ text: String?) -> String { (text ?? "").trimmingCharacters(in: .whitespacesAndNewlines) }
        func optional(_ text: String?) -> String? { trimmed(text).isEmpty ? nil : trimmed(text) }
        let (site, errors) = typed.site.read(organisation: UUID(), t: t)
        let kind = OrganisationKind(rawValue: typed.kind ?? "") ?? .partnerAssociation
        guard errors.isEmpty else { return try form(request, typed: typed, errors: errors, status: .unprocessableContent) }
        do {
            _ = try await onboarding(
                PartnerOnboarding.Input(
                    name: trimmed(typed.name), kind: kind, contactEmail: optional(typed.contactEmail), phone: optional(typed.phone),
                    site: site, adminEmail: trimmed(typed.adminEmail), adminName: trimmed(typed.adminName),
                    adminPassword: typed.adminPassword ?? ""),
                by: caller)
            return .redirect("/organisations?kind=\(kind.rawValue)", notice: "organisation_onboarded")
        } catch let error as any DomainError where error.code != "forbidden" {
            let field = WebRequest.field(of: error) ?? "name"
            return try form(request, typed: typed, errors: [field: request.say(error)], status: .unprocessableContent)
        }
    }
}
