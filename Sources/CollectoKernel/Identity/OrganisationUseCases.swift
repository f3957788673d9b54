import Foundation

/// The actions on organisations, for the API and the pages alike: food-bank
/// staff see and create every organisation; others see their own.
public struct OrganisationUseCases: Sendable {
    let units: UnitOfWorkRunner

    public init(units: UnitOfWorkRunner) {
        self.units = units
    }

    public func list(kind: OrganisationKind?, page: PageRequest, by caller: Caller) async throws -> Page<Organisation> {
        let readable = caller.readableOrganisations
        return try await units.read { db in try await OrganisationService().list(visibleTo: readable, kind: kind, page: page, in: db) }
    }

    public func create(_ input: OrganisationService.Input, by caller: Caller) async throws -> Organisation {
        try caller.require(caller.managesEverything, "only food-bank coordinators create organisations")
        return try await units.write(by: caller) { tx in
            let organisation = try await OrganisationService().create(input, in: tx)
            try await tx.audit("create", entity: "organisation", id: organisation.id.uuidString, organisation: organisation.id)
            return organisation
        }
    }

    /// The names of the organisations among `ids` that the caller may read, in one read (a page listing
    /// orders or offers names their organisations without a query per row); others are simply absent.
    public func names(of ids: some Sequence<UUID>, by caller: Caller) async throws -> [UUID: String] {
        let asked = Set(ids)
        let wanted = caller.readableOrganisations.map { $0.intersection(asked) } ?? asked
        guard !wanted.isEmpty else { return [:] }
        let found = try await units.read { db in
            try await OrganisationService().list(visibleTo: wanted, kind: nil, page: nil, in: db)
        }
        return Dictionary(found.items.map { ($0.id, $0.name) }, uniquingKeysWith: { first, _ in first })
    }

    /// One organisation the caller may read (404 otherwise: nothing is told of others').
    public func organisation(_ id: UUID, by caller: Caller) async throws -> Organisation {
        guard caller.canRead(id), let organisation = try await units.read({ db in try await OrganisationService().get(id, in: db) })
        else { throw KernelError.notFound(entity: "organisation", id: id.uuidString) }
        return organisation
    }
}
