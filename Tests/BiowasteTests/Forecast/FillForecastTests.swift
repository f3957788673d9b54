import Biowaste
import CollectoKernel
import Testing

/// The fill forecast from a point's history.
@Suite struct FillForecastTests {
    static let day0 = CalendarDate("2026-03-02")!

    @Test func theRateWeighsRecentIntervalsMore() {
        let collections = [
            FillForecast.Collection(day: Self.day0, kg: 0), .init(day: Self.day0.adding(days: 10), kg: 100),
            .init(day: Self.day0.adding(days: 20), kg: 200),
        ]
        // 10 kg/day then 20 kg/day, weighted 1 and 2.
        #expect(abs(FillForecast.rate(collections, fallbackPerDay: 1) - (10 * 3.0 + 20 * 4.0) / 7) < 0.001)
        #expect(FillForecast.rate([collections[0]], fallbackPerDay: 4) == 4)
    }

    @Test func aPointIsFullAtNinetyPercentFromItsLastCollectionOrReport() {
        let collections = [FillForecast.Collection(day: Self.day0, kg: 50), .init(day: Self.day0.adding(days: 5), kg: 50)]
        let fromCollection = FillForecast.predict(
            capacityKg: 100, collections: collections, reports: [], on: Self.day0.adding(days: 6), fallbackPerDay: 0)
        #expect(fromCollection.rateKgPerDay == 10)
        #expect(fromCollection.estimatedKg == 10)
        #expect(fromCollection.fullOn == Self.day0.adding(days: 5 + 9))
        let report = FillForecast.Report(day: Self.day0.adding(days: 7), fillLevel: 0.7)
        let fromReport = FillForecast.predict(
            capacityKg: 100, collections: collections, reports: [report], on: Self.day0.adding(days: 7), fallbackPerDay: 0)
        #expect(fromReport.fullOn == Self.day0.adding(days: 9))
    }

    @Test func theBacktestComparesEachForecastWithTheDayThePointWasReportedFull() {
        // 10 kg/day into 100 kg: 90 % is reached 9 days after each collection; the site reported it on day 9 then day 20.
        let collections = (0..<4).map { FillForecast.Collection(day: Self.day0.adding(days: $0 * 10), kg: 100) }
        let reports = [
            FillForecast.Report(day: Self.day0.adding(days: 29), fillLevel: 0.95), .init(day: Self.day0.adding(days: 19), fillLevel: 0.9),
        ]
        #expect(FillForecast.backtest(capacityKg: 100, collections: collections, reports: reports, fallbackPerDay: 0) == [0, 0])
    }
}
