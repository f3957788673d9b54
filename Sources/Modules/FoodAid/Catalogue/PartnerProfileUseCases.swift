import CollectoKernel
import Foundation

/// A partner's declared households and what rounds brought it: read by the
/// partner and the food bank, declared by the partner's admins and coordinators
/// or the food bank's.
struct PartnerProfileUseCases: Sendable {
    let units: UnitOfWorkRunner

    func profile(of partner: UUID, by caller: Caller) async throws -> PartnerProfile {
        guard FoodAidPermissions.readPartnerProfile.isHeld(by: caller, in: partner),
            let profile = try await units.read({ db in try await PartnerProfileStore().get(partner, in: db) })
        else { throw KernelError.notFound(entity: "partner profile", id: partner.uuidString) }
        return profile
    }

    func declare(_ update: PartnerProfile.Update, for partner: UUID, by caller: Caller) async throws -> PartnerProfile {
        try update.validate()
        try FoodAidPermissions.editPartnerProfile.require(caller, in: partner)
        return try await units.write(by: caller) { tx in
            guard let organisation = try await OrganisationService().get(partner, in: tx), organisation.kind == .partnerAssociation else {
                throw KernelError.notFound(entity: "partner", id: partner.uuidString)
            }
            let profile = PartnerProfile(
                organisationId: partner, households: update.households, beneficiaries: update.beneficiaries, updatedAt: tx.now)
            try await PartnerProfileStore().save(profile, in: tx)
            try await tx.audit(
                "update", entity: "foodaid.partner_profile", id: partner.uuidString, organisation: partner,
                details: "\(update.households) households")
            return profile
        }
    }

    func deliveries(to organisation: UUID, limit: Int, by caller: Caller) async throws -> [TaskOutcomeLedger.Entry] {
        guard FoodAidPermissions.readPartnerProfile.isHeld(by: caller, in: organisation) else {
            throw KernelError.notFound(entity: "organisation", id: organisation.uuidString)
        }
        return try await units.read { db in try await TaskOutcomeLedger.entries(for: organisation, limit: limit, in: db) }
    }
}
