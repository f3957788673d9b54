import CollectoKernel
import Foundation

/// What a partner is told when units it received are blocked (or released
/// again): the product, the lot, how many units it received and what to do.
/// Partners read their own notices through the API and acknowledge them.
public struct RecallNotice: Sendable, Codable, Hashable {
    public var id: UUID
    public var organisationId: UUID
    public var lotId: UUID
    public var productId: UUID
    public var productCode: String
    public var productName: String
    public var useBy: CalendarDate?
    public var bestBefore: CalendarDate?
    /// The order (or parcel request) the units came with.
    public var orderId: UUID?
    public var units: Int
    public var kind: RecallNoticeKind
    public var reason: String
    /// What the partner must do, in words.
    public var instructions: String
    public var createdAt: Date
    public var acknowledgedAt: Date?
}

/// Why a partner is told.
public enum RecallNoticeKind: String, Sendable, AcceptedValues, CaseIterable {
    /// Withdrawn for good: never give these units out.
    case recall
    /// Blocked pending a decision: set them aside.
    case quarantine
    /// A quarantine was lifted: the units may go out again.
    case quarantineLifted = "quarantine_lifted"

    var instructions: String {
        switch self {
        case .recall:
            "Do not distribute these units. Take any left off the shelves, set them aside for the food bank to collect or destroy, "
                + "and tell households that received some not to eat them."
        case .quarantine:
            "Do not distribute these units until the food bank says so. Set any left aside, apart from other stock."
        case .quarantineLifted:
            "The quarantine is lifted: the units set aside may be distributed again."
        }
    }
}

/// Sending and reading recall notices.
enum RecallNotices {
    /// One notice per partner and lot for every unit shipped of the blocked lots.
    static func send(
        for report: RecallService.Report, lots: [Lot], kind: RecallNoticeKind, reason: String, in tx: Transaction
    ) async throws -> [RecallNotice] {
        var notices: [RecallNotice] = []
        let recipients = Dictionary(report.recipients.map { ($0.orderId, $0.organisationId) }) { first, _ in first }
        for lot in lots {
            let shipped = try await tx.query(
                """
                SELECT order_id, -SUM(on_hand_change) AS units FROM foodaid_movements
                WHERE lot_id = ? AND kind = 'shipment' AND order_id IS NOT NULL GROUP BY order_id HAVING -SUM(on_hand_change) > 0
                ORDER BY order_id
                """, [lot.id])
            for row in shipped {
                let order = try row.uuid("order_id")
                guard let organisation = recipients[order] else { continue }
                let id = UUID()
                try await tx.execute(
                    """
                    INSERT INTO foodaid_recall_notices (id, organisation_id, lot_id, product_id, order_id, units, kind, reason, created_at)
                    VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?)
                    """, [id, organisation, lot.id, lot.productId, order, try row.int("units"), kind.rawValue, reason, tx.now])
                if let notice = try await load(id, in: tx) { notices.append(notice) }
            }
        }
        return notices
    }

    /// Notices of the organisations the caller may read (all when nil), newest first.
    static func list(organisations: Set<UUID>?, organisation: UUID?, unacknowledged: Bool, page: PageRequest, in db: any SQLExecutor)
        async throws -> Page<RecallNotice>
    {
        var query = SQLListQuery(Self.select)
        query.filter("n.organisation_id", in: organisations)
        query.filter("n.organisation_id = ?", organisation)
        query.filter("n.acknowledged_at IS NULL AND 1 = ?", unacknowledged ? 1 : nil)
        query.order(by: "n.created_at DESC, n.id", page: page)
        return try await query.page(in: db, each: notice)
    }

    static func load(_ id: UUID, in db: any SQLExecutor) async throws -> RecallNotice? {
        try await db.queryFirst(select + " WHERE n.id = ?", [id]).map(notice)
    }

    /// The partner says it has read the notice and acted on it.
    static func acknowledge(_ id: UUID, by caller: Caller, in tx: Transaction) async throws -> RecallNotice {
        guard let notice = try await load(id, in: tx) else { throw KernelError.notFound(entity: "notice", id: id.uuidString) }
        try FoodAidPermissions.acknowledgeNotices.require(caller, in: notice.organisationId, hiding: "notice", id: id)
        if notice.acknowledgedAt == nil {
            try await tx.execute(
                "UPDATE foodaid_recall_notices SET acknowledged_at = ?, acknowledged_by = ? WHERE id = ?", [tx.now, caller.userID, id])
            try await tx.audit("acknowledge", entity: "foodaid.recall_notice", id: id.uuidString, organisation: notice.organisationId)
        }
        guard let acknowledged = try await load(id, in: tx) else { throw KernelError.notFound(entity: "notice", id: id.uuidString) }
        return acknowledged
    }

    private static let select = """
        SELECT n.*, p.code AS product_code, p.name AS product_name, l.use_by, l.best_before FROM foodaid_recall_notices n
        JOIN foodaid_products p ON p.id = n.product_id JOIN foodaid_lots l ON l.id = n.lot_id
        """

    static func notice(_ row: SQLRow) throws -> RecallNotice {
        let kind = try row.string("kind")
        guard let parsed = RecallNoticeKind(rawValue: kind) else {
            throw StorageError.unexpectedValue(column: "kind", expected: "a notice kind, got \(kind)")
        }
        return RecallNotice(
            id: try row.uuid("id"), organisationId: try row.uuid("organisation_id"), lotId: try row.uuid("lot_id"),
            productId: try row.uuid("product_id"), productCode: try row.string("product_code"), productName: try row.string("product_name"),
            useBy: try row.optionalCalendarDate("use_by"), bestBefore: try row.optionalCalendarDate("best_before"),
            orderId: try row.optionalUUID("order_id"), units: try row.int("units"), kind: parsed, reason: try row.string("reason"),
            instructions: parsed.instructions, createdAt: try row.instant("created_at"),
            acknowledgedAt: try row.optionalInstant("acknowledged_at"))
    }
}
