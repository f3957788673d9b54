import CollectoKernel
import Foundation

/// Reads and writes partner profiles, the approved households count and the
/// pending one side by side.
struct PartnerProfileStore {
    func get(_ organisation: UUID, in db: any SQLExecutor) async throws -> PartnerProfile? {
        guard let row = try await db.queryFirst("SELECT * FROM foodaid_partner_profiles WHERE organisation_id = ?", [organisation]) else {
            return nil
        }
        return try profile(row)
    }

    /// The profiles with a households count waiting for the food bank, oldest request first.
    func pending(in db: any SQLExecutor) async throws -> [PartnerProfile] {
        try await db.query(
            "SELECT * FROM foodaid_partner_profiles WHERE pending_households IS NOT NULL ORDER BY pending_requested_at, organisation_id"
        ).map(profile)
    }

    /// Every partner's profile, by partner.
    func all(in db: any SQLExecutor) async throws -> [UUID: PartnerProfile] {
        let profiles = try await db.query("SELECT * FROM foodaid_partner_profiles").map(profile)
        return Dictionary(profiles.map { ($0.organisationId, $0) }, uniquingKeysWith: { first, _ in first })
    }

    /// The approved households count of each of `organisations` that has one.
    func approvedHouseholds(of organisations: Set<UUID>, in db: any SQLExecutor) async throws -> [UUID: Int] {
        var counts: [UUID: Int] = [:]
        for organisation in organisations {
            if let households = try await get(organisation, in: db)?.households { counts[organisation] = households }
        }
        return counts
    }

    func save(_ profile: PartnerProfile, in tx: Transaction) async throws {
        try await tx.execute("DELETE FROM foodaid_partner_profiles WHERE organisation_id = ?", [profile.organisationId])
        try await tx.execute(
            """
            INSERT INTO foodaid_partner_profiles (organisation_id, households, beneficiaries, updated_at, pending_households,
                pending_requested_by, pending_requested_at, rejected_households, rejection_reason, decided_at)
            VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?)
            """,
            [
                profile.organisationId, profile.households, profile.beneficiaries, profile.updatedAt, profile.pendingHouseholds,
                profile.pendingRequestedBy, profile.pendingRequestedAt, profile.rejectedHouseholds, profile.rejectionReason,
                profile.decidedAt,
            ])
    }

    private func profile(_ row: SQLRow) throws -> PartnerProfile {
        PartnerProfile(
            organisationId: try row.uuid("organisation_id"), households: try row.optionalInt("households"),
            beneficiaries: try row.int("beneficiaries"), updatedAt: try row.instant("updated_at"),
            pendingHouseholds: try row.optionalInt("pending_households"), pendingRequestedBy: try row.optionalUUID("pending_requested_by"),
            pendingRequestedAt: try row.optionalInstant("pending_requested_at"),
            rejectedHouseholds: try row.optionalInt("rejected_households"),
            rejectionReason: try row.optionalString("rejection_reason"), decidedAt: try row.optionalInstant("decided_at"))
    }
}
