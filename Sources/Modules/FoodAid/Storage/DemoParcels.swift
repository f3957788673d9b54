import CollectoKernel
import Foundation

/// Demo emergency parcels: three standard compositions by household size, and
/// each month the national aid programme's delivery of their staples and a
/// few requests from the municipal social services (CCAS), prepared from
/// stock first-expiring first and handed over — only when stock covers them,
/// as a coordinator would check before promising.
enum DemoParcels {
    /// Defines the standard parcels at the transaction's instant.
    static func defineCompositions(staples: [Product], tx: Transaction) async throws {
        guard staples.count >= 6 else { return }
        let sizes: [(String, Int, Int, Int)] = [
            ("Colis 1–2 personnes", 1, 2, 1), ("Colis 3–4 personnes", 3, 4, 2), ("Colis familles 5+", 5, 12, 3),
        ]
        for (name, smallest, largest, factor) in sizes {
            _ = try await ParcelService(stock: StockService(rules: ShelfLifeRules())).define(
                .init(
                    name: name, householdMin: smallest, householdMax: largest,
                    lines: staples.prefix(6).map { .init(productId: $0.id, quantity: factor) }),
                in: tx)
        }
    }

    /// A month's requests, needed by `day`, prepared and handed over that morning.
    static func month(
        day: CalendarDate, warehouse: UUID, referrers: [DemoNetwork.Member], staples: [Product], timeZone: TimeZone,
        random: inout SeededGenerator,
        tx: Transaction
    ) async throws {
        let service = ParcelService(stock: StockService(rules: ShelfLifeRules()))
        let at = Transaction(sql: tx.sql, now: day.instant(at: LocalTime(hour: 9, minute: 30)!, in: timeZone), caller: nil)
        // The month's aid-programme delivery of the parcel staples arrived a few days before.
        let delivered = Transaction(sql: tx.sql, now: at.now.addingTimeInterval(-3 * 86_400), caller: nil)
        for product in staples.prefix(6) {
            _ = try await service.stock.receive(
                .init(
                    productId: product.id, siteId: warehouse, quantity: Int.random(in: 60...160, using: &random), useBy: nil,
                    bestBefore: day.adding(days: 300), originKind: .purchase, originReference: "PNAA-\(day.description.prefix(7))"),
                today: day, in: delivered)
        }
        for referrer in referrers.shuffled(using: &random).prefix(5) {
            let householdSize = Int.random(in: 1...6, using: &random)
            let parcels = Int.random(in: 1...4, using: &random)
            let factor = householdSize <= 2 ? 1 : householdSize <= 4 ? 2 : 3
            let free = try await service.stock.freeUnits(on: day, products: Array(staples.prefix(6)), in: at)
            guard staples.prefix(6).allSatisfy({ (free[$0.id] ?? 0) >= factor * parcels }) else { continue }
            let request = try await service.request(
                .init(referrerId: referrer.organisation.id, householdSize: householdSize, parcels: parcels, neededBy: day), in: at)
            _ = try await service.prepare(request.id, in: at)
            _ = try await service.handOver(request.id, in: at)
        }
    }
}
