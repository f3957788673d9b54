import Foundation
import Hummingbird

/// Organisations: operator staff see and create all; others see their own.
struct OrganisationsController {
    let kernel: Kernel

    var endpoints: Endpoints<AuthenticatedContext> {
        let endpoints = Endpoints<AuthenticatedContext>(tag: "organisations")
        endpoints.get("organisations", summary: "Organisations the caller may see", query: ["limit", "offset", "kind"]) {
            request, context in
            let kind = try request.query("kind", OrganisationKind.init(rawValue:))
            let page = try request.page()
            let readable = context.caller.readableOrganisations
            return try await kernel.units.read { db in
                try await OrganisationService().list(visibleTo: readable, kind: kind, page: page, in: db)
            }
        }
        endpoints.post("organisations", summary: "Create an organisation (food-bank staff)", body: OrganisationService.Input.self) {
            request, context in
            let input = try await request.decodeJSON(OrganisationService.Input.self, context: context)
            try context.caller.require(context.caller.managesEverything, "only food-bank coordinators create organisations")
            return try await kernel.units.write(by: context.caller) { tx in
                let organisation = try await OrganisationService().create(input, in: tx)
                try await tx.audit("create", entity: "organisation", id: organisation.id.uuidString, organisation: organisation.id)
                return organisation
            }
        }
        endpoints.get("organisations/{id}", summary: "One organisation") { _, context in
            let id = try context.uuid("id")
            guard context.caller.canRead(id),
                let organisation = try await kernel.units.read({ db in try await OrganisationService().get(id, in: db) })
            else { throw KernelError.notFound(entity: "organisation", id: id.uuidString) }
            return organisation
        }
        return endpoints
    }
}
