import Foundation
import Hummingbird

/// Sites: readable by their organisation and operator staff, changed by their managers.
struct SitesController {
    let kernel: Kernel

    var endpoints: Endpoints<AuthenticatedContext> {
        let endpoints = Endpoints<AuthenticatedContext>(tag: "sites")
        endpoints.get("sites", summary: "Sites the caller may see", query: ["limit", "offset", "organisationId"]) { request, context in
            let organisation = try request.query("organisationId") { UUID(uuidString: $0) }
            let page = try request.page()
            let readable = context.caller.readableOrganisations
            return try await kernel.units.read { db in
                try await SiteService().list(organisations: readable, organisation: organisation, page: page, in: db)
            }
        }
        endpoints.post("sites", summary: "Create a site for an organisation", body: SiteService.Input.self) { request, context in
            let input = try await request.decodeJSON(SiteService.Input.self, context: context)
            try context.caller.require(context.caller.canManage(input.organisationId), "you cannot add sites to this organisation")
            return try await kernel.units.write(by: context.caller) { tx in
                let site = try await SiteService().create(input, in: tx)
                try await tx.audit("create", entity: "site", id: site.id.uuidString, organisation: site.organisationId)
                return site
            }
        }
        endpoints.get("sites/{id}", summary: "One site") { _, context in
            let id = try context.uuid("id")
            guard let site = try await kernel.units.read({ db in try await SiteService().get(id, in: db) }),
                context.caller.canRead(site.organisationId)
            else { throw KernelError.notFound(entity: "site", id: id.uuidString) }
            return site
        }
        endpoints.put(
            "sites/{id}", summary: "Change a site (address, coordinates, hours, storage, service time)", body: SiteService.Input.self
        ) {
            request, context in
            let id = try context.uuid("id")
            let input = try await request.decodeJSON(SiteService.Input.self, context: context)
            let caller = context.caller
            return try await kernel.units.write(by: caller) { tx in
                guard let site = try await SiteService().get(id, in: tx), caller.canRead(site.organisationId) else {
                    throw KernelError.notFound(entity: "site", id: id.uuidString)
                }
                try caller.require(caller.canManage(site.organisationId), "you cannot change this organisation's sites")
                let updated = try await SiteService().update(id, with: input, in: tx)
                try await tx.audit("update", entity: "site", id: id.uuidString, organisation: site.organisationId)
                return updated
            }
        }
        return endpoints
    }
}
