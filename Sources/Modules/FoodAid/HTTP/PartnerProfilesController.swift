import CollectoKernel
import Foundation
import Hummingbird

/// A partner's households (approved and pending), quotas and deliveries, over HTTP.
struct PartnerProfilesController {
    let profiles: PartnerProfileUseCases
    let quotas: PartnerQuotaUseCases

    var endpoints: Endpoints<AuthenticatedContext> {
        let endpoints = Endpoints<AuthenticatedContext>(tag: "foodaid")
        endpoints.get("partners/{id}/profile", summary: "A partner's approved and pending households") { _, context in
            try await profiles.profile(of: try context.uuid("id"), by: context.caller)
        }
        endpoints.put(
            "partners/{id}/profile",
            summary: "Declare the households a partner serves: pending until the food bank approves, unless its staff declare it",
            body: PartnerProfile.Update.self
        ) { request, context in
            let id = try context.uuid("id")
            let update = try await request.decodeJSON(PartnerProfile.Update.self, context: context)
            return try await profiles.declare(update, for: id, by: context.caller)
        }
        endpoints.get("partners/households/pending", summary: "The partners' households counts waiting for the food bank's approval") {
            _, context in
            try await profiles.pendingHouseholds(by: context.caller)
        }
        endpoints.post("partners/{id}/households/approve", summary: "Approve a partner's pending households count", status: .ok) {
            _, context in
            try await profiles.approveHouseholds(of: try context.uuid("id"), by: context.caller)
        }
        endpoints.post(
            "partners/{id}/households/reject", summary: "Reject a partner's pending households count, with an optional reason",
            status: .ok, body: PartnerProfile.Rejection.self, bodyOptional: true
        ) { request, context in
            let id = try context.uuid("id")
            let rejection = try await request.decodeJSONIfPresent(PartnerProfile.Rejection.self, context: context)
            return try await profiles.rejectHouseholds(of: id, reason: rejection?.reason, by: context.caller)
        }
        endpoints.get("partners/{id}/quotas", summary: "A partner's quotas: units of a product it may order per window without confirming")
        {
            _, context in
            try await quotas.quotas(of: try context.uuid("id"), by: context.caller)
        }
        endpoints.put(
            "partners/{id}/quotas/{productId}", summary: "Set a partner's quota of a product per ordering window (the food bank's staff)",
            body: PartnerQuota.Setting.self
        ) { request, context in
            let partner = try context.uuid("id")
            let product = try context.uuid("productId")
            let setting = try await request.decodeJSON(PartnerQuota.Setting.self, context: context)
            return try await quotas.set(setting, of: product, for: partner, by: context.caller)
        }
        endpoints.delete("partners/{id}/quotas/{productId}", summary: "Remove a partner's quota of a product; its other quotas") {
            _, context in
            try await quotas.remove(quotaOf: try context.uuid("productId"), for: try context.uuid("id"), by: context.caller)
        }
        endpoints.get(
            "partners/{id}/deliveries", summary: "What rounds delivered to or collected from an organisation",
            query: [.wholeNumber("limit", 1...1000)]
        ) {
            request, context in
            let id = try context.uuid("id")
            let limit = try request.query("limit") { Int($0).flatMap { (1...1000).contains($0) ? $0 : nil } } ?? 100
            return try await profiles.deliveries(to: id, limit: limit, by: context.caller)
        }
        return endpoints
    }
}
