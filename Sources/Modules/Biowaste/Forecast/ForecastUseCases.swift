import CollectoKernel
import Foundation

/// The fill forecast's actions, for city services: when each point will be
/// full and which need a pickup, and how well the forecast did on the history.
struct ForecastUseCases: Sendable {
    let units: UnitOfWorkRunner
    let timeZone: TimeZone
    let clock: any WallClock

    /// Every point's forecast from today over `days` days.
    func forecast(days: Int, by caller: Caller) async throws -> [ForecastService.PointForecast] {
        try Validate.range(days, 0...30, field: "days")
        let today = CalendarDate(clock.now(), in: timeZone)
        try BiowastePermissions.readForecast.requireForCityServices(caller)
        let forecasts = ForecastService(timeZone: timeZone)
        return try await units.read { db in
            try await forecasts.forecasts(
                on: today, horizonDays: days, points: try await PointService.points(at: nil, page: nil, in: db).items, in: db)
        }
    }

    func accuracy(by caller: Caller) async throws -> ForecastService.Accuracy {
        try BiowastePermissions.readForecast.requireForCityServices(caller)
        let forecasts = ForecastService(timeZone: timeZone)
        return try await units.read { db in try await forecasts.accuracy(in: db) }
    }
}
