import Foundation
import HTTPTypes

/// An organisation's sites for the people who manage it (its coordinators and
/// admins; the food bank's staff for any): each site's address and opening
/// hours, and its page to change them, which rounds then honour. The food
/// bank's staff choose the organisation (`?organisation=`); others see their own.
struct SitePages: Sendable {
    let sites: SiteUseCases
    let organisations: OrganisationUseCases

    var pages: WebPages {
        let pages = WebPages()
        pages.get("/sites") { request in try await list(request) }
        pages.get("/sites/:id") { request in try await form(request, id: try request.uuid("id")) }
        pages.post("/sites/:id") { request in try await save(request, id: try request.uuid("id")) }
        return pages
    }

    /// Whether `caller` manages some organisation's sites.
    static func managesSites(_ caller: Caller) -> Bool { caller.managesEverything || caller.roles.values.contains { $0.canManage } }

    struct ListModel: Sendable {
        struct Row: Sendable {
            let name: String
            let address: String
            let hours: String
            let path: String
        }
        let rows: [Row]
        let empty: Bool
    }

    func list(_ request: WebRequest) async throws -> WebAnswer {
        let caller = try request.caller
        guard Self.managesSites(caller) else { throw KernelError.forbidden("sites are changed by their organisation's coordinators") }
        let t = request.texts
        let asked = request.query("organisation").flatMap(UUID.init(uuidString:))
        let own = caller.roles.filter { $0.value.canManage }.keys.sorted { $0.uuidString < $1.uuidString }.first
        let organisation = asked ?? own ?? caller.operatorOrganisations.sorted { $0.uuidString < $1.uuidString }.first
        let found = try await sites.list(organisation: organisation, page: PageRequest(limit: 200), by: caller).items
        let name = try await organisations.names(of: organisation.map { [$0] } ?? [], by: caller)[organisation ?? UUID()] ?? ""
        let rows = found.map { site in
            ListModel.Row(
                name: site.name, address: [site.address, site.postcode, site.city].compactMap { $0 }.joined(separator: " "),
                hours: Self.hours(site.openingHours, t), path: "/sites/\(site.id.uuidString.lowercased())")
        }
        return .page("sites", title: t("sites_title", ["organisation": name]), model: ListModel(rows: rows, empty: rows.isEmpty))
    }

    /// Opening hours in words: `Lundi 09:00–12:30 · Jeudi 14:00–18:00`, or "à toute heure".
    static func hours(_ hours: OpeningHours, _ t: Texts) -> String {
        guard !hours.isUnrestricted else { return t("sites_any_time") }
        return Weekday.allCases.compactMap { day in
            guard let ranges = hours.days[day], !ranges.isEmpty else { return nil }
            return t("weekday_" + day.rawValue) + " " + ranges.map { "\($0.from)–\($0.until)" }.joined(separator: ", ")
        }.joined(separator: " · ")
    }

    struct FormModel: Sendable {
        let action: String
        let typed: [String: String]
        let days: [SiteFormFields.Day]
        let fieldError: [String: String]
        let problem: String?
        let idempotency: String
    }

    func form(
        _ request: WebRequest, id: UUID, typed: SiteFormFields? = nil, errors: [String: String] = [:], status: HTTPResponse.Status = .ok
    ) async throws -> WebAnswer {
        let caller = try request.caller
        let t = request.texts
        let site = try await sites.site(id, by: caller)
        try caller.require(caller.canManage(site.organisationId), "sites are changed by their organisation's coordinators")
        let problem = errors.first { !SiteFormFields.fieldNames.contains($0.key) && !$0.key.hasPrefix("openingHours.") }?.value
        let model = FormModel(
            action: "/sites/\(id.uuidString.lowercased())", typed: SiteFormFields.typed(typed, site: site, t: t),
            days: SiteFormFields.days(typed, site: site, errors: errors, t: t), fieldError: errors, problem: problem,
            idempotency: request.idempotencyKey())
        return .page("site", title: t("site_title", ["site": site.name]), model: model, status: status)
    }

    func save(_ request: WebRequest, id: UUID) async throws -> WebAnswer {
        let caller = try request.caller
        let t = request.texts
        let typed = try request.form(SiteFormFields.self)
        let site = try await sites.site(id, by: caller)
        let (input, errors) = typed.read(organisation: site.organisationId, storage: site.storageClasses, t: t)
        guard errors.isEmpty else { return try await form(request, id: id, typed: typed, errors: errors, status: .unprocessableContent) }
        do {
            _ = try await sites.update(id, with: input, by: caller)
            return .redirect("/sites?organisation=\(site.organisationId.uuidString.lowercased())", notice: "site_saved")
        } catch let error as any DomainError where error.code != "forbidden" && error.code != "not_found" {
            let field = WebRequest.field(of: error) ?? "siteName"
            return try await form(
                request, id: id, typed: typed, errors: [field == "name" ? "siteName" : field: request.say(error)],
                status: APIError(error).status)
        }
    }
}
