import CollectoKernel
import Foundation

extension ExampleID {
    static let product: ExampleID = "foodaid.product"
    static let lot: ExampleID = "foodaid.lot"
    static let window: ExampleID = "foodaid.window"
    static let receivedPickup: ExampleID = "foodaid.receivedPickup"
    static let order: ExampleID = "foodaid.order"
}

/// The ids FoodAid's examples use: a product with units available and one of
/// its lots, an open window, a pickup waiting to be sorted, an order.
enum FoodAidExampleIDs {
    static let source = ExampleIDSource { db in
        var ids: [ExampleID: UUID] = [:]
        if let lot = try await db.queryFirst(
            """
            SELECT l.id, l.product_id FROM foodaid_lots l JOIN foodaid_products p ON p.id = l.product_id
            WHERE l.status = 'available' AND l.on_hand > l.reserved AND p.active = 1 ORDER BY l.on_hand - l.reserved DESC, l.id LIMIT 1
            """)
        {
            ids[.lot] = try lot.uuid("id")
            ids[.product] = try lot.uuid("product_id")
        }
        ids[.window] = try await db.queryFirst(
            "SELECT id FROM foodaid_windows WHERE status = 'open' ORDER BY cutoff_at DESC, id LIMIT 1")?.uuid("id")
        ids[.receivedPickup] = try await db.queryFirst(
            "SELECT id FROM foodaid_pickups WHERE status = 'received' ORDER BY day, id LIMIT 1")?.uuid("id")
        ids[.order] = try await db.queryFirst("SELECT id FROM foodaid_orders ORDER BY created_at DESC, id LIMIT 1")?.uuid("id")
        return ids
    }
}
