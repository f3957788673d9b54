import CollectoKernel
import Foundation
import Hummingbird

/// Emergency parcels over HTTP: the food bank defines compositions and
/// prepares them; referring social services request them for a household size.
struct ParcelsController {
    let parcels: ParcelUseCases

    var endpoints: Endpoints<AuthenticatedContext> {
        let endpoints = Endpoints<AuthenticatedContext>(tag: "foodaid")
        endpoints.post(
            "parcel-compositions", summary: "Define a standard parcel for a range of household sizes", body: ParcelComposition.Input.self
        ) {
            request, context in
            let input = try await request.decodeJSON(ParcelComposition.Input.self, context: context)
            return try await parcels.defineComposition(input, by: context.caller)
        }
        endpoints.get("parcel-compositions", summary: "Standard parcels") { _, context in
            try await parcels.compositions(by: context.caller)
        }
        endpoints.put(
            "parcel-compositions/{id}", summary: "Change a standard parcel: name, household sizes, products",
            body: ParcelComposition.Input.self
        ) { request, context in
            let id = try context.uuid("id")
            let input = try await request.decodeJSON(ParcelComposition.Input.self, context: context)
            return try await parcels.updateComposition(id, with: input, by: context.caller)
        }
        endpoints.post("parcel-compositions/{id}/retire", summary: "Retire a standard parcel; its sizes are free", status: .ok) {
            _, context in
            try await parcels.retireComposition(try context.uuid("id"), by: context.caller)
        }
        endpoints.post(
            "parcel-requests", summary: "Request emergency parcels (household size and count only)", body: ParcelRequest.Input.self
        ) {
            request, context in
            let input = try await request.decodeJSON(ParcelRequest.Input.self, context: context)
            return try await parcels.request(input, by: context.caller)
        }
        endpoints.get("parcel-requests", summary: "Parcel requests (referrers: their own)", query: APIParameter.page) {
            request, context in
            try await parcels.requests(page: try request.page(), by: context.caller)
        }
        endpoints.post("parcel-requests/{id}/prepare", summary: "Reserve the parcels' products, first-expiring first", status: .ok) {
            _, context in
            try await parcels.prepare(try context.uuid("id"), by: context.caller)
        }
        endpoints.post("parcel-requests/{id}/hand-over", summary: "Hand the prepared parcels over: they leave stock", status: .ok) {
            _, context in
            try await parcels.handOver(try context.uuid("id"), by: context.caller)
        }
        endpoints.post("parcel-requests/{id}/cancel", summary: "Cancel a request and give back what it held", status: .ok) {
            _, context in
            try await parcels.cancel(try context.uuid("id"), by: context.caller)
        }
        return endpoints
    }
}
