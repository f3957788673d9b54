import CollectoKernel
import Foundation

/// Sorting a received pickup: goods go to stock (new dated lots), to
/// processing (end-of-life produce, published for whoever processes it) or to
/// biowaste (unfit food, published for whoever collects it). The three add up
/// to the weight received, to the gram.
struct SortingService: Sendable {
    /// How the received goods were sorted.
    struct Sorting: Sendable, Codable, StrictBody {
        enum Field: String, CodingKey, CaseIterable { case receivedKg, stock, processing, unfit, weightDifferenceReason }
        static let ranges: [FieldRange] = [
            .kilograms("receivedKg", 0.001...50_000), .integer("stock[].quantity", 1...1_000_000), .kilograms("stock[].kg", 0.001...50_000),
            .kilograms("processing[].kg", 0.001...50_000), .integer("processing[].remainingShelfLifeDays", 0...60),
            .kilograms("unfit[].kg", 0.001...50_000),
        ]
        /// Goods that go into stock.
        struct StockLine: Sendable, Codable {
            var productId: UUID
            var quantity: Int
            /// The weight on the scale; units × unit weight when absent.
            var kg: Double?
            var useBy: CalendarDate?
            var bestBefore: CalendarDate?
        }
        /// Produce to process.
        struct ProcessingLine: Sendable, Codable {
            var category: ProductCategory
            var productName: String?
            var kg: Double
            var remainingShelfLifeDays: Int
        }
        /// Food that cannot be eaten.
        struct UnfitLine: Sendable, Codable {
            var kg: Double
            var reason: String
        }
        var receivedKg: Double
        var stock: [StockLine]?
        var processing: [ProcessingLine]?
        var unfit: [UnfitLine]?
        /// Why the sorting's total differs from the driver's weighing by more
        /// than 2% or 0.5 kg (whichever is larger): required then, kept with both weights.
        var weightDifferenceReason: String?
    }

    /// What sorting produced.
    struct Result: Sendable, Codable {
        var pickup: Pickup
        var lots: [Lot]
        var gramsToStock: Int
        var gramsToProcessing: Int
        var gramsUnfit: Int
    }

    let stock: StockService
    let timeZone: TimeZone

