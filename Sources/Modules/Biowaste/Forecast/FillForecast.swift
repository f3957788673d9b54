import CollectoKernel
import Foundation

/// When will a collection point's containers be full? From its history: the
/// production rate is the weight of each collection divided by the days since
/// the one before, averaged over the last four intervals with more weight on
/// recent ones (the point's declared weekly production until there are two
/// collections). The fill starts from zero after the last collection, or from
/// the level a site reported since, and grows at that rate; the point is full
/// when it reaches 90 % of the containers' capacity (litres × density) — the
/// level at which sites ask for a pickup, a lid still closing.
public enum FillForecast {
    /// The share of capacity at which a point counts as full.
    public static let fullShare = 0.9

    /// A collection that emptied the point.
    public struct Collection: Sendable, Hashable {
        public var day: CalendarDate
        public var kg: Double
        public init(day: CalendarDate, kg: Double) {
            self.day = day
            self.kg = kg
        }
    }

    /// A fill level a site reported.
    public struct Report: Sendable, Hashable {
        public var day: CalendarDate
        public var fillLevel: Double
        public init(day: CalendarDate, fillLevel: Double) {
            self.day = day
            self.fillLevel = fillLevel
        }
    }

    /// The forecast for a point on a day.
    public struct Prediction: Sendable, Codable, Hashable {
        public var rateKgPerDay: Double
        public var estimatedKg: Double
        public var fillLevel: Double
        /// The day it is expected full; nil when nothing is produced.
        public var fullOn: CalendarDate?
    }

    static let weights = [1.0, 2.0, 3.0, 4.0]

    /// Kg produced per day, from the last intervals between collections.
    public static func rate(_ collections: [Collection], fallbackPerDay: Double) -> Double {
        let sorted = collections.sorted { $0.day < $1.day }
        guard sorted.count >= 2 else { return fallbackPerDay }
        var intervals: [Double] = []
        for index in 1..<sorted.count {
            let days = sorted[index - 1].day.days(until: sorted[index].day)
            if days > 0 { intervals.append(sorted[index].kg / Double(days)) }
        }
        let recent = Array(intervals.suffix(weights.count))
        guard !recent.isEmpty else { return fallbackPerDay }
        let used = Array(weights.suffix(recent.count))
        return zip(recent, used).reduce(0) { $0 + $1.0 * $1.1 } / used.reduce(0, +)
    }

    public static func predict(
        capacityKg: Double, collections: [Collection], reports: [Report], on today: CalendarDate, fallbackPerDay: Double
    ) -> Prediction {
        let rate = rate(collections, fallbackPerDay: fallbackPerDay)
        let last = collections.map(\.day).max()
        var baseDay = last ?? today
        var baseKg = 0.0
        // A report on the day of the last collection is the one that asked for it: only later ones count.
        if let report = reports.filter({ last == nil || $0.day > last! }).max(by: { $0.day < $1.day }) {
            baseDay = report.day
            baseKg = report.fillLevel * capacityKg
        }
        let estimated = baseKg + rate * Double(max(0, baseDay.days(until: today)))
        var fullOn: CalendarDate?
        let full = capacityKg * fullShare
        if baseKg >= full && capacityKg > 0 {
            fullOn = baseDay
        } else if rate > 0 && capacityKg > 0 {
            fullOn = baseDay.adding(days: Grams.whole((full - baseKg) / rate, rounding: .up, in: 0...3_650))
        }
        return Prediction(
            rateKgPerDay: (rate * 1000).rounded() / 1000, estimatedKg: (estimated * 1000).rounded() / 1000,
            fillLevel: capacityKg > 0 ? ((estimated / capacityKg) * 100).rounded() / 100 : 0, fullOn: fullOn)
    }

    /// For each collection after the second, the forecast made at the collection before (with only the history known then)
    /// against the day the site reported the point full (fill of 90 % or more) in between: predicted minus actual, in days.
    public static func backtest(capacityKg: Double, collections: [Collection], reports: [Report], fallbackPerDay: Double) -> [Int] {
        let sorted = collections.sorted { $0.day < $1.day }
        guard sorted.count >= 3 else { return [] }
        var errors: [Int] = []
        for index in 2..<sorted.count {
            let previous = sorted[index - 1].day
            guard
                let full = reports.filter({ $0.fillLevel >= 0.9 && $0.day > previous && $0.day <= sorted[index].day })
                    .min(by: { $0.day < $1.day })
            else { continue }
            let known = Array(sorted[...(index - 1)])
            let prediction = predict(capacityKg: capacityKg, collections: known, reports: [], on: previous, fallbackPerDay: fallbackPerDay)
            guard let fullOn = prediction.fullOn else { continue }
            errors.append(full.day.days(until: fullOn))
        }
        return errors
    }
}
