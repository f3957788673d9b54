import CollectoKernel
import Foundation
import Hummingbird

/// A partner's declared households and deliveries, over HTTP.
struct PartnerProfilesController {
    let profiles: PartnerProfileUseCases

    var endpoints: Endpoints<AuthenticatedContext> {
        let endpoints = Endpoints<AuthenticatedContext>(tag: "foodaid")
        endpoints.get("partners/{id}/profile", summary: "A partner's declared households") { _, context in
            try await profiles.profile(of: try context.uuid("id"), by: context.caller)
        }
        endpoints.put("partners/{id}/profile", summary: "Declare the households a partner serves", body: PartnerProfile.Update.self) {
            request, context in
            let id = try context.uuid("id")
            let update = try await request.decodeJSON(PartnerProfile.Update.self, context: context)
            return try await profiles.declare(update, for: id, by: context.caller)
        }
        endpoints.get("partners/{id}/deliveries", summary: "What rounds delivered to or collected from an organisation", query: ["limit"]) {
            request, context in
            let id = try context.uuid("id")
            let limit = try request.query("limit") { Int($0).flatMap { (1...1000).contains($0) ? $0 : nil } } ?? 100
            return try await profiles.deliveries(to: id, limit: limit, by: context.caller)
        }
        return endpoints
    }
}
