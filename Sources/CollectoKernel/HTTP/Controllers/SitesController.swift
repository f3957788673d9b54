import Foundation
import Hummingbird

/// Sites: readable by their organisation and operator staff, changed by their managers.
struct SitesController {
    let kernel: Kernel

    var endpoints: Endpoints<AuthenticatedContext> {
        let endpoints = Endpoints<AuthenticatedContext>(tag: "sites")
        let sites = SiteUseCases(units: kernel.units)
        endpoints.get("sites", summary: "Sites the caller may see", query: APIParameter.page + [.uuid("organisationId")]) {
            request, context in
            try await sites.list(
                organisation: try request.query("organisationId") { UUID(uuidString: $0) }, page: try request.page(), by: context.caller)
        }
        endpoints.post("sites", summary: "Create a site for an organisation", body: SiteService.Input.self) { request, context in
            try await sites.create(try await request.decodeJSON(SiteService.Input.self, context: context), by: context.caller)
        }
        endpoints.get("sites/{id}", summary: "One site") { _, context in
            try await sites.site(try context.uuid("id"), by: context.caller)
        }
        endpoints.put(
            "sites/{id}", summary: "Change a site (address, coordinates, hours, storage, service time)", body: SiteService.Input.self
        ) { request, context in
            let id = try context.uuid("id")
            let input = try await request.decodeJSON(SiteService.Input.self, context: context)
            return try await sites.update(id, with: input, by: context.caller)
        }
        return endpoints
    }
}
