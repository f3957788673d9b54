import CollectoKernel
import Foundation

/// What FoodAid knows of a donor or supplier: its kind and the weekdays its
/// goods are usually picked up (the regular "ramasses").
public struct DonorProfile: Sendable, Codable, Hashable {
    public var organisationId: UUID
    public var donorType: DonorType
    public var usualPickupDays: [Weekday]
    /// Where pickups happen; the organisation's first site when unset.
    public var siteId: UUID?
    public var updatedAt: Date

    /// The body that sets a profile.
    struct Input: Sendable, Codable, StrictBody {
        enum Field: String, CodingKey, CaseIterable { case donorType, usualPickupDays, siteId }
        var donorType: DonorType
        var usualPickupDays: [Weekday]
        var siteId: UUID?
    }
}

/// The kinds of donor and supplier.
public enum DonorType: String, Sendable, AcceptedValues, CaseIterable {
    case supermarket, producer, wholesaler, manufacturer, individual
}

/// Reads and writes donor profiles.
struct DonorProfileStore: Sendable {
    func get(_ organisation: UUID, in db: any SQLExecutor) async throws -> DonorProfile? {
        try await db.queryFirst("SELECT * FROM foodaid_donor_profiles WHERE organisation_id = ?", [organisation]).map(Self.profile)
    }

    func all(in db: any SQLExecutor) async throws -> [DonorProfile] {
        try await db.query("SELECT * FROM foodaid_donor_profiles ORDER BY organisation_id").map(Self.profile)
    }

    func save(_ organisation: UUID, _ input: DonorProfile.Input, in tx: Transaction) async throws -> DonorProfile {
        guard let found = try await OrganisationService().get(organisation, in: tx), [.donor, .supplier].contains(found.kind) else {
            throw KernelError.notFound(entity: "donor", id: organisation.uuidString)
        }
        if let site = input.siteId {
            guard try await SiteService().get(site, in: tx)?.organisationId == organisation else {
                throw KernelError.invalid(field: "siteId", message: "the site is not one of this donor's")
            }
        }
        let profile = DonorProfile(
            organisationId: organisation, donorType: input.donorType,
            usualPickupDays: Array(Set(input.usualPickupDays)).sorted { $0.order < $1.order },
            siteId: input.siteId, updatedAt: tx.now)
        try await tx.execute("DELETE FROM foodaid_donor_profiles WHERE organisation_id = ?", [organisation])
        try await tx.execute(
            "INSERT INTO foodaid_donor_profiles (organisation_id, donor_type, usual_pickup_days, site_id, updated_at) VALUES (?, ?, ?, ?, ?)",
            [
                organisation, profile.donorType.rawValue, profile.usualPickupDays.map(\.rawValue).joined(separator: ","), profile.siteId,
                tx.now,
            ])
        return profile
    }

    static func profile(_ row: SQLRow) throws -> DonorProfile {
        DonorProfile(
            organisationId: try row.uuid("organisation_id"), donorType: try row.value(DonorType.self, "donor_type"),
            usualPickupDays: try row.string("usual_pickup_days").split(separator: ",").compactMap { Weekday(rawValue: String($0)) },
            siteId: try row.optionalUUID("site_id"), updatedAt: try row.instant("updated_at"))
    }
}

extension Weekday {
    /// Monday first.
    var order: Int { Weekday.allCases.firstIndex(of: self) ?? 0 }
}
