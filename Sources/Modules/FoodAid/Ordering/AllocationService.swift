import CollectoKernel
import Foundation

/// Runs fair allocation for a window after its cut-off and reserves the
/// allocated units, first-expiring first.
struct AllocationService: Sendable {
    let stock: StockService

    /// Allocates every submitted order of the window; returns them.
    func allocate(window windowID: UUID, in tx: Transaction) async throws -> [PartnerOrder] {
        guard let window = try await OrderStore().window(windowID, in: tx) else {
            throw KernelError.notFound(entity: "ordering window", id: windowID.uuidString)
        }
        guard tx.now >= window.cutoffAt else {
            throw FoodAidError.beforeCutoff(window: window.id, cutoff: window.cutoffAt)
        }
        guard window.status != .allocated else { throw FoodAidError.alreadyAllocated(window: window.id) }
        let orders = try await OrderStore().orders(window: window.id, organisations: nil, in: tx).items.filter { $0.status == .submitted }
            // Stable: earlier submissions reserve first (the shares themselves do not depend on order).
            .sorted { ($0.submittedAt ?? $0.createdAt, $0.id.uuidString) < ($1.submittedAt ?? $1.createdAt, $1.id.uuidString) }
        // Only the count the food bank approved weighs; a partner without one counts as 0 households (see FairAllocation).
        let households = try await PartnerProfileStore().approvedHouseholds(of: Set(orders.map(\.organisationId)), in: tx)
        var requestsByProduct: [UUID: [FairAllocation.Request]] = [:]
        for order in orders {
            for line in order.lines {
                requestsByProduct[line.productId, default: []].append(
                    .init(
                        orderId: order.id, partnerId: order.organisationId, requested: line.requested,
                        households: households[order.organisationId]))
            }
        }
        for productID in requestsByProduct.keys.sorted(by: { $0.uuidString < $1.uuidString }) {
            guard let product = try await CatalogueService().get(productID, in: tx), let requests = requestsByProduct[productID] else {
                continue
            }
            let available = try await stock.freeUnits(on: window.deliveryDay, products: [product], in: tx)[productID] ?? 0
            for share in FairAllocation().allocate(available: available, requests: requests) {
                let reserved =
                    share.allocated > 0
                    ? try await stock.reserve(
                        product: product, quantity: share.allocated, for: share.orderId, shipDay: window.deliveryDay, in: tx)
                    : 0
                try await tx.execute(
                    "UPDATE foodaid_order_lines SET allocated = ?, allocation_note = ? WHERE order_id = ? AND product_id = ?",
                    [reserved, share.note, share.orderId, productID])
            }
        }
        for order in orders { try await OrderStore().setStatus(.allocated, of: order.id, in: tx) }
        try await OrderStore().setWindowStatus(.allocated, of: window.id, in: tx)
        return try await OrderStore().orders(window: window.id, organisations: nil, in: tx).items.filter { $0.status == .allocated }
    }
}
