import CollectoKernel
import Foundation
import Hummingbird

/// Donors, donation offers, pickups and sorting, over HTTP.
struct DonationsController {
    /// A decision's reason.
    struct Reason: Sendable, Codable, StrictBody {
        enum Field: String, CodingKey, CaseIterable { case reason }
        var reason: String
    }

    /// Who claims a broadcast offer.
    struct Claim: Sendable, Codable, StrictBody {
        enum Field: String, CodingKey, CaseIterable { case organisationId }
        var organisationId: UUID
    }

    /// Which regular pickups to create.
    struct Schedule: Sendable, Codable, StrictBody {
        enum Field: String, CodingKey, CaseIterable { case from, until, warehouseSiteId, estimatedKg }
        static let ranges: [FieldRange] = [.kilograms("estimatedKg", 0.001...40_000)]
        var from: CalendarDate
        var until: CalendarDate
        var warehouseSiteId: UUID
        var estimatedKg: Double?
    }

    let donations: DonationUseCases

    var endpoints: Endpoints<AuthenticatedContext> {
        let endpoints = Endpoints<AuthenticatedContext>(tag: "foodaid")
        endpoints.put("donors/{id}/profile", summary: "Set a donor's type and usual pickup days", body: DonorProfile.Input.self) {
            request, context in
            let id = try context.uuid("id")
            let input = try await request.decodeJSON(DonorProfile.Input.self, context: context)
            return try await donations.setDonorProfile(id, input, by: context.caller)
        }
        endpoints.get("donors/{id}/profile", summary: "A donor's type and usual pickup days") { _, context in
            try await donations.donorProfile(try context.uuid("id"), by: context.caller)
        }
        endpoints.post("offers", summary: "Declare a donation offer", body: OfferService.Declaration.self) { request, context in
            let declaration = try await request.decodeJSON(OfferService.Declaration.self, context: context)
            return try await donations.declareOffer(declaration, by: context.caller)
        }
        endpoints.get(
            "offers", summary: "Offers: the food bank sees all, donors their own, partners those broadcast near them",
            query: [.oneOf("status", OfferStatus.self)] + APIParameter.page
        ) {
            request, context in
            let page = try request.page()
            let status = try request.query("status", OfferStatus.init(rawValue:))
            return try await donations.offers(status: status, page: page, by: context.caller)
        }
        endpoints.get(
            "offers/{id}/counterpart",
            summary: "The other side of a claimed offer: the claiming partner for the donor, the donor and where to collect for the partner"
        ) { _, context in
            try await donations.counterpart(ofOffer: try context.uuid("id"), by: context.caller)
        }
        addDecisions(to: endpoints)
        addPickups(to: endpoints)
        return endpoints
    }
}
