import CollectoKernel
import Foundation

/// Who sees what: city services (and the food bank's staff) see every point
/// and report; a producing site's people see their own containers, requests,
/// notices and tonnage; drivers record the pickups of their rounds.
enum BiowasteAccess {
    /// Whether the caller works for a city service (any role but driver) or manages the network.
    static func isCity(_ caller: Caller, in db: any SQLExecutor) async throws -> Bool {
        if caller.seesEverything { return true }
        for (organisation, role) in caller.roles where role != .driver {
            if try await db.queryFirst(
                "SELECT id FROM kernel_organisations WHERE id = ? AND kind = 'city_service'", [organisation]) != nil
            {
                return true
            }
        }
        return false
    }

    /// City coordinators and admins, and the network's managers, plan and correct.
    static func requireCityManager(_ caller: Caller, in db: any SQLExecutor) async throws {
        if caller.managesEverything { return }
        for (organisation, role) in caller.roles where role == .admin || role == .coordinator {
            if try await db.queryFirst(
                "SELECT id FROM kernel_organisations WHERE id = ? AND kind = 'city_service'", [organisation]) != nil
            {
                return
            }
        }
        throw KernelError.forbidden("only city services' coordinators do this")
    }

    /// The point's own organisation, or city services.
    static func requirePointReader(_ point: CollectionPoint, _ caller: Caller, in db: any SQLExecutor) async throws {
        if try await isCity(caller, in: db) { return }
        guard caller.canRead(point.organisationId) else {
            throw KernelError.notFound(entity: "collection point", id: point.siteId.uuidString)
        }
    }
}
