import CollectoKernel
import Foundation
import HTTPTypes

/// The partner associations, for the food bank's staff: each one's approved
/// and pending households, and its quotas per product and window, set, changed
/// or removed beside the product. The partner sees its quotas in its basket.
struct PartnerAdminPages {
    let profiles: PartnerProfileUseCases
    let quotas: PartnerQuotaUseCases
    let catalogue: CatalogueUseCases

    var pages: WebPages {
        let pages = WebPages()
        pages.get("/foodaid/partners") { request in try await list(request) }
        pages.get("/foodaid/partners/:id") { request in try await partner(request, id: try request.uuid("id")) }
        pages.post("/foodaid/partners/:id/quotas") { request in try await setQuota(request, partner: try request.uuid("id")) }
        pages.post("/foodaid/partners/:id/quotas/:product/remove") { request in
            let partner = try request.uuid("id")
            _ = try await quotas.remove(quotaOf: try request.uuid("product"), for: partner, by: try request.caller)
            return .redirect("/foodaid/partners/\(partner.uuidString.lowercased())", notice: "foodaid_quota_removed")
        }
        return pages
    }

    struct ListModel: Sendable {
        struct Row: Sendable {
            let name: String
            let path: String
            let households: String
            let pending: String?
            let quotas: String
        }
        let rows: [Row]
        let empty: Bool
    }

    func list(_ request: WebRequest) async throws -> WebAnswer {
        let caller = try request.caller
        let t = request.texts
        let counts = try await quotas.counts(by: caller)
        let profiles = try await profiles.allProfiles(by: caller)
        let partners = try await OrganisationUseCases(units: quotas.units).list(
            kind: .partnerAssociation, page: PageRequest(limit: 1000), by: caller
        ).items.sorted { $0.name.localizedStandardCompare($1.name) == .orderedAscending }
        let rows = partners.map { partner in
            let profile = profiles[partner.id]
            return ListModel.Row(
                name: partner.name, path: "/foodaid/partners/\(partner.id.uuidString.lowercased())",
                households: profile?.households.map(t.count) ?? t("foodaid_households_none"),
                pending: profile?.pendingHouseholds.map(t.count), quotas: t.count(counts[partner.id] ?? 0))
        }
        return .page("foodaid-partners", title: t("foodaid_partners_title"), model: ListModel(rows: rows, empty: rows.isEmpty))
    }

    struct QuotaForm: Decodable {
        var product: String?
        var units: String?
    }

    struct PartnerModel: Sendable {
        struct Quota: Sendable {
            let id: String
            let product: String
            let code: String
            let units: String
            let setAt: String?
            let removePath: String
            let error: String?
            let idempotency: String
            let removeIdempotency: String
        }
        let name: String
        let households: String
        let pending: String?
        let beneficiaries: String?
        let quotas: [Quota]
        let noQuota: Bool
        let setPath: String
        let products: [WebChoice]
        let units: String
        let fieldError: [String: String]
        let idempotency: String
    }

    /// One partner: `failed` is the product whose quota form was refused (nil for the new quota's form).
    func partner(
        _ request: WebRequest, id: UUID, failed: UUID? = nil, typed: QuotaForm? = nil, errors: [String: String] = [:],
        status: HTTPResponse.Status = .ok
    ) async throws -> WebAnswer {
        let caller = try request.caller
        let t = request.texts
        let organisation = try await OrganisationUseCases(units: quotas.units).organisation(id, by: caller)
        guard organisation.kind == .partnerAssociation else { throw KernelError.notFound(entity: "partner", id: id.uuidString) }
        let held = try await quotas.quotas(of: id, by: caller)
        try FoodAidPermissions.setPartnerQuotas.require(caller)
        let profile = try? await profiles.profile(of: id, by: caller)
        let products = try await catalogue.products(activeOnly: true, category: nil, page: PageRequest(limit: 1000), by: caller).items
        let partnerPath = "/foodaid/partners/\(id.uuidString.lowercased())"
        let quotaRows = held.map { quota in
            let mine = failed == quota.productId
            return PartnerModel.Quota(
                id: quota.productId.uuidString.lowercased(), product: quota.productName, code: quota.productCode,
                units: mine ? typed?.units ?? "" : String(quota.unitsPerWindow), setAt: quota.setAt.map(t.instant),
                removePath: "\(partnerPath)/quotas/\(quota.productId.uuidString.lowercased())/remove",
                error: mine ? errors["units"] : nil, idempotency: request.idempotencyKey(), removeIdempotency: request.idempotencyKey())
        }
        let chosen = failed == nil ? typed?.product : nil
        let withQuota = Set(held.map(\.productId))
        let choices = products.filter { !withQuota.contains($0.id) }.sorted {
            $0.name.localizedStandardCompare($1.name) == .orderedAscending
        }.map { product in
            let value = product.id.uuidString.lowercased()
            return WebChoice(value: value, label: "\(product.name) (\(product.code))", selected: value == chosen)
        }
        let model = PartnerModel(
            name: organisation.name, households: profile?.households.map(t.count) ?? t("foodaid_households_none"),
            pending: profile?.pendingHouseholds.map(t.count), beneficiaries: profile.map { t.count($0.beneficiaries) },
            quotas: quotaRows, noQuota: quotaRows.isEmpty, setPath: "\(partnerPath)/quotas", products: choices,
            units: failed == nil ? typed?.units ?? "" : "", fieldError: failed == nil ? errors : [:], idempotency: request.idempotencyKey())
        return .page("foodaid-partner", title: organisation.name, model: model, status: status)
    }

    /// Sets a quota from the new quota's form or a quota's row (whose product is a hidden field).
    func setQuota(_ request: WebRequest, partner: UUID) async throws -> WebAnswer {
        let caller = try request.caller
        let t = request.texts
        let form = try request.form(QuotaForm.self)
        guard let product = form.product.flatMap(UUID.init(uuidString:)) else {
            return try await self.partner(
                request, id: partner, typed: form, errors: ["product": t("foodaid_quota_choose_product")], status: .unprocessableContent)
        }
        let existing = try await quotas.quotas(of: partner, by: caller).contains { $0.productId == product }
        let failed = existing ? product : nil
        guard let units = Int((form.units ?? "").trimmingCharacters(in: .whitespaces)) else {
            return try await self.partner(
                request, id: partner, failed: failed, typed: form, errors: ["units": t("foodaid_quota_bad_units")],
                status: .unprocessableContent)
        }
        do {
            _ = try await quotas.set(.init(unitsPerWindow: units), of: product, for: partner, by: caller)
            return .redirect("/foodaid/partners/\(partner.uuidString.lowercased())", notice: "foodaid_quota_set")
        } catch let error as any DomainError where error.code != "forbidden" {
            let field = error.code == "not_found" ? "product" : "units"
            return try await self.partner(
                request, id: partner, failed: failed, typed: form, errors: [field: request.say(error)],
                status: field == "product" ? .unprocessableContent : APIError(error).status)
        }
    }
}
