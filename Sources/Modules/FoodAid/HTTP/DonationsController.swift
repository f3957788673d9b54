import CollectoKernel
import Foundation
import Hummingbird

/// Donors, donation offers, pickups and sorting.
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

    let units: UnitOfWorkRunner
    let tasks: TaskService
    let timeZone: TimeZone

    var offers: OfferService { OfferService(timeZone: timeZone, pickups: PickupService(tasks: tasks, timeZone: timeZone)) }

    var endpoints: Endpoints<AuthenticatedContext> {
        let endpoints = Endpoints<AuthenticatedContext>(tag: "foodaid")
        endpoints.put("donors/{id}/profile", summary: "Set a donor's type and usual pickup days", body: DonorProfile.Input.self) {
            request, context in
            let id = try context.uuid("id")
            let input = try await request.decodeJSON(DonorProfile.Input.self, context: context)
            try context.caller.require(context.caller.canManage(id), "only the donor's admins or the food bank change this profile")
            return try await units.write(by: context.caller) { tx in
                let profile = try await DonorProfileStore().save(id, input, in: tx)
                try await tx.audit("update", entity: "foodaid.donor_profile", id: id.uuidString, organisation: id)
                return profile
            }
        }
        endpoints.get("donors/{id}/profile", summary: "A donor's type and usual pickup days") { _, context in
            let id = try context.uuid("id")
            guard context.caller.canRead(id), let profile = try await units.read({ db in try await DonorProfileStore().get(id, in: db) })
            else {
                throw KernelError.notFound(entity: "donor profile", id: id.uuidString)
            }
            return profile
        }
        endpoints.post("offers", summary: "Declare a donation offer", body: OfferService.Declaration.self) { request, context in
            let declaration = try await request.decodeJSON(OfferService.Declaration.self, context: context)
            let caller = context.caller
            guard caller.managesEverything || [.admin, .coordinator, .member].contains(caller.role(in: declaration.donorId)) else {
                throw KernelError.forbidden("you cannot offer on behalf of this donor")
            }
            return try await units.write(by: caller) { tx in
                let offer = try await offers.declare(declaration, in: tx)
                try await tx.audit("declare", entity: "foodaid.offer", id: offer.id.uuidString, organisation: offer.donorId)
                return offer
            }
        }
        endpoints.get(
            "offers", summary: "Offers: the food bank sees all, donors their own, partners those broadcast near them",
            query: ["status", "limit", "offset"]
        ) {
            request, context in
            let page = try request.page()
            let status = try request.query("status", OfferStatus.init(rawValue:))
            let caller = context.caller
            return try await units.read { db in
                var visible: [DonationOffer] = []
                for offer in try await OfferStore().list(status: status, in: db) {
                    if caller.seesEverything || caller.canRead(offer.donorId) {
                        visible.append(offer)
                    } else {
                        for partner in caller.roles.keys where try await offers.isNear(offer, partner: partner, in: db) {
                            visible.append(offer)
                            break
                        }
                    }
                }
                return visible.paged(page)
            }
        }
        addDecisions(to: endpoints)
        addPickups(to: endpoints)
        return endpoints
    }
}
