import CollectoKernel
import Foundation
import Hummingbird

/// Stock: lots, corrections, recalls; the food bank's staff only.
struct StockController {
    /// A correction to a lot.
    struct Correction: Sendable, Codable, StrictBody {
        enum Field: String, CodingKey, CaseIterable { case kind, change, reason }
        static let ranges: [FieldRange] = [.integer("change", -100_000...100_000)]
        var kind: MovementKind
        var change: Int
        var reason: String
    }

    /// A lot with its movements.
    struct LotDetail: Sendable, Codable {
        var lot: Lot
        var movements: [RecallService.Report.Movement]
    }

    let units: UnitOfWorkRunner
    let timeZone: TimeZone

    var endpoints: Endpoints<AuthenticatedContext> {
        let endpoints = Endpoints<AuthenticatedContext>(tag: "foodaid")
        endpoints.post("lots", summary: "Receive a lot into stock", body: StockService.Receipt.self) { request, context in
            let receipt = try await request.decodeJSON(StockService.Receipt.self, context: context)
            try FoodAidAccess.requireFoodBankStaff(context.caller)
            let zone = timeZone
            return try await units.write(by: context.caller) { tx in
                let stock = StockService(rules: try await CategoryRules().shelfLife(in: tx))
                let lot = try await stock.receive(receipt, today: CalendarDate(tx.now, in: zone), in: tx)
                try await tx.audit(
                    "receive", entity: "foodaid.lot", id: lot.id.uuidString, organisation: nil, details: "\(lot.onHand) units")
                return lot
            }
        }
        endpoints.get("lots", summary: "Lots, by product and status", query: ["limit", "offset", "productId", "status"]) {
            request, context in
            try FoodAidAccess.requireFoodBankStaff(context.caller)
            let product = try request.query("productId") { UUID(uuidString: $0) }
            let status = try request.query("status", LotStatus.init(rawValue:))
            let page = try request.page()
            return try await units.read { db in
                var query = SQLListQuery("SELECT * FROM foodaid_lots")
                query.filter("product_id = ?", product)
                query.filter("status = ?", status?.rawValue)
                // ShelfLifeRules.fefo's order, in SQL, so that a page never loads the whole stock history.
                query.order(
                    by: "CASE WHEN COALESCE(use_by, best_before) IS NULL THEN 1 ELSE 0 END, COALESCE(use_by, best_before), created_at, id",
                    page: page)
                return try await db.query(query.sql, query.bindings).map(StockService.lot)
            }
        }
        endpoints.get("lots/{id}", summary: "A lot and every movement that made its quantity") { _, context in
            try FoodAidAccess.requireFoodBankStaff(context.caller)
            let id = try context.uuid("id")
            return try await units.read { db in
                guard let lot = try await StockService(rules: .init()).lot(id, in: db) else {
                    throw KernelError.notFound(entity: "lot", id: id.uuidString)
                }
                let movements = try await db.query("SELECT * FROM foodaid_movements WHERE lot_id = ? ORDER BY id", [id]).map { row in
                    RecallService.Report.Movement(
                        lotId: id, kind: try row.string("kind"), units: try row.int("on_hand_change") + row.int("reserved_change"),
                        orderId: try row.optionalUUID("order_id"), reason: try row.optionalString("reason"), at: try row.instant("at"))
                }
                return LotDetail(lot: lot, movements: movements)
            }
        }
        endpoints.post(
            "lots/{id}/corrections", summary: "Record an adjustment or a loss, with its reason", status: .ok, body: Correction.self
        ) {
            request, context in
            let id = try context.uuid("id")
            let correction = try await request.decodeJSON(Correction.self, context: context)
            try FoodAidAccess.requireFoodBankStaff(context.caller)
            return try await units.write(by: context.caller) { tx in
                let lot = try await StockService(rules: .init()).correct(
                    id, kind: correction.kind, change: correction.change, reason: correction.reason, in: tx)
                try await tx.audit(
                    correction.kind.rawValue, entity: "foodaid.lot", id: id.uuidString, organisation: nil,
                    details: "\(correction.change): \(correction.reason)")
                return lot
            }
        }
        endpoints.post(
            "recalls", summary: "Quarantine or recall lots or a product, and trace where they went", status: .ok,
            body: RecallService.Request.self
        ) {
            request, context in
            let recall = try await request.decodeJSON(RecallService.Request.self, context: context)
            try FoodAidAccess.requireFoodBankStaff(context.caller)
            return try await units.write(by: context.caller) { tx in
                let report = try await RecallService(stock: StockService(rules: .init())).block(recall, in: tx)
                try await tx.audit(
                    report.status.rawValue, entity: "foodaid.lot", id: nil, organisation: nil,
                    details: "\(report.lotIds.count) lot(s): \(recall.reason)")
                return report
            }
        }
        let lift = LiftQuarantine(units: units)
        endpoints.post(
            "lots/{id}/lift-quarantine", summary: "Lift a quarantine the food bank raised, with a reason (never a recall)", status: .ok,
            body: LiftQuarantine.Request.self
        ) { request, context in
            let id = try context.uuid("id")
            return try await lift(id, try await request.decodeJSON(LiftQuarantine.Request.self, context: context), by: context.caller)
        }
        endpoints.get(
            "notices", summary: "Recall and quarantine notices for the partners the caller belongs to (?organisationId=&unacknowledged=)",
            query: ["organisationId", "unacknowledged", "limit", "offset"]
        ) { request, context in
            let organisation = try request.query("organisationId") { UUID(uuidString: $0) }
            let unacknowledged = try request.query("unacknowledged") { ["true": true, "false": false][$0] } ?? false
            let page = try request.page()
            let readable = context.caller.readableOrganisations
            return try await units.read { db in
                try await RecallNotices.list(
                    organisations: readable, organisation: organisation, unacknowledged: unacknowledged, page: page, in: db)
            }
        }
        endpoints.post("notices/{id}/acknowledge", summary: "Say a notice was read and acted on", status: .ok) { _, context in
            let id = try context.uuid("id")
            return try await units.write(by: context.caller) { tx in try await RecallNotices.acknowledge(id, by: context.caller, in: tx) }
        }
        return endpoints
    }
}
