import CollectoKernel
import Foundation
import Hummingbird

/// The households a partner serves, which weigh in fair allocation: the partner
/// declares a change, which waits for the food bank's staff to approve or reject.
struct HouseholdsPages {
    let profiles: PartnerProfileUseCases

    var pages: WebPages {
        let pages = WebPages()
        pages.get("/foodaid/households") { request in try await own(request) }
        pages.post("/foodaid/households") { request in try await declare(request) }
        pages.get("/foodaid/households/pending") { request in try await pending(request) }
        pages.post("/foodaid/households/:id/approve") { request in
            _ = try await profiles.approveHouseholds(of: try request.uuid("id"), by: try request.caller)
            return .redirect("/foodaid/households/pending", notice: "foodaid_households_approved")
        }
        pages.post("/foodaid/households/:id/reject") { request in
            let form = try request.form(RejectForm.self)
            let reason = (form.reason ?? "").trimmingCharacters(in: .whitespaces)
            _ = try await profiles.rejectHouseholds(
                of: try request.uuid("id"), reason: reason.isEmpty ? nil : reason, by: try request.caller)
            return .redirect("/foodaid/households/pending", notice: "foodaid_households_rejected")
        }
        return pages
    }

    struct DeclareForm: Decodable {
        var households: String?
        var beneficiaries: String?
    }

    struct RejectForm: Decodable { var reason: String? }

    struct OwnModel: Sendable {
        let approved: String
        let pending: String?
        let rejected: String?
        let rejectionReason: String?
        let households: String
        let beneficiaries: String
        let fieldError: [String: String]
        let idempotency: String
        /// The caller may declare a change (the partner's admins and coordinators).
        let canDeclare: Bool
    }

    func own(
        _ request: WebRequest, typed: DeclareForm? = nil, errors: [String: String] = [:], status: HTTPResponse.Status = .ok
    ) async throws -> WebAnswer {
        let caller = try request.caller
        guard let partner = FoodAidWeb.partner(of: caller) else { throw KernelError.forbidden("households are a partner's") }
        let t = request.texts
        let profile = try? await profiles.profile(of: partner, by: caller)
        let model = OwnModel(
            approved: profile?.households.map(t.count) ?? t("foodaid_households_none"), pending: profile?.pendingHouseholds.map(t.count),
            rejected: profile?.rejectedHouseholds.map(t.count), rejectionReason: profile?.rejectionReason,
            households: typed?.households ?? (profile?.pendingHouseholds ?? profile?.households).map(String.init) ?? "",
            beneficiaries: typed?.beneficiaries ?? profile.map { String($0.beneficiaries) } ?? "", fieldError: errors,
            idempotency: request.idempotencyKey(), canDeclare: FoodAidPermissions.editPartnerProfile.isHeld(by: caller, in: partner))
        return .page("foodaid-households", title: t("foodaid_households_title"), model: model, status: status)
    }

    func declare(_ request: WebRequest) async throws -> WebAnswer {
        let caller = try request.caller
        guard let partner = FoodAidWeb.partner(of: caller) else { throw KernelError.forbidden("households are a partner's") }
        let form = try request.form(DeclareForm.self)
        var errors: [String: String] = [:]
        let households = Int((form.households ?? "").trimmingCharacters(in: .whitespaces))
        let beneficiaries = Int((form.beneficiaries ?? "").trimmingCharacters(in: .whitespaces))
        if households == nil { errors["households"] = request.texts("foodaid_households_bad_number") }
        if beneficiaries == nil { errors["beneficiaries"] = request.texts("foodaid_households_bad_number") }
        guard errors.isEmpty, let households, let beneficiaries else {
            return try await own(request, typed: form, errors: errors, status: .unprocessableContent)
        }
        do {
            _ = try await profiles.declare(
                PartnerProfile.Update(households: households, beneficiaries: beneficiaries), for: partner, by: caller)
            return .redirect("/foodaid/households", notice: "foodaid_households_declared")
        } catch let error as any DomainError where error.code != "forbidden" {
            let field = WebRequest.field(of: error) ?? "households"
            return try await own(
                request, typed: form, errors: [field == "beneficiaries" ? "beneficiaries" : "households": request.say(error)],
                status: .unprocessableContent)
        }
    }

    struct PendingModel: Sendable {
        struct Row: Sendable {
            let id: String
            let partner: String
            let approved: String
            let asked: String
            let askedAt: String
            let approvePath: String
            let rejectPath: String
            let approveIdempotency: String
            let rejectIdempotency: String
        }
        let rows: [Row]
        let empty: Bool
    }

    func pending(_ request: WebRequest) async throws -> WebAnswer {
        let caller = try request.caller
        let t = request.texts
        let pending = try await profiles.pendingHouseholds(by: caller)
        let names = try await OrganisationUseCases(units: profiles.units).names(of: pending.map(\.organisationId), by: caller)
        var rows: [PendingModel.Row] = []
        for profile in pending {
            let id = profile.organisationId.uuidString.lowercased()
            let name = names[profile.organisationId] ?? ""
            rows.append(
                PendingModel.Row(
                    id: id, partner: name, approved: profile.households.map(t.count) ?? t("foodaid_households_none"),
                    asked: profile.pendingHouseholds.map(t.count) ?? "", askedAt: profile.pendingRequestedAt.map(t.instant) ?? "",
                    approvePath: "/foodaid/households/\(id)/approve", rejectPath: "/foodaid/households/\(id)/reject",
                    approveIdempotency: request.idempotencyKey(), rejectIdempotency: request.idempotencyKey()))
        }
        return .page(
            "foodaid-households-pending", title: t("foodaid_households_pending_title"), model: PendingModel(rows: rows, empty: rows.isEmpty)
        )
    }
}