    func sort(_ pickupID: UUID, _ sorting: Sorting, in tx: Transaction) async throws -> Result {
        guard let pickup = try await PickupService.load(pickupID, in: tx) else {
            throw KernelError.notFound(entity: "pickup", id: pickupID.uuidString)
        }
        guard pickup.status == .received else {
            throw FoodAidError.pickupStatus(pickup: pickup.id, status: pickup.status.rawValue)
        }
        try Validate.range(sorting.receivedKg, 0.001...50_000, field: "receivedKg")
        let received = Self.grams(sorting.receivedKg)
        var lines: [(outcome: String, grams: Int, detail: String, lot: UUID?, category: String?, daysLeft: Int?)] = []
        var lots: [Lot] = []
        let today = CalendarDate(tx.now, in: timeZone)
        for (index, line) in (sorting.stock ?? []).enumerated() {
            guard let product = try await CatalogueService().get(line.productId, in: tx) else {
                throw KernelError.invalid(field: "stock[\(index)].productId", message: "no product \(line.productId)")
            }
            let kg = line.kg ?? Double(line.quantity) * product.unitWeightKg
            try Validate.range(kg, 0.001...50_000, field: "stock[\(index)].kg")
            let lot: Lot
            do {
                lot = try await stock.receive(
                    .init(
                        productId: product.id, siteId: pickup.warehouseSiteId, quantity: line.quantity, useBy: line.useBy,
                        bestBefore: line.bestBefore,
                        originKind: .pickup, originReference: pickup.id.uuidString.lowercased(), kg: Grams.kg(Self.grams(kg))),
                    today: today, in: tx)
            } catch let error as KernelError {
                if case .invalid(let field, let message) = error {
                    throw KernelError.invalid(field: "stock[\(index)].\(field)", message: message)
                }
                throw error
            }
            lots.append(lot)
            lines.append(
                (
                    "stock", Self.grams(kg), "\(line.quantity) × \(product.code)", lot.id, product.category.rawValue,
                    line.useBy.map { pickup.day.days(until: $0) }
                ))
        }
        let warehouse = try await SiteService().get(pickup.warehouseSiteId, in: tx)!
        for (index, line) in (sorting.processing ?? []).enumerated() {
            try Validate.range(line.kg, 0.001...50_000, field: "processing[\(index)].kg")
            try Validate.range(line.remainingShelfLifeDays, 0...60, field: "processing[\(index)].remainingShelfLifeDays")
            lines.append(
                (
                    "processing", Self.grams(line.kg), "\(line.category.rawValue) \(line.productName ?? "")", nil, line.category.rawValue,
                    line.remainingShelfLifeDays
                ))
            try await tx.publish(
                EndOfLifeProduceAvailable(
                    sourceModule: FoodAidModule.id.rawValue, sourceReference: pickup.id.uuidString.lowercased(), siteId: warehouse.id,
                    organisationId: warehouse.organisationId, category: line.category.rawValue, productName: line.productName, kg: line.kg,
                    remainingShelfLifeDays: line.remainingShelfLifeDays, sortedAt: tx.now),
                organisation: warehouse.organisationId)
        }
        for (index, line) in (sorting.unfit ?? []).enumerated() {
            try Validate.range(line.kg, 0.001...50_000, field: "unfit[\(index)].kg")
            try Validate.nonEmpty(line.reason, field: "unfit[\(index)].reason", maxLength: 300)
            lines.append(("unfit", Self.grams(line.kg), line.reason, nil, nil, nil))
            try await tx.publish(
                BiowasteProduced(
                    sourceModule: FoodAidModule.id.rawValue, sourceReference: pickup.id.uuidString.lowercased(), siteId: warehouse.id,
                    organisationId: warehouse.organisationId, kg: line.kg, nature: "unfit_food", reason: line.reason, producedAt: tx.now),
                organisation: warehouse.organisationId)
        }
        let sorted = lines.reduce(0) { $0 + $1.grams }
        guard sorted == received else {
            throw FoodAidError.sortingMismatch(sortedGrams: sorted, receivedGrams: received)
        }
        let reason = try WeighingTolerance.reason(sorting.weightDifferenceReason, driverGrams: pickup.driverGrams, sortedGrams: sorted)
        for (number, line) in lines.enumerated() {
            try await tx.execute(
                """
                INSERT INTO foodaid_sorting_lines (pickup_id, line_no, outcome, grams, detail, lot_id, category, days_left)
                VALUES (?, ?, ?, ?, ?, ?, ?, ?)
                """, [pickup.id, number + 1, line.outcome, line.grams, line.detail, line.lot, line.category, line.daysLeft])
        }
        try await tx.execute(
            """
            UPDATE foodaid_pickups SET status = 'sorted', received_grams = ?, sorted_at = ?, weight_difference_reason = ? WHERE id = ?
            """, [received, tx.now, reason, pickup.id])
        let grams = { (outcome: String) in lines.filter { $0.outcome == outcome }.reduce(0) { $0 + $1.grams } }
        return Result(
            pickup: try await PickupService.load(pickup.id, in: tx)!, lots: lots, gramsToStock: grams("stock"),
            gramsToProcessing: grams("processing"), gramsUnfit: grams("unfit"))
    }

    static func grams(_ kg: Double) -> Int {
        Grams.of(kg: kg)
    }
}

extension PickupService {
    static func load(_ id: UUID, in db: any SQLExecutor) async throws -> Pickup? {
        try await db.queryFirst("SELECT * FROM foodaid_pickups WHERE id = ?", [id]).map(pickup)
    }
}
