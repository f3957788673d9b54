import CollectoKernel
import Foundation

/// Who may do what in FoodAid: the food bank's coordinators run the catalogue,
/// stock, windows and preparation; a partner's members order for their own
/// organisation only.
enum FoodAidAccess {
    static func requireFoodBankStaff(_ caller: Caller) throws {
        try caller.require(caller.managesEverything, "only the food bank's coordinators and admins do this")
    }

    /// A partner's own users (not read-only, not drivers), or the food bank's coordinators.
    static func mayOrder(for organisation: UUID, _ caller: Caller) -> Bool {
        if caller.managesEverything { return true }
        guard let role = caller.role(in: organisation) else { return false }
        return [.admin, .coordinator, .member].contains(role)
    }

    /// Throws 404 (not 403) so a partner learns nothing of others' orders.
    static func requireOrderAccess(_ order: PartnerOrder, _ caller: Caller) throws {
        guard caller.canRead(order.organisationId) else { throw KernelError.notFound(entity: "order", id: order.id.uuidString) }
    }
}
