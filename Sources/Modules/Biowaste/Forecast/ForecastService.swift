import CollectoKernel
import Foundation

/// Fill forecasts for every point from the register and the sites' requests,
/// the pickups they propose, and how well the forecast did on the history.
struct ForecastService: Sendable {
    /// One point's forecast.
    struct PointForecast: Sendable, Codable {
        var siteId: UUID
        var name: String
        var capacityKg: Double
        var prediction: FillForecast.Prediction
        /// Full within the horizon and nothing planned yet: a pickup should be planned.
        var proposePickup: Bool
    }

    /// The forecast's error on the history, in days.
    struct Accuracy: Sendable, Codable {
        var points: Int
        var predictions: Int
        var meanAbsoluteErrorDays: Double
        var meanErrorDays: Double
        var withinOneDay: Double
    }

    let timeZone: TimeZone

    func history(of point: CollectionPoint, in db: any SQLExecutor) async throws -> ([FillForecast.Collection], [FillForecast.Report]) {
        var byPickup: [String: (Date, Int)] = [:]
        for row in try await db.query(
            """
            SELECT pickup_id, at, grams, kind FROM biowaste_register WHERE producer_site_id = ?
                AND (kind = 'collection' OR (kind = 'correction' AND note LIKE 'collection%')) ORDER BY id
            """, [point.siteId])
        {
            let key = try row.optionalString("pickup_id") ?? "entry-\(try row.instant("at").timeIntervalSince1970)"
            let at = try row.instant("at")
            let current = byPickup[key] ?? (at, 0)
            byPickup[key] = (min(current.0, at), current.1 + (try row.int("grams")))
        }
        let collections = byPickup.values.map { FillForecast.Collection(day: CalendarDate($0.0, in: timeZone), kg: Grams.kg($0.1)) }
            .sorted { $0.day < $1.day }
        let reports = try await db.query(
            "SELECT due_day, fill_level FROM biowaste_arrivals WHERE site_id = ? AND source = 'request' AND fill_level IS NOT NULL",
            [point.siteId]
        ).map { FillForecast.Report(day: try $0.calendarDate("due_day"), fillLevel: try $0.double("fill_level")) }
        return (collections, reports)
    }

    func forecasts(on today: CalendarDate, horizonDays: Int, points: [CollectionPoint], in db: any SQLExecutor) async throws
        -> [PointForecast]
    {
        var result: [PointForecast] = []
        for point in points where point.capacityKg > 0 {
            let (collections, reports) = try await history(of: point, in: db)
            let prediction = FillForecast.predict(
                capacityKg: point.capacityKg, collections: collections, reports: reports, on: today,
                fallbackPerDay: point.expectedKgPerWeek / 7)
            let pending = try await db.scalarInt(
                "SELECT COUNT(*) FROM biowaste_arrivals WHERE site_id = ? AND status IN ('waiting', 'planned')", [point.siteId])
            let due = prediction.fullOn.map { $0 <= today.adding(days: horizonDays) } ?? false
            result.append(
                PointForecast(
                    siteId: point.siteId, name: point.name, capacityKg: point.capacityKg, prediction: prediction,
                    proposePickup: due && pending == 0))
        }
        return result.sorted {
            ($0.prediction.fullOn?.description ?? "9999", $0.name) < ($1.prediction.fullOn?.description ?? "9999", $1.name)
        }
    }

    /// Adds the proposed pickups as waste waiting at their points, due the day before they fill.
    func propose(on today: CalendarDate, horizonDays: Int, in tx: Transaction) async throws -> [WasteToCollect] {
        var added: [WasteToCollect] = []
        for forecast in try await forecasts(
            on: today, horizonDays: horizonDays, points: try await PointService.points(at: nil, page: nil, in: tx).items, in: tx)
        where forecast.proposePickup {
            let due = max(today, (forecast.prediction.fullOn ?? today).adding(days: -1))
            added.append(
                try await PointService.addWaiting(
                    site: forecast.siteId, source: "forecast", eventID: nil, nature: "biowaste",
                    kg: min(
                        forecast.capacityKg,
                        forecast.prediction.rateKgPerDay * Double(max(1, today.days(until: due))) + forecast.prediction.estimatedKg),
                    fillLevel: nil, container: nil, note: "forecast full on \(forecast.prediction.fullOn?.description ?? "?")", due: due,
                    in: tx))
        }
        return added
    }

    func accuracy(in db: any SQLExecutor) async throws -> Accuracy {
        var errors: [Int] = []
        var points = 0
        for point in try await PointService.points(at: nil, page: nil, in: db).items where point.capacityKg > 0 {
            let (collections, reports) = try await history(of: point, in: db)
            let found = FillForecast.backtest(
                capacityKg: point.capacityKg, collections: collections, reports: reports, fallbackPerDay: point.expectedKgPerWeek / 7)
            if !found.isEmpty { points += 1 }
            errors += found
        }
        guard !errors.isEmpty else {
            return Accuracy(points: 0, predictions: 0, meanAbsoluteErrorDays: 0, meanErrorDays: 0, withinOneDay: 0)
        }
        let count = Double(errors.count)
        func round(_ value: Double) -> Double { (value * 100).rounded() / 100 }
        return Accuracy(
            points: points, predictions: errors.count, meanAbsoluteErrorDays: round(errors.reduce(0) { $0 + Double(abs($1)) } / count),
            meanErrorDays: round(errors.reduce(0) { $0 + Double($1) } / count),
            withinOneDay: round(Double(errors.filter { abs($0) <= 1 }.count) / count))
    }
}
