import CollectoKernel
import Foundation
import Hummingbird

/// The workshops themselves: registering one for a `processing_workshop`
/// organisation, listing those the caller may see, reading and changing one.
struct WorkshopsController {
    let workshops: WorkshopUseCases

    var endpoints: Endpoints<AuthenticatedContext> {
        let endpoints = Endpoints<AuthenticatedContext>(tag: "microtransform")
        endpoints.get("workshops", summary: "Workshops the caller may see") { _, context in
            try await workshops.workshops(by: context.caller)
        }
        endpoints.post(
            "workshops", summary: "Register the workshop of a processing workshop organisation, at one of its sites",
            body: WorkshopRegistration.self
        ) { request, context in
            let registration = try await request.decodeJSON(WorkshopRegistration.self, context: context)
            return try await workshops.register(registration, by: context.caller)
        }
        endpoints.get("workshops/{workshopId}", summary: "A workshop: its organisation, kitchen site and daily capacity") {
            _, context in
            try await workshops.workshop(try context.uuid("workshopId"), by: context.caller)
        }
        endpoints.put(
            "workshops/{workshopId}", summary: "Move a workshop to another of its sites or change its daily capacity",
            body: WorkshopChange.self
        ) { request, context in
            let id = try context.uuid("workshopId")
            let change = try await request.decodeJSON(WorkshopChange.self, context: context)
            return try await workshops.change(id, change, by: context.caller)
        }
        return endpoints
    }
}
