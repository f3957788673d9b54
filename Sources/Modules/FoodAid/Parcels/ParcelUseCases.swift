import CollectoKernel
import Foundation

/// Emergency parcels' actions, so that the JSON API and the pages share one
/// rule per action: the food bank's staff define compositions, prepare and
/// hand over; a referring organisation's people request parcels, read and
/// cancel their own requests.
struct ParcelUseCases: Sendable {
    let units: UnitOfWorkRunner

    func defineComposition(_ input: ParcelComposition.Input, by caller: Caller) async throws -> ParcelComposition {
        try FoodAidPermissions.composeParcels.require(caller)
        return try await units.write(by: caller) { tx in
            let composition = try await Self.parcels(tx).define(input, in: tx)
            try await tx.audit("create", entity: "foodaid.parcel_composition", id: composition.id.uuidString, organisation: nil)
            return composition
        }
    }

    func updateComposition(_ id: UUID, with input: ParcelComposition.Input, by caller: Caller) async throws -> ParcelComposition {
        try FoodAidPermissions.composeParcels.require(caller)
        return try await units.write(by: caller) { tx in
            let composition = try await Self.parcels(tx).update(id, with: input, in: tx)
            try await tx.audit(
                "update", entity: "foodaid.parcel_composition", id: id.uuidString, organisation: nil,
                details: "\(composition.householdMin)-\(composition.householdMax)")
            return composition
        }
    }

    func retireComposition(_ id: UUID, by caller: Caller) async throws -> ParcelComposition {
        try FoodAidPermissions.composeParcels.require(caller)
        return try await units.write(by: caller) { tx in
            let composition = try await Self.parcels(tx).retire(id, in: tx)
            try await tx.audit("retire", entity: "foodaid.parcel_composition", id: id.uuidString, organisation: nil)
            return composition
        }
    }

    /// The standard parcels, which every caller may see.
    func compositions(by caller: Caller) async throws -> [ParcelComposition] {
        try await units.read { db in try await Self.parcels(db).compositions(in: db) }
    }

    func request(_ input: ParcelRequest.Input, by caller: Caller) async throws -> ParcelRequest {
        try FoodAidPermissions.requestParcels.require(caller, in: input.referrerId)
        return try await units.write(by: caller) { tx in
            let created = try await Self.parcels(tx).request(input, in: tx)
            try await tx.audit("request", entity: "foodaid.parcel_request", id: created.id.uuidString, organisation: created.referrerId)
            return created
        }
    }

    /// The requests of the referrers whose data the caller reads (all of them for the food bank's staff).
    func requests(page: PageRequest, by caller: Caller) async throws -> Page<ParcelRequest> {
        let readable = FoodAidPermissions.readParcelRequests.organisations(heldBy: caller)
        return try await units.read { db in
            try await ParcelService(stock: StockService(rules: .init())).requests(visibleTo: readable, page: page, in: db)
        }
    }

    /// Reserves the parcels' products, first-expiring first.
    func prepare(_ id: UUID, by caller: Caller) async throws -> ParcelRequest {
        try await step(id, "prepare", FoodAidPermissions.prepareParcels, by: caller) { service, tx in
            try await service.prepare(id, in: tx)
        }
    }

    /// Hands the prepared parcels over: they leave stock.
    func handOver(_ id: UUID, by caller: Caller) async throws -> ParcelRequest {
        try await step(id, "hand-over", FoodAidPermissions.prepareParcels, by: caller) { service, tx in
            try await service.handOver(id, in: tx)
        }
    }

    /// Cancels a request and gives back what it held.
    func cancel(_ id: UUID, by caller: Caller) async throws -> ParcelRequest {
        try await step(id, "cancel", FoodAidPermissions.requestParcels, by: caller) { service, tx in
            try await service.cancel(id, in: tx)
        }
    }

    /// One step of a request: 404 to a caller who may not read the referrer's
    /// data, 403 to one who reads it without holding `permission`, audited
    /// under the action's name.
    private func step(
        _ id: UUID, _ action: String, _ permission: Permission, by caller: Caller,
        _ change: @escaping @Sendable (ParcelService, Transaction) async throws -> ParcelRequest
    ) async throws -> ParcelRequest {
        try await units.write(by: caller) { tx in
            let service = try await Self.parcels(tx)
            let current = try await service.load(id, in: tx)
            try permission.require(caller, in: current.referrerId, hiding: "parcel request", id: id)
            let changed = try await change(service, tx)
            try await tx.audit(action, entity: "foodaid.parcel_request", id: id.uuidString, organisation: current.referrerId)
            return changed
        }
    }

    private static func parcels(_ db: any SQLExecutor) async throws -> ParcelService {
        ParcelService(stock: StockService(rules: try await CategoryRules().shelfLife(in: db)))
    }
}
