import Foundation

/// The actions on sites: readable by their organisation and food-bank staff
/// (and by the driver of an open round that stops there), added and changed
/// by the organisation's coordinators.
public struct SiteUseCases: Sendable {
    let units: UnitOfWorkRunner

    public init(units: UnitOfWorkRunner) {
        self.units = units
    }

    public func list(organisation: UUID?, page: PageRequest, by caller: Caller) async throws -> Page<Site> {
        let readable = caller.readableOrganisations
        return try await units.read { db in
            try await SiteService().list(organisations: readable, organisation: organisation, page: page, in: db)
        }
    }

    public func create(_ input: SiteService.Input, by caller: Caller) async throws -> Site {
        try caller.require(caller.canManage(input.organisationId), "you cannot add sites to this organisation")
        return try await units.write(by: caller) { tx in
            let site = try await SiteService().create(input, in: tx)
            try await tx.audit("create", entity: "site", id: site.id.uuidString, organisation: site.organisationId)
            return site
        }
    }

    /// A site, for its organisation's readers and for ``AssignedDriver``: the
    /// driver assigned to an open round that stops there. Only reading: the
    /// driver changes nothing through this (``update(_:with:by:)`` does not
    /// follow the relationship).
    public func site(_ id: UUID, by caller: Caller) async throws -> Site {
        try await units.read { db in
            if let site = try await SiteService().get(id, in: db) {
                if caller.canRead(site.organisationId) { return site }
                if try await AssignedDriver.goesTo(site: id, caller: caller, in: db) { return site }
            }
            throw KernelError.notFound(entity: "site", id: id.uuidString)
        }
    }

    public func update(_ id: UUID, with input: SiteService.Input, by caller: Caller) async throws -> Site {
        try await units.write(by: caller) { tx in
            let site = try await readable(id, by: caller, in: tx)
            try caller.require(caller.canManage(site.organisationId), "you cannot change this organisation's sites")
            let updated = try await SiteService().update(id, with: input, in: tx)
            try await tx.audit("update", entity: "site", id: id.uuidString, organisation: site.organisationId)
            return updated
        }
    }

    private func readable(_ id: UUID, by caller: Caller, in db: any SQLExecutor) async throws -> Site {
        guard let site = try await SiteService().get(id, in: db), caller.canRead(site.organisationId) else {
            throw KernelError.notFound(entity: "site", id: id.uuidString)
        }
        return site
    }
}
