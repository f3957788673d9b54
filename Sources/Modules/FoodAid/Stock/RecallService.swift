import CollectoKernel
import Foundation

/// Blocks lots everywhere (quarantine, or recall for good) and traces where
/// they went: every movement, and every order that received units of them.
/// Partners that received units get a notice; produce of the same sources
/// that went to a workshop at sorting, and processed food made by a workshop,
/// are blocked there through ``SourceRecalled``.
struct RecallService: Sendable {
    /// What to block: some lots, every lot of a product, or everything of some pickups (donations).
    struct Request: Sendable, Codable, StrictBody {
        enum Field: String, CodingKey, CaseIterable { case lotIds, productId, pickupIds, reason, final }
        var lotIds: [UUID]?
        var productId: UUID?
        /// Donations recalled whole: their lots in stock and the produce sent to processing at sorting.
        var pickupIds: [UUID]?
        var reason: String
        /// Recalled for good rather than quarantined pending a decision.
        var final: Bool?

        init(lotIds: [UUID]? = nil, productId: UUID? = nil, pickupIds: [UUID]? = nil, reason: String, final: Bool?) {
            self.lotIds = lotIds
            self.productId = productId
            self.pickupIds = pickupIds
            self.reason = reason
            self.final = final
        }
    }

    /// Where the blocked lots went.
    struct Report: Sendable, Codable {
        /// One movement of a lot: its on-hand and its reserved change apart, so
        /// that a lot's movements add up to its on-hand and reserved units.
        struct Movement: Sendable, Codable {
            var lotId: UUID
            var kind: String
            /// The units the movement is about: the reserved change of a
            /// reservation or a release, the on-hand change of any other.
            var units: Int
            /// Units that entered (positive) or left (negative) the warehouse.
            var onHandChange: Int
            /// Units promised to (positive) or given back by (negative) an order.
            var reservedChange: Int
            var orderId: UUID?
            var reason: String?
            var at: Date

            /// A row of `foodaid_movements`.
            init(_ row: SQLRow, lot: UUID) throws {
                let kind = try row.string("kind")
                let onHand = try row.int("on_hand_change")
                let reserved = try row.int("reserved_change")
                self.lotId = lot
                self.kind = kind
                self.units = kind == MovementKind.reservation.rawValue || kind == MovementKind.release.rawValue ? reserved : onHand
                self.onHandChange = onHand
                self.reservedChange = reserved
                self.orderId = try row.optionalUUID("order_id")
                self.reason = try row.optionalString("reason")
                self.at = try row.instant("at")
            }
        }
        /// An order that received or holds units of a blocked lot.
        struct Recipient: Sendable, Codable {
            var orderId: UUID
            var organisationId: UUID
            var status: String
            var unitsShipped: Int
            var unitsReleased: Int
        }
        var lotIds: [UUID]
        var status: LotStatus
        var movements: [Movement]
        var recipients: [Recipient]
        /// The notices sent to partners that received units.
        var notices: [RecallNotice]
        /// Pickups whose produce at a workshop is blocked there too.
        var pickupsTold: [UUID]
    }

    let stock: StockService

