import CollectoKernel
import Foundation

/// The city's reports: tonnage, refusals and CO2e avoided over a period, for
/// every point (city services) or the caller's own points, and the emission
/// factors the deployment configured.
struct ReportUseCases: Sendable {
    let units: UnitOfWorkRunner
    let timeZone: TimeZone
    let clock: any WallClock
    let factors: EmissionFactors

    /// The report over the days (by default the year up to today).
    func tonnage(from: CalendarDate?, until: CalendarDate?, by caller: Caller) async throws -> TonnageReport {
        let (from, until) = try RegisterUseCases.period(from: from, until: until, today: CalendarDate(clock.now(), in: timeZone))
        let (factors, zone) = (factors, timeZone)
        return try await units.read { db in
            try await TonnageReport.make(
                from: from, until: until, sites: try await RegisterUseCases.visibleSites(caller, in: db), factors: factors,
                timeZone: zone, in: db)
        }
    }

    /// The configured factors, which everyone logged in may read.
    func emissionFactors(by caller: Caller) -> EmissionFactors { factors }
}
