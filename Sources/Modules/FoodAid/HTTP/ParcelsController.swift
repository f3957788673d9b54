import CollectoKernel
import Foundation
import Hummingbird

/// Emergency parcels: the food bank defines compositions and prepares them;
/// referring social services request them for a household size.
struct ParcelsController {
    let units: UnitOfWorkRunner

    func parcels(_ db: any SQLExecutor) async throws -> ParcelService {
        ParcelService(stock: StockService(rules: try await CategoryRules().shelfLife(in: db)))
    }

    var endpoints: Endpoints<AuthenticatedContext> {
        let endpoints = Endpoints<AuthenticatedContext>(tag: "foodaid")
        endpoints.post(
            "parcel-compositions", summary: "Define a standard parcel for a range of household sizes", body: ParcelComposition.Input.self
        ) {
            request, context in
            let input = try await request.decodeJSON(ParcelComposition.Input.self, context: context)
            try FoodAidAccess.requireFoodBankStaff(context.caller)
            return try await units.write(by: context.caller) { tx in
                let composition = try await parcels(tx).define(input, in: tx)
                try await tx.audit("create", entity: "foodaid.parcel_composition", id: composition.id.uuidString, organisation: nil)
                return composition
            }
        }
        endpoints.get("parcel-compositions", summary: "Standard parcels") { _, _ in
            try await units.read { db in try await parcels(db).compositions(in: db) }
        }
        endpoints.post(
            "parcel-requests", summary: "Request emergency parcels (household size and count only)", body: ParcelRequest.Input.self
        ) {
            request, context in
            let input = try await request.decodeJSON(ParcelRequest.Input.self, context: context)
            guard FoodAidAccess.mayOrder(for: input.referrerId, context.caller) else {
                throw KernelError.forbidden("you cannot request parcels for this organisation")
            }
            return try await units.write(by: context.caller) { tx in
                let created = try await parcels(tx).request(input, in: tx)
                try await tx.audit("request", entity: "foodaid.parcel_request", id: created.id.uuidString, organisation: created.referrerId)
                return created
            }
        }
        endpoints.get("parcel-requests", summary: "Parcel requests (referrers: their own)", query: ["limit", "offset"]) {
            request, context in
            let page = try request.page()
            let readable = context.caller.readableOrganisations
            return try await units.read { db in
                try await ParcelService(stock: StockService(rules: .init())).requests(visibleTo: readable, page: page, in: db)
            }
        }
        let steps: [(String, String, Bool)] = [
            ("prepare", "Reserve the parcels' products, first-expiring first", true),
            ("hand-over", "Hand the prepared parcels over: they leave stock", true),
            ("cancel", "Cancel a request and give back what it held", false),
        ]
        for (action, summary, staffOnly) in steps {
            endpoints.post("parcel-requests/{id}/\(action)", summary: summary, status: .ok) { _, context in
                let id = try context.uuid("id")
                let caller = context.caller
                return try await units.write(by: caller) { tx in
                    let service = try await parcels(tx)
                    let current = try await service.load(id, in: tx)
                    guard caller.canRead(current.referrerId) else {
                        throw KernelError.notFound(entity: "parcel request", id: id.uuidString)
                    }
                    if staffOnly {
                        try FoodAidAccess.requireFoodBankStaff(caller)
                    } else {
                        try caller.require(FoodAidAccess.mayOrder(for: current.referrerId, caller), "you cannot cancel this request")
                    }
                    let changed: ParcelRequest =
                        switch action {
                        case "prepare": try await service.prepare(id, in: tx)
                        case "hand-over": try await service.handOver(id, in: tx)
                        default: try await service.cancel(id, in: tx)
                        }
                    try await tx.audit(action, entity: "foodaid.parcel_request", id: id.uuidString, organisation: current.referrerId)
                    return changed
                }
            }
        }
        return endpoints
    }
}