    func block(_ request: Request, by source: LotBlockSource = .staff, in tx: Transaction) async throws -> Report {
        try Validate.nonEmpty(request.reason, field: "reason", maxLength: 500)
        var lots = Set(request.lotIds ?? [])
        if let product = request.productId {
            guard try await CatalogueService().get(product, in: tx) != nil else {
                throw KernelError.invalid(field: "productId", message: "no product \(product)")
            }
            for row in try await tx.query("SELECT id FROM foodaid_lots WHERE product_id = ?", [product]) { lots.insert(try row.uuid("id")) }
        }
        let pickups = Array(Set(request.pickupIds ?? [])).sorted { $0.uuidString < $1.uuidString }
        for (index, pickup) in (request.pickupIds ?? []).enumerated() {
            guard try await PickupService.load(pickup, in: tx) != nil else {
                throw KernelError.invalid(field: "pickupIds[\(index)]", message: "no pickup \(pickup)")
            }
        }
        for pickup in pickups {
            for row in try await tx.query(
                "SELECT id FROM foodaid_lots WHERE origin_kind = 'pickup' AND origin_reference = ?", [pickup.uuidString.lowercased()])
            {
                lots.insert(try row.uuid("id"))
            }
        }
        guard !lots.isEmpty || request.productId != nil || !pickups.isEmpty else {
            throw KernelError.invalid(field: "lotIds", message: "name lots, a product or pickups to block")
        }
        let final = request.final == true
        // What is sorted or received from these donations later is blocked too.
        for pickup in pickups {
            try await SourceBlocks.blockPickup(pickup, status: final ? .recalled : .quarantined, reason: request.reason, in: tx)
        }
        var released: [UUID: Int] = [:]
        var blocked: [Lot] = []
        var newlyRecalled: [Lot] = []
        var newlyQuarantined: [Lot] = []
        let ordered = lots.sorted { $0.uuidString < $1.uuidString }
        for (index, id) in ordered.enumerated() {
            guard let lot = try await stock.lot(id, in: tx) else {
                throw KernelError.invalid(field: "lotIds[\(index)]", message: "no lot \(id)")
            }
            blocked.append(lot)
            // A recall is never turned back into a quarantine that could be lifted.
            let status: LotStatus = final || lot.status == .recalled ? .recalled : .quarantined
            let by = lot.status == .recalled ? (lot.block?.by ?? source) : source
            if lot.status != status {
                if status == .recalled { newlyRecalled.append(lot) } else { newlyQuarantined.append(lot) }
            }
            try await tx.execute(
                "UPDATE foodaid_lots SET status = ?, blocked_by = ?, block_reason = ?, blocked_at = ? WHERE id = ?",
                [status.rawValue, by.rawValue, request.reason, tx.now, id])
            // Units promised to orders that have not left are taken back from them.
            let held = try await tx.query(
                """
                SELECT order_id, SUM(reserved_change) AS units FROM foodaid_movements
                WHERE lot_id = ? AND order_id IS NOT NULL GROUP BY order_id HAVING SUM(reserved_change) > 0 ORDER BY order_id
                """, [id])
            for row in held {
                let order = try row.uuid("order_id")
                let units = try row.int("units")
                try await stock.record(
                    id, .release, onHand: 0, reserved: -units, reason: "blocked: \(request.reason)", order: order, in: tx)
                try await tx.execute(
                    """
                    UPDATE foodaid_order_lines SET allocated = allocated - ?, allocation_note = COALESCE(allocation_note, '') || ?
                    WHERE order_id = ? AND product_id = ?
                    """, [units, " — \(units) unit(s) withdrawn: lot blocked (\(request.reason))", order, lot.productId])
                released[order, default: 0] += units
                // A parcel missing a product is no parcel: its request goes back to be prepared again.
                if try await tx.execute(
                    "UPDATE foodaid_parcel_requests SET status = 'requested', updated_at = ? WHERE id = ? AND status = 'prepared'",
                    [tx.now, order])
                    == 1
                {
                    try await stock.release(order: order, reason: "parcel undone: lot blocked (\(request.reason))", in: tx)
                }
            }
        }
        // The strongest block the lots are under: a quarantine asked of recalled lots leaves them recalled.
        let allRecalled = !blocked.isEmpty && blocked.allSatisfy { $0.status == .recalled || newlyRecalled.contains($0) }
        let status: LotStatus = final || allRecalled ? .recalled : .quarantined
        var report = try await report(lots: ordered, status: status, released: released, in: tx)
        // Partners are told when a lot's status changes, not again for a block it is already under.
        report.notices =
            try await RecallNotices.send(for: report, lots: newlyRecalled, kind: .recall, reason: request.reason, in: tx)
            + RecallNotices.send(for: report, lots: newlyQuarantined, kind: .quarantine, reason: request.reason, in: tx)
        // A block that came from a workshop's recall is not echoed back to it.
        if source == .staff {
            report.pickupsTold = try await tellSources(of: blocked, pickups: pickups, final: final, reason: request.reason, in: tx)
        }
        return report
    }

