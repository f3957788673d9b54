import CollectoKernel
import Foundation

/// Stock's actions: the food bank's staff receive, list, correct, recall and
/// lift quarantines; every partner reads (and acknowledges) its own notices.
struct StockUseCases: Sendable {
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

    func receive(_ receipt: StockService.Receipt, by caller: Caller) async throws -> Lot {
        try FoodAidPermissions.manageStock.require(caller)
        let zone = timeZone
        return try await units.write(by: caller) { tx in
            let stock = StockService(rules: try await CategoryRules().shelfLife(in: tx))
            let lot = try await stock.receive(receipt, today: CalendarDate(tx.now, in: zone), in: tx)
            try await tx.audit("receive", entity: "foodaid.lot", id: lot.id.uuidString, organisation: nil, details: "\(lot.onHand) units")
            return lot
        }
    }

    /// Lots in first-expiring-first order, filtered and paged in SQL.
    func lots(product: UUID?, status: LotStatus?, originReference: String?, page: PageRequest, by caller: Caller) async throws -> Page<Lot>
    {
        try FoodAidPermissions.manageStock.require(caller)
        if let originReference { try Validate.nonEmpty(originReference, field: "originReference", maxLength: 200) }
        return try await units.read { db in
            try await StockService.lots(product: product, status: status, originReference: originReference, page: page, in: db)
        }
    }

    func lot(_ id: UUID, by caller: Caller) async throws -> LotDetail {
        try FoodAidPermissions.manageStock.require(caller)
        return try await units.read { db in
            guard let lot = try await StockService(rules: .init()).lot(id, in: db) else {
                throw KernelError.notFound(entity: "lot", id: id.uuidString)
            }
            return LotDetail(lot: lot, movements: try await StockService.movements(of: id, in: db))
        }
    }

    func correct(_ id: UUID, _ correction: Correction, by caller: Caller) async throws -> Lot {
        try FoodAidPermissions.manageStock.require(caller)
        return try await units.write(by: caller) { tx in
            let lot = try await StockService(rules: .init()).correct(
                id, kind: correction.kind, change: correction.change, reason: correction.reason, in: tx)
            try await tx.audit(
                correction.kind.rawValue, entity: "foodaid.lot", id: id.uuidString, organisation: nil,
                details: "\(correction.change): \(correction.reason)")
            return lot
        }
    }

    /// An inventory count: the units found on the shelf; the difference with the stock is written as an
    /// adjustment, read and written in one transaction so that a movement meanwhile cannot skew it.
    func count(_ id: UUID, counted: Int, reason: String, by caller: Caller) async throws -> Lot {
        try FoodAidPermissions.manageStock.require(caller)
        try Validate.range(counted, 0...100_000, field: "change")
        return try await units.write(by: caller) { tx in
            let service = StockService(rules: .init())
            guard let before = try await service.lot(id, in: tx) else { throw KernelError.notFound(entity: "lot", id: id.uuidString) }
            let change = counted - before.onHand
            let lot = try await service.correct(id, kind: .adjustment, change: change, reason: reason, in: tx)
            try await tx.audit(
                MovementKind.adjustment.rawValue, entity: "foodaid.lot", id: id.uuidString, organisation: nil,
                details: "counted \(counted) (\(change)): \(reason)")
            return lot
        }
    }

    func recall(_ recall: RecallService.Request, by caller: Caller) async throws -> RecallService.Report {
        try FoodAidPermissions.manageStock.require(caller)
        return try await units.write(by: caller) { tx in
            let report = try await RecallService(stock: StockService(rules: .init())).block(recall, in: tx)
            try await tx.audit(
                report.status.rawValue, entity: "foodaid.lot", id: nil, organisation: nil,
                details: "\(report.lotIds.count) lot(s): \(recall.reason)")
            return report
        }
    }

    func liftQuarantine(_ id: UUID, _ request: LiftQuarantine.Request, by caller: Caller) async throws -> Lot {
        try await LiftQuarantine(units: units)(id, request, by: caller)
    }

    /// The notices of the organisations whose data the caller may read.
    func notices(organisation: UUID?, unacknowledged: Bool, page: PageRequest, by caller: Caller) async throws -> Page<RecallNotice> {
        let readable = FoodAidPermissions.readNotices.organisations(heldBy: caller)
        return try await units.read { db in
            try await RecallNotices.list(
                organisations: readable, organisation: organisation, unacknowledged: unacknowledged, page: page, in: db)
        }
    }

    func acknowledgeNotice(_ id: UUID, by caller: Caller) async throws -> RecallNotice {
        try await units.write(by: caller) { tx in try await RecallNotices.acknowledge(id, by: caller, in: tx) }
    }
}
