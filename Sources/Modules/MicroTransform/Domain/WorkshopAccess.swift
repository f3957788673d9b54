import CollectoKernel
import Foundation

/// Who may do what at a workshop: its admins and coordinators manage (intake
/// decisions, recipes, resources, plans, releases), its members run batches,
/// the food bank's staff and the workshop's own people read; nobody else sees it.
enum WorkshopAccess {
    static func requireReader(_ workshop: UUID, _ caller: Caller) throws {
        guard caller.canRead(workshop) else { throw KernelError.notFound(entity: "workshop", id: workshop.uuidString) }
    }

    static func requireManager(_ workshop: UUID, _ caller: Caller) throws {
        try requireReader(workshop, caller)
        let role = caller.role(in: workshop)
        try caller.require(role == .admin || role == .coordinator, "only the workshop's managers do this")
    }

    static func requireCook(_ workshop: UUID, _ caller: Caller) throws {
        try requireReader(workshop, caller)
        let role = caller.role(in: workshop)
        try caller.require(role == .admin || role == .coordinator || role == .member, "only the workshop's staff run batches")
    }
}
