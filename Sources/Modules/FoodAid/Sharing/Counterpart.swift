import CollectoKernel
import Foundation

/// The other side of a deal between two organisations that cannot otherwise
/// read each other: a donor and the partner that claimed its broadcast offer,
/// or the partner that posted a surplus and the one that claimed it. Each
/// learns the other's name and how to reach them, and the side that collects
/// learns where: nothing more, and only while the deal stands (a claimed
/// offer; a claimed or handed-over surplus, never a withdrawn one).
public struct Counterpart: Sendable, Codable, Hashable {
    public var organisationId: UUID
    public var name: String
    public var phone: String?
    public var email: String?
    /// Where the goods wait, told to the side that collects them.
    public var address: String?

    /// Reads `organisation`'s name and contact, and `site`'s address when the caller collects there.
    static func read(_ organisation: UUID, collectingAt site: UUID?, in db: any SQLExecutor) async throws -> Counterpart {
        guard let found = try await OrganisationService().get(organisation, in: db) else {
            throw KernelError.notFound(entity: "organisation", id: organisation.uuidString)
        }
        var address: String?
        if let site, let place = try await SiteService().get(site, in: db) {
            address = [place.name, place.address, [place.postcode, place.city].compactMap { $0 }.joined(separator: " ")]
                .filter { !$0.isEmpty }.joined(separator: ", ")
        }
        return Counterpart(organisationId: found.id, name: found.name, phone: found.phone, email: found.contactEmail, address: address)
    }
}

extension DonationUseCases {
    /// The other side of a claimed offer: for the donor's people, the partner that claimed it; for the claiming
    /// partner's, the donor and where to collect. Anyone else, or an offer nobody claimed, is told nothing (404).
    func counterpart(ofOffer id: UUID, by caller: Caller) async throws -> Counterpart {
        try await units.read { db in
            guard let offer = try await OfferStore().get(id, in: db), offer.status == .claimed, let claimant = offer.claimedBy else {
                throw KernelError.notFound(entity: "offer", id: id.uuidString)
            }
            if FoodAidPermissions.readOffers.isHeld(by: caller, in: offer.donorId), caller.roles[offer.donorId] != nil {
                return try await Counterpart.read(claimant, collectingAt: nil, in: db)
            }
            if caller.roles[claimant] != nil, FoodAidPermissions.readOffers.isHeld(by: caller, in: claimant) {
                return try await Counterpart.read(offer.donorId, collectingAt: offer.siteId, in: db)
            }
            throw KernelError.notFound(entity: "offer", id: id.uuidString)
        }
    }
}

extension SharingUseCases {
    /// The other side of a claimed surplus: for the poster's people, the partner that claimed it; for the claimer's,
    /// the poster and where to collect. Anyone else, or a surplus nobody claimed, is told nothing (404).
    func counterpart(ofSurplus id: UUID, by caller: Caller) async throws -> Counterpart {
        let sharing = sharing
        return try await units.read { db in
            guard let surplus = try await sharing.surplus(id, in: db), [.claimed, .transferred].contains(surplus.status),
                let claimant = surplus.claimedBy
            else {
                throw KernelError.notFound(entity: "surplus", id: id.uuidString)
            }
            if caller.roles[surplus.organisationId] != nil, FoodAidPermissions.readSurpluses.isHeld(by: caller, in: surplus.organisationId)
            {
                return try await Counterpart.read(claimant, collectingAt: nil, in: db)
            }
            if caller.roles[claimant] != nil, FoodAidPermissions.readSurpluses.isHeld(by: caller, in: claimant) {
                return try await Counterpart.read(surplus.organisationId, collectingAt: surplus.siteId, in: db)
            }
            throw KernelError.notFound(entity: "surplus", id: id.uuidString)
        }
    }
}
