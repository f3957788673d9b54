import CollectoKernel
import Foundation

/// Reads and writes partner profiles.
struct PartnerProfileStore {
    func get(_ organisation: UUID, in db: any SQLExecutor) async throws -> PartnerProfile? {
        guard let row = try await db.queryFirst("SELECT * FROM foodaid_partner_profiles WHERE organisation_id = ?", [organisation]) else {
            return nil
        }
        return PartnerProfile(
            organisationId: try row.uuid("organisation_id"), households: try row.int("households"),
            beneficiaries: try row.int("beneficiaries"), updatedAt: try row.instant("updated_at"))
    }

    func save(_ profile: PartnerProfile, in tx: Transaction) async throws {
        try await tx.execute("DELETE FROM foodaid_partner_profiles WHERE organisation_id = ?", [profile.organisationId])
        try await tx.execute(
            "INSERT INTO foodaid_partner_profiles (organisation_id, households, beneficiaries, updated_at) VALUES (?, ?, ?, ?)",
            [profile.organisationId, profile.households, profile.beneficiaries, profile.updatedAt])
    }
}
