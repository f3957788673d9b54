import CollectoKernel
import Foundation

/// A partner's households and what rounds brought it: read by the partner and
/// the food bank, declared by the partner's admins and coordinators or the
/// food bank's. A partner's households count weighs in fair allocation only
/// once the food bank's staff approve it: a partner's change, its first
/// declaration included, waits as the pending count; a change by the food
/// bank's staff is approved at once.
struct PartnerProfileUseCases: Sendable {
    let units: UnitOfWorkRunner

    func profile(of partner: UUID, by caller: Caller) async throws -> PartnerProfile {
        guard FoodAidPermissions.readPartnerProfile.isHeld(by: caller, in: partner),
            let profile = try await units.read({ db in try await PartnerProfileStore().get(partner, in: db) })
        else { throw KernelError.notFound(entity: "partner profile", id: partner.uuidString) }
        return profile
    }

    /// Records a partner's declaration: beneficiaries at once; the households
    /// count as pending from a partner, approved from the food bank's staff.
    func declare(_ update: PartnerProfile.Update, for partner: UUID, by caller: Caller) async throws -> PartnerProfile {
        try update.validate()
        try FoodAidPermissions.editPartnerProfile.require(caller, in: partner)
        let approves = FoodAidPermissions.approvePartnerHouseholds.isHeld(by: caller)
        return try await units.write(by: caller) { tx in
            guard let organisation = try await OrganisationService().get(partner, in: tx), organisation.kind == .partnerAssociation else {
                throw KernelError.notFound(entity: "partner", id: partner.uuidString)
            }
            var profile =
                try await PartnerProfileStore().get(partner, in: tx)
                ?? PartnerProfile(organisationId: partner, households: nil, beneficiaries: update.beneficiaries, updatedAt: tx.now)
            profile.beneficiaries = update.beneficiaries
            profile.updatedAt = tx.now
            if approves {
                profile.households = update.households
                profile.clearPending()
                profile.rejectedHouseholds = nil
                profile.rejectionReason = nil
                profile.decidedAt = tx.now
            } else if update.households == profile.households {
                profile.clearPending()
            } else {
                profile.pendingHouseholds = update.households
                profile.pendingRequestedBy = caller.userID
                profile.pendingRequestedAt = tx.now
                profile.rejectedHouseholds = nil
                profile.rejectionReason = nil
            }
            try await PartnerProfileStore().save(profile, in: tx)
            try await tx.audit(
                "update", entity: "foodaid.partner_profile", id: partner.uuidString, organisation: partner,
                details: approves
                    ? "\(update.households) households (approved)"
                    : "\(update.households) households asked, \(profile.households.map(String.init) ?? "none") approved")
            return profile
        }
    }

    /// Every partner's profile, for the food bank's staff.
    func allProfiles(by caller: Caller) async throws -> [UUID: PartnerProfile] {
        try FoodAidPermissions.approvePartnerHouseholds.require(caller)
        return try await units.read { db in try await PartnerProfileStore().all(in: db) }
    }

    /// The partners whose households count waits for the food bank, oldest request first.
    func pendingHouseholds(by caller: Caller) async throws -> [PartnerProfile] {
        try FoodAidPermissions.approvePartnerHouseholds.require(caller)
        return try await units.read { db in try await PartnerProfileStore().pending(in: db) }
    }

    /// Makes the pending count the approved one: the next allocations follow it.
    func approveHouseholds(of partner: UUID, by caller: Caller) async throws -> PartnerProfile {
        try FoodAidPermissions.approvePartnerHouseholds.require(caller)
        return try await units.write(by: caller) { tx in
            var profile = try await pendingProfile(of: partner, in: tx)
            let asked = profile.pendingHouseholds
            profile.households = asked
            profile.clearPending()
            profile.rejectedHouseholds = nil
            profile.rejectionReason = nil
            profile.updatedAt = tx.now
            profile.decidedAt = tx.now
            try await PartnerProfileStore().save(profile, in: tx)
            try await tx.audit(
                "approve_households", entity: "foodaid.partner_profile", id: partner.uuidString, organisation: partner,
                details: "\(asked ?? 0) households")
            return profile
        }
    }

    /// Drops the pending count, keeping the approved one; the reason is kept for the partner to read.
    func rejectHouseholds(of partner: UUID, reason: String?, by caller: Caller) async throws -> PartnerProfile {
        try FoodAidPermissions.approvePartnerHouseholds.require(caller)
        let reason = reason?.trimmingCharacters(in: .whitespacesAndNewlines).nilIfEmpty
        if let reason { try Validate.nonEmpty(reason, field: "reason", maxLength: 500) }
        return try await units.write(by: caller) { tx in
            var profile = try await pendingProfile(of: partner, in: tx)
            let asked = profile.pendingHouseholds
            profile.rejectedHouseholds = asked
            profile.rejectionReason = reason
            profile.clearPending()
            profile.updatedAt = tx.now
            profile.decidedAt = tx.now
            try await PartnerProfileStore().save(profile, in: tx)
            try await tx.audit(
                "reject_households", entity: "foodaid.partner_profile", id: partner.uuidString, organisation: partner,
                details: "\(asked ?? 0) households" + (reason.map { ": \($0)" } ?? ""))
            return profile
        }
    }

    func deliveries(to organisation: UUID, limit: Int, by caller: Caller) async throws -> [TaskOutcomeLedger.Entry] {
        guard FoodAidPermissions.readPartnerProfile.isHeld(by: caller, in: organisation) else {
            throw KernelError.notFound(entity: "organisation", id: organisation.uuidString)
        }
        return try await units.read { db in try await TaskOutcomeLedger.entries(for: organisation, limit: limit, in: db) }
    }

    private func pendingProfile(of partner: UUID, in tx: Transaction) async throws -> PartnerProfile {
        guard let profile = try await PartnerProfileStore().get(partner, in: tx) else {
            throw KernelError.notFound(entity: "partner profile", id: partner.uuidString)
        }
        guard profile.pendingHouseholds != nil else { throw FoodAidError.noPendingHouseholds(partner: partner) }
        return profile
    }
}

extension PartnerProfile {
    fileprivate mutating func clearPending() {
        pendingHouseholds = nil
        pendingRequestedBy = nil
        pendingRequestedAt = nil
    }
}

extension String {
    fileprivate var nilIfEmpty: String? { isEmpty ? nil : self }
}
