import CollectoKernel
import Foundation

extension DonationUseCases {
    /// The pickups of the donors whose data the caller reads.
    func pickups(day: CalendarDate?, donor: UUID?, page: PageRequest, by caller: Caller) async throws -> Page<Pickup> {
        let pickups = pickupService
        let donors = FoodAidPermissions.readPickups.organisations(heldBy: caller)
        return try await units.read { db in try await pickups.list(day: day, donor: donor, donors: donors, page: page, in: db) }
    }

    /// One pickup, for whoever reads its donor's pickups (404 for anyone else: nothing is told of others').
    func pickup(_ id: UUID, by caller: Caller) async throws -> Pickup {
        try await units.read { db in
            guard let pickup = try await PickupService.load(id, in: db) else {
                throw KernelError.notFound(entity: "pickup", id: id.uuidString)
            }
            try FoodAidPermissions.readPickups.require(caller, in: pickup.donorId, hiding: "pickup", id: id)
            return pickup
        }
    }

    /// Creates the regular pickups of donors' usual days in a period (100 kg each unless estimated).
    func scheduleRegularPickups(
        from: CalendarDate, until: CalendarDate, warehouse: UUID, estimatedKg: Double?, by caller: Caller
    ) async throws -> [Pickup] {
        try FoodAidPermissions.managePickups.require(caller)
        let pickups = pickupService
        return try await units.write(by: caller) { tx in
            let created = try await pickups.scheduleRegular(
                from: from, until: until, warehouse: warehouse, estimatedKg: estimatedKg ?? 100, in: tx)
            try await tx.audit("schedule", entity: "foodaid.pickup", id: nil, organisation: nil, details: "\(created.count) pickup(s)")
            return created
        }
    }

    /// Sorts a received pickup into stock, processing and unfit food (the sorting publishes the produce and the biowaste).
    func sort(_ id: UUID, _ sorting: SortingService.Sorting, by caller: Caller) async throws -> SortingService.Result {
        try FoodAidPermissions.managePickups.require(caller)
        let zone = timeZone
        return try await units.write(by: caller) { tx in
            let result = try await SortingService(stock: StockService(rules: try await CategoryRules().shelfLife(in: tx)), timeZone: zone)
                .sort(id, sorting, in: tx)
            try await tx.audit(
                "sort", entity: "foodaid.pickup", id: id.uuidString, organisation: result.pickup.donorId,
                details: "\(result.gramsToStock) g stock, \(result.gramsToProcessing) g processing, \(result.gramsUnfit) g unfit")
            return result
        }
    }
}
