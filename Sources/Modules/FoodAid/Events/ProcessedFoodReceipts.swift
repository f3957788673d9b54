import CollectoKernel
import Foundation

/// Processed food coming back into stock. When a workshop publishes an output
/// lot (``ProcessedFoodAvailable``), FoodAid receives it at the food bank's
/// warehouse as a lot of origin `processing` whose reference is the output
/// lot's id — adding the product to the catalogue the first time its code is
/// seen — so partners can order it and a recall can find it. When a workshop
/// recalls output lots (``ProcessedFoodRecalled``), the matching lots are
/// recalled for good with the usual trace and notices; the recall is kept, so
/// that an output lot whose jars arrive after its recall (the two events
/// reach their handlers independently) is received blocked (``SourceBlocks``).
enum ProcessedFoodReceipts {
    static func receipts(timeZone: TimeZone) -> EventHandler {
        EventHandler.on(ProcessedFoodAvailable.self, name: "foodaid.processed_food") { event, _, tx in
            let reference = event.outputLotId.uuidString.lowercased()
            guard
                try await tx.queryFirst(
                    "SELECT id FROM foodaid_lots WHERE origin_kind = 'processing' AND origin_reference = ?", [reference]) == nil,
                let warehouse = try await SiteService().firstSite(ofKind: .foodBank, in: tx)
            else { return }
            let today = CalendarDate(tx.now, in: timeZone)
            if let useBy = event.useBy, useBy < today { return }
            let product = try await product(for: event, in: tx)
            try await SourceBlocks.announce(output: event.outputLotId, in: tx)
            _ = try await StockService(rules: ShelfLifeRules()).receive(
                .init(
                    productId: product, siteId: warehouse.id, quantity: event.units, useBy: event.useBy,
                    bestBefore: event.bestBefore, originKind: .processing, originReference: reference,
                    kg: Grams.kg(Grams.of(kg: Double(event.units) * event.unitKg))),
                today: today, in: tx)
        }
    }

    static let recalls = EventHandler.on(ProcessedFoodRecalled.self, name: "foodaid.processed_recalls") { event, _, tx in
        let reason = "processing recall: \(event.reason)"
        var lots: [UUID] = []
        for id in event.outputLotIds {
            let reference = id.uuidString.lowercased()
            if try await tx.queryFirst("SELECT output_lot_id FROM foodaid_processed_recalls WHERE output_lot_id = ?", [reference]) == nil {
                try await tx.execute(
                    "INSERT INTO foodaid_processed_recalls (output_lot_id, reason, recalled_at) VALUES (?, ?, ?)",
                    [reference, reason, tx.now])
            }
            for row in try await tx.query(
                "SELECT id FROM foodaid_lots WHERE origin_kind = 'processing' AND origin_reference = ? AND status <> 'recalled'",
                [reference])
            {
                lots.append(try row.uuid("id"))
            }
        }
        guard !lots.isEmpty else { return }
        _ = try await RecallService(stock: StockService(rules: ShelfLifeRules())).block(
            .init(lotIds: lots, reason: reason, final: true), by: .processing, in: tx)
        try await tx.audit("recall", entity: "foodaid.lot", id: nil, organisation: nil, details: "\(lots.count) processed lot(s)")
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
