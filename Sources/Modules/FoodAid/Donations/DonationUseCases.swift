import CollectoKernel
import Foundation

/// Donations' actions, so that the JSON API and the pages share one rule per
/// action: donors keep their profile and declare offers, the food bank's staff
/// accept, decline or broadcast them, nearby partners claim broadcast ones, and
/// the food bank schedules and sorts the pickups that follow.
struct DonationUseCases: Sendable {
    let units: UnitOfWorkRunner
    let tasks: TaskService
    let timeZone: TimeZone

    var offerService: OfferService { OfferService(timeZone: timeZone, pickups: pickupService) }
    var pickupService: PickupService { PickupService(tasks: tasks, timeZone: timeZone) }

    // Donor profiles

    func setDonorProfile(_ id: UUID, _ input: DonorProfile.Input, by caller: Caller) async throws -> DonorProfile {
        try FoodAidPermissions.editDonorProfile.require(caller, in: id)
        return try await units.write(by: caller) { tx in
            let profile = try await DonorProfileStore().save(id, input, in: tx)
            try await tx.audit("update", entity: "foodaid.donor_profile", id: id.uuidString, organisation: id)
            return profile
        }
    }

    /// A donor's profile; 404 to a caller who may not read the donor's data.
    func donorProfile(_ id: UUID, by caller: Caller) async throws -> DonorProfile {
        guard FoodAidPermissions.readDonorProfile.isHeld(by: caller, in: id),
            let profile = try await units.read({ db in try await DonorProfileStore().get(id, in: db) })
        else {
            throw KernelError.notFound(entity: "donor profile", id: id.uuidString)
        }
        return profile
    }

    // Offers

    func declareOffer(_ declaration: OfferService.Declaration, by caller: Caller) async throws -> DonationOffer {
        try FoodAidPermissions.offerDonations.require(caller, in: declaration.donorId)
        let offers = offerService
        return try await units.write(by: caller) { tx in
            let offer = try await offers.declare(declaration, in: tx)
            try await tx.audit("declare", entity: "foodaid.offer", id: offer.id.uuidString, organisation: offer.donorId)
            return offer
        }
    }

    /// The offers the caller sees: those of the donors whose data they read,
    /// those their organisations claimed, and the broadcast ones near one of
    /// their organisations; filtered and paged in SQL.
    func offers(status: OfferStatus?, page: PageRequest, by caller: Caller) async throws -> Page<DonationOffer> {
        let offers = offerService
        guard let donors = FoodAidPermissions.readOffers.organisations(heldBy: caller) else {
            return try await units.read { db in try await OfferStore().list(status: status, page: page, in: db) }
        }
        return try await units.read { db in
            // Broadcast offers are few and short-lived: the nearby ones are found first, by distance.
            var nearby: Set<UUID> = []
            for offer in try await OfferStore().list(status: .broadcast, in: db).items
            where try await isNear(offer, oneOf: caller, offers: offers, in: db) {
                nearby.insert(offer.id)
            }
            let visibility = OfferStore.Visibility(donors: donors, claimants: Set(caller.roles.keys), offers: nearby)
            return try await OfferStore().list(status: status, visibleTo: visibility, page: page, in: db)
        }
    }

    func accept(_ id: UUID, _ acceptance: OfferService.Acceptance, by caller: Caller) async throws -> DonationOffer {
        try FoodAidPermissions.decideDonations.require(caller)
        let offers = offerService
        return try await units.write(by: caller) { tx in
            let offer = try await offers.accept(id, acceptance, in: tx)
            try await tx.audit(offer.status.rawValue, entity: "foodaid.offer", id: id.uuidString, organisation: offer.donorId)
            return offer
        }
    }

    func decline(_ id: UUID, reason: String, by caller: Caller) async throws -> DonationOffer {
        try FoodAidPermissions.decideDonations.require(caller)
        let offers = offerService
        return try await units.write(by: caller) { tx in
            let offer = try await offers.decline(id, reason: reason, in: tx)
            try await tx.audit("decline", entity: "foodaid.offer", id: id.uuidString, organisation: offer.donorId, details: reason)
            return offer
        }
    }

    func broadcast(_ id: UUID, by caller: Caller) async throws -> DonationOffer {
        try FoodAidPermissions.decideDonations.require(caller)
        let offers = offerService
        return try await units.write(by: caller) { tx in
            let offer = try await offers.broadcast(id, in: tx)
            try await tx.audit("broadcast", entity: "foodaid.offer", id: id.uuidString, organisation: offer.donorId)
            return offer
        }
    }

    /// Claims a broadcast offer for `partner` (the service answers 404 when it is not near the partner).
    func claim(_ id: UUID, for partner: UUID, by caller: Caller) async throws -> DonationOffer {
        try FoodAidPermissions.claimDonations.require(caller, in: partner)
        let offers = offerService
        return try await units.write(by: caller) { tx in
            let offer = try await offers.claim(id, by: partner, in: tx)
            try await tx.audit("claim", entity: "foodaid.offer", id: id.uuidString, organisation: partner)
            return offer
        }
    }

    // Rules

    /// The donation rules, which every caller may read.
    func donationRules(by caller: Caller) async throws -> DonationRules {
        try await units.read { db in try await DonationRules.load(in: db) }
    }

    func changeDonationRules(_ rules: DonationRules, by caller: Caller) async throws -> DonationRules {
        try FoodAidPermissions.editDonationRules.require(caller)
        return try await units.write(by: caller) { tx in
            try await rules.save(in: tx)
            try await tx.audit("update", entity: "foodaid.settings", id: "donation_rules", organisation: nil)
            return rules
        }
    }

    /// Whether the offer is broadcast near (or was claimed by) one of the
    /// caller's organisations: asked only of offers the caller's roles do not
    /// already let them read.
    private func isNear(_ offer: DonationOffer, oneOf caller: Caller, offers: OfferService, in db: any SQLExecutor) async throws
        -> Bool
    {
        guard !FoodAidPermissions.readOffers.isHeld(by: caller, in: offer.donorId) else { return false }
        for partner in caller.roles.keys where try await offers.isNear(offer, partner: partner, in: db) {
            return true
        }
        return false
    }
}
