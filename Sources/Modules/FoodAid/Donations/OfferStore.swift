import CollectoKernel
import Foundation

/// Reads and writes donation offers.
struct OfferStore: Sendable {
    func get(_ id: UUID, in db: any SQLExecutor) async throws -> DonationOffer? {
        guard let row = try await db.queryFirst("SELECT * FROM foodaid_offers WHERE id = ?", [id]) else { return nil }
        return try await offer(row, in: db)
    }

    /// Which offers a caller sees when not every one: their donors' offers,
    /// those their organisations claimed, and these broadcast ones near them.
    struct Visibility: Sendable {
        var donors: Set<UUID>
        var claimants: Set<UUID>
        var offers: Set<UUID>
    }

    /// Offers by availability, filtered and paged in SQL (nil visibility: every offer).
    func list(status: OfferStatus?, visibleTo visibility: Visibility? = nil, page: PageRequest? = nil, in db: any SQLExecutor)
        async throws -> Page<DonationOffer>
    {
        var query = SQLListQuery("SELECT * FROM foodaid_offers")
        query.filter("status = ?", status?.rawValue)
        if let visibility {
            var conditions: [String] = []
            var values: [any SQLBindable] = []
            for (column, ids) in [("donor_id", visibility.donors), ("claimed_by", visibility.claimants), ("id", visibility.offers)]
            where !ids.isEmpty {
                conditions.append("\(column) IN (" + Array(repeating: "?", count: ids.count).joined(separator: ", ") + ")")
                values.append(contentsOf: ids.sorted { $0.uuidString < $1.uuidString } as [any SQLBindable])
            }
            guard !conditions.isEmpty else { return .empty(page) }
            query.filter("(" + conditions.joined(separator: " OR ") + ")", values: values)
        }
        query.order(by: "available_from, id", page: page)
        return try await query.page(in: db) { rows in
            var offers: [DonationOffer] = []
            for row in rows { offers.append(try await offer(row, in: db)) }
            return offers
        }
    }

    func insert(_ offer: DonationOffer, in tx: Transaction) async throws {
        try await tx.execute(
            """
            INSERT INTO foodaid_offers (id, donor_id, site_id, available_from, available_until, status, created_at, updated_at)
            VALUES (?, ?, ?, ?, ?, ?, ?, ?)
            """,
            [
                offer.id, offer.donorId, offer.siteId, offer.availableFrom, offer.availableUntil, offer.status.rawValue, offer.createdAt,
                offer.updatedAt,
            ])
        for line in offer.lines {
            try await tx.execute(
                """
                INSERT INTO foodaid_offer_lines (offer_id, line_no, product_id, category, description, estimated_kg, use_by, best_before, temperature)
                VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?)
                """,
                [
                    offer.id, line.lineNo, line.productId, line.category.rawValue, line.description, line.estimatedKg, line.useBy,
                    line.bestBefore,
                    line.temperature.rawValue,
                ])
        }
    }

    private func offer(_ row: SQLRow, in db: any SQLExecutor) async throws -> DonationOffer {
        let id = try row.uuid("id")
        let lines = try await db.query("SELECT * FROM foodaid_offer_lines WHERE offer_id = ? ORDER BY line_no", [id]).map { line in
            DonationOffer.Line(
                lineNo: try line.int("line_no"), productId: try line.optionalUUID("product_id"),
                category: try line.value(ProductCategory.self, "category"),
                description: try line.string("description"),
                estimatedKg: try line.double("estimated_kg"), acceptedKg: try line.optionalDouble("accepted_kg"),
                useBy: line.isNull("use_by") ? nil : try line.calendarDate("use_by"),
                bestBefore: line.isNull("best_before") ? nil : try line.calendarDate("best_before"),
                temperature: try line.value(TemperatureClass.self, "temperature"))
        }
        return DonationOffer(
            id: id, donorId: try row.uuid("donor_id"), siteId: try row.uuid("site_id"), availableFrom: try row.instant("available_from"),
            availableUntil: try row.instant("available_until"), status: try row.value(OfferStatus.self, "status"),
            decisionReason: try row.optionalString("decision_reason"), claimedBy: try row.optionalUUID("claimed_by"),
            pickupId: try row.optionalUUID("pickup_id"), lines: lines, createdAt: try row.instant("created_at"),
            updatedAt: try row.instant("updated_at"))
    }
}
