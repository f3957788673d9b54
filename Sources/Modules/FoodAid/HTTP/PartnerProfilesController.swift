import CollectoKernel
import Foundation
import Hummingbird

/// A partner's declared households: read by the partner and the food bank,
/// updated by the partner's admins or the food bank's coordinators.
struct PartnerProfilesController {
    let units: UnitOfWorkRunner

    var endpoints: Endpoints<AuthenticatedContext> {
        let endpoints = Endpoints<AuthenticatedContext>(tag: "foodaid")
        endpoints.get("partners/{id}/profile", summary: "A partner's declared households") { _, context in
            let id = try context.uuid("id")
            guard FoodAidPermissions.readPartnerProfile.isHeld(by: context.caller, in: id),
                let profile = try await units.read({ db in try await PartnerProfileStore().get(id, in: db) })
            else { throw KernelError.notFound(entity: "partner profile", id: id.uuidString) }
            return profile
        }
        endpoints.put("partners/{id}/profile", summary: "Declare the households a partner serves", body: PartnerProfile.Update.self) {
            request, context in
            let id = try context.uuid("id")
            let update = try await request.decodeJSON(PartnerProfile.Update.self, context: context)
            try update.validate()
            try context.caller.require(
                FoodAidPermissions.editPartnerProfile.isHeld(by: context.caller, in: id), "you cannot change this partner's profile")
            return try await units.write(by: context.caller) { tx in
                guard let organisation = try await OrganisationService().get(id, in: tx), organisation.kind == .partnerAssociation else {
                    throw KernelError.notFound(entity: "partner", id: id.uuidString)
                }
                let profile = PartnerProfile(
                    organisationId: id, households: update.households, beneficiaries: update.beneficiaries, updatedAt: tx.now)
                try await PartnerProfileStore().save(profile, in: tx)
                try await tx.audit(
                    "update", entity: "foodaid.partner_profile", id: id.uuidString, organisation: id,
                    details: "\(update.households) households")
                return profile
            }
        }
        endpoints.get("partners/{id}/deliveries", summary: "What rounds delivered to or collected from an organisation", query: ["limit"]) {
            request, context in
            let id = try context.uuid("id")
            guard FoodAidPermissions.readPartnerProfile.isHeld(by: context.caller, in: id) else {
                throw KernelError.notFound(entity: "organisation", id: id.uuidString)
            }
            let limit = try request.query("limit") { Int($0).flatMap { (1...1000).contains($0) ? $0 : nil } } ?? 100
            return try await units.read { db in try await TaskOutcomeLedger.entries(for: id, limit: limit, in: db) }
        }
        return endpoints
    }
}
