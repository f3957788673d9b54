import CollectoKernel
import Foundation

/// Processed food coming back into stock. When a workshop publishes an output
/// lot (``ProcessedFoodAvailable``), FoodAid receives it at the food bank's
/// warehouse as a lot of origin `processing` whose reference is the output
/// lot's id — adding the product to the catalogue the first time its code is
/// seen — so partners can order it and a recall can find it. When a workshop
/// recalls output lots (``ProcessedFoodRecalled``), the matching lots are
/// quarantined with the usual recall trace.
enum ProcessedFoodReceipts {
    static func receipts(timeZone: TimeZone) -> EventHandler {
        EventHandler.on(ProcessedFoodAvailable.self, name: "foodaid.processed_food") { event, _, tx in
            let reference = event.outputLotId.uuidString.lowercased()
            guard
                try await tx.queryFirst(
                    "SELECT id FROM foodaid_lots WHERE origin_kind = 'processing' AND origin_reference = ?", [reference]) == nil,
                let warehouse = try await tx.queryFirst(
                    """
                    SELECT s.id FROM kernel_sites s JOIN kernel_organisations o ON o.id = s.organisation_id
                    WHERE o.kind = 'food_bank' ORDER BY s.created_at, s.id LIMIT 1
                    """)
            else { return }
            let today = CalendarDate(tx.now, in: timeZone)
            if let useBy = event.useBy, useBy < today { return }
            let product = try await product(for: event, in: tx)
            _ = try await StockService(rules: ShelfLifeRules()).receive(
                .init(
                    productId: product, siteId: try warehouse.uuid("id"), quantity: event.units, useBy: event.useBy,
                    bestBefore: event.bestBefore, originKind: .processing, originReference: reference),
                today: today, in: tx)
        }
    }

    static let recalls = EventHandler.on(ProcessedFoodRecalled.self, name: "foodaid.processed_recalls") { event, _, tx in
        var lots: [UUID] = []
        for id in event.outputLotIds {
            for row in try await tx.query(
                "SELECT id FROM foodaid_lots WHERE origin_kind = 'processing' AND origin_reference = ? AND status = 'available'",
                [id.uuidString.lowercased()])
            {
                lots.append(try row.uuid("id"))
            }
        }
        guard !lots.isEmpty else { return }
        _ = try await RecallService(stock: StockService(rules: ShelfLifeRules())).block(
            .init(lotIds: lots, productId: nil, reason: "processing recall: \(event.reason)", final: false), in: tx)
        try await tx.audit("quarantine", entity: "foodaid.lot", id: nil, organisation: nil, details: "\(lots.count) processed lot(s)")
    }

    /// The catalogue product with the event's code, created (active, prepared meals) the first time.
    static func product(for event: ProcessedFoodAvailable, in tx: Transaction) async throws -> UUID {
        if let row = try await tx.queryFirst("SELECT id FROM foodaid_products WHERE code = ?", [event.productCode]) {
            return try row.uuid("id")
        }
        return try await CatalogueService().create(
            .init(
                code: event.productCode, name: event.productName, category: .preparedMeals, unit: event.packaging,
                unitWeightKg: event.unitKg, temperature: event.temperature, fundingOrigin: .donation, active: true, maxPerOrder: nil),
            in: tx
        ).id
    }
}
