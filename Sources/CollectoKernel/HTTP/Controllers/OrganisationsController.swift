import Foundation
import Hummingbird

/// Organisations: operator staff see and create all; others see their own.
struct OrganisationsController {
    let kernel: Kernel

    var endpoints: Endpoints<AuthenticatedContext> {
        let endpoints = Endpoints<AuthenticatedContext>(tag: "organisations")
        let organisations = OrganisationUseCases(units: kernel.units)
        endpoints.get(
            "organisations", summary: "Organisations the caller may see", query: APIParameter.page + [.oneOf("kind", OrganisationKind.self)]
        ) {
            request, context in
            try await organisations.list(
                kind: try request.query("kind", OrganisationKind.init(rawValue:)), page: try request.page(), by: context.caller)
        }
        endpoints.post("organisations", summary: "Create an organisation (food-bank staff)", body: OrganisationService.Input.self) {
            request, context in
            try await organisations.create(
                try await request.decodeJSON(OrganisationService.Input.self, context: context), by: context.caller)
        }
        endpoints.get("organisations/{id}", summary: "One organisation") { _, context in
            try await organisations.organisation(try context.uuid("id"), by: context.caller)
        }
        return endpoints
    }
}