    /// Publishes what a workshop must block: whole pickups, the produce of the
    /// same category from the pickups of the blocked lots (quarantined or
    /// recalled: produce cooked from a suspect source is not cleared later),
    /// and, when recalled for good, the processed output lots that the blocked
    /// lots were received from.
    private func tellSources(of lots: [Lot], pickups: [UUID], final: Bool, reason: String, in tx: Transaction) async throws -> [UUID] {
        let module = FoodAidModule.id.rawValue
        var told = Set(pickups)
        if !pickups.isEmpty {
            try await tx.publish(
                SourceRecalled(
                    sourceModule: module, sourceReferences: pickups.map { $0.uuidString.lowercased() }, categories: nil, outputLotIds: [],
                    final: final, reason: reason, recalledAt: tx.now))
        }
        var byCategory: [String: Set<String>] = [:]
        var outputs: [UUID] = []
        for lot in lots {
            switch lot.originKind {
            case .pickup:
                guard let product = try await CatalogueService().get(lot.productId, in: tx),
                    let pickup = UUID(uuidString: lot.originReference), !pickups.contains(pickup)
                else { continue }
                byCategory[product.category.rawValue, default: []].insert(lot.originReference)
                told.insert(pickup)
            case .processing:
                if let output = UUID(uuidString: lot.originReference) { outputs.append(output) }
            case .purchase, .donation, .transfer:
                continue
            }
        }
        for (category, references) in byCategory.sorted(by: { $0.key < $1.key }) {
            try await tx.publish(
                SourceRecalled(
                    sourceModule: module, sourceReferences: references.sorted(), categories: [category], outputLotIds: [], final: final,
                    reason: reason, recalledAt: tx.now))
        }
        // Processed food the food bank holds is recalled where it was made only for good: a quarantine here is the food bank's own hold.
        if !outputs.isEmpty && final {
            try await tx.publish(
                SourceRecalled(
                    sourceModule: module, sourceReferences: [], categories: nil, outputLotIds: outputs, final: final, reason: reason,
                    recalledAt: tx.now))
        }
        return told.sorted { $0.uuidString < $1.uuidString }
    }

    private func report(lots: [UUID], status: LotStatus, released: [UUID: Int], in tx: Transaction) async throws -> Report {
        var movements: [Report.Movement] = []
        var shipped: [UUID: Int] = [:]
        for lot in lots {
            for row in try await tx.query("SELECT * FROM foodaid_movements WHERE lot_id = ? ORDER BY id", [lot]) {
                let movement = try Report.Movement(row, lot: lot)
                movements.append(movement)
                if movement.kind == MovementKind.shipment.rawValue, let order = movement.orderId {
                    shipped[order, default: 0] += -movement.onHandChange
                }
            }
        }
        var recipients: [Report.Recipient] = []
        for order in Set(shipped.keys).union(released.keys).sorted(by: { $0.uuidString < $1.uuidString }) {
            guard let found = try await OrderStore().order(order, in: tx) else {
                // Not an order: an emergency parcel request holds the units.
                if let parcel = try await ParcelService(stock: stock).find(order, in: tx) {
                    recipients.append(
                        .init(
                            orderId: order, organisationId: parcel.referrerId, status: "parcel \(parcel.status.rawValue)",
                            unitsShipped: shipped[order] ?? 0, unitsReleased: released[order] ?? 0))
                }
                continue
            }
            recipients.append(
                .init(
                    orderId: order, organisationId: found.organisationId, status: found.status.rawValue, unitsShipped: shipped[order] ?? 0,
                    unitsReleased: released[order] ?? 0))
        }
        return Report(lotIds: lots, status: status, movements: movements, recipients: recipients, notices: [], pickupsTold: [])
    }
}
