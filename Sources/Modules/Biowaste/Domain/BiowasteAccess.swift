import CollectoKernel
import Foundation

/// Who sees what: city services (and the food bank's staff) see every point
/// and report; a producing site's people see their own containers, requests,
/// notices and tonnage; drivers record the pickups of their rounds.
enum BiowasteAccess {
    /// Whether the caller works for a city service (any role but driver) or manages the network.
    static func isCity(_ caller: Caller, in db: any SQLExecutor) async throws -> Bool {
        if caller.seesEverything { return true }
        return caller.organisations(ofKind: .cityService).contains { $0.role != .driver }
    }

    /// City coordinators and admins, and the network's managers, plan and correct.
    static func requireCityManager(_ caller: Caller, in db: any SQLExecutor) async throws {
        if caller.managesEverything { return }
        guard caller.organisations(ofKind: .cityService).contains(where: { $0.role.canManage }) else {
            throw KernelError.forbidden("only city services' coordinators do this")
        }
    }

    /// The point's own organisation, or city services.
    static func requirePointReader(_ point: CollectionPoint, _ caller: Caller, in db: any SQLExecutor) async throws {
        if try await isCity(caller, in: db) { return }
        guard caller.canRead(point.organisationId) else {
            throw KernelError.notFound(entity: "collection point", id: point.siteId.uuidString)
        }
    }
}
