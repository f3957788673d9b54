import CollectoKernel
import Foundation

/// A partner's quotas: read by the partner's people and the food bank, set and
/// removed by the food bank's coordinators and admins, each change one unit of
/// work with its audit entry. The basket and the order rules read the same table.
struct PartnerQuotaUseCases: Sendable {
    let units: UnitOfWorkRunner

    func quotas(of partner: UUID, by caller: Caller) async throws -> [PartnerQuota] {
        guard FoodAidPermissions.readPartnerProfile.isHeld(by: caller, in: partner) else {
            throw KernelError.notFound(entity: "partner", id: partner.uuidString)
        }
        return try await units.read { db in try await PartnerQuotaStore().quotas(of: partner, in: db) }
    }

    /// How many quotas each partner has, for the food bank's staff.
    func counts(by caller: Caller) async throws -> [UUID: Int] {
        try FoodAidPermissions.setPartnerQuotas.require(caller)
        return try await units.read { db in try await PartnerQuotaStore().counts(in: db) }
    }

    /// Sets `partner`'s quota of `product` per window, replacing any earlier one.
    func set(_ setting: PartnerQuota.Setting, of product: UUID, for partner: UUID, by caller: Caller) async throws -> PartnerQuota {
        try FoodAidPermissions.setPartnerQuotas.require(caller)
        try Validate.range(setting.unitsPerWindow, PartnerQuota.unitsRange, field: "unitsPerWindow")
        return try await units.write(by: caller) { tx in
            try await requirePartner(partner, in: tx)
            guard let found = try await CatalogueService().get(product, in: tx) else {
                throw KernelError.notFound(entity: "product", id: product.uuidString)
            }
            let quota = PartnerQuota(
                organisationId: partner, productId: found.id, productCode: found.code, productName: found.name,
                unitsPerWindow: setting.unitsPerWindow, setBy: caller.userID, setAt: tx.now)
            try await PartnerQuotaStore().save(quota, in: tx)
            try await tx.audit(
                "set_quota", entity: "foodaid.partner_quota", id: "\(partner.uuidString)/\(product.uuidString)", organisation: partner,
                details: "\(found.code): \(setting.unitsPerWindow) per window")
            return quota
        }
    }

    /// Removes `partner`'s quota of `product`; the partner's remaining quotas.
    func remove(quotaOf product: UUID, for partner: UUID, by caller: Caller) async throws -> [PartnerQuota] {
        try FoodAidPermissions.setPartnerQuotas.require(caller)
        return try await units.write(by: caller) { tx in
            try await requirePartner(partner, in: tx)
            guard try await PartnerQuotaStore().remove(product: product, of: partner, in: tx) else {
                throw KernelError.notFound(entity: "quota", id: product.uuidString)
            }
            try await tx.audit(
                "remove_quota", entity: "foodaid.partner_quota", id: "\(partner.uuidString)/\(product.uuidString)",
                organisation: partner)
            return try await PartnerQuotaStore().quotas(of: partner, in: tx)
        }
    }

    private func requirePartner(_ partner: UUID, in tx: Transaction) async throws {
        guard let organisation = try await OrganisationService().get(partner, in: tx), organisation.kind == .partnerAssociation else {
            throw KernelError.notFound(entity: "partner", id: partner.uuidString)
        }
    }
}
