import CollectoKernel
import Foundation

/// The workshop's report as an action, so that the API (JSON or CSV) and the
/// pages share one rule: the workshop's people and the food bank's staff read
/// it, over the last 90 days by month unless told otherwise.
struct ReportUseCases: Sendable {
    let units: UnitOfWorkRunner
    let timeZone: TimeZone
    let clock: any WallClock

    /// Kg rescued, output, yield per recipe, losses and HACCP deviations, by week or month.
    func report(
        _ workshop: UUID, grouping: WorkshopReport.Grouping?, from: CalendarDate?, until: CalendarDate?, by caller: Caller
    ) async throws -> WorkshopReport {
        try MicroTransformPermissions.readWorkshop.require(caller, atWorkshop: workshop)
        let today = CalendarDate(clock.now(), in: timeZone)
        let grouping = grouping ?? .month
        let from = from ?? today.adding(days: -90)
        let until = until ?? today
        return try await units.read { db in
            try await Workshop.mustExist(workshop, in: db)
            return try await WorkshopReport.make(workshop: workshop, from: from, until: until, grouping: grouping, in: db)
        }
    }
}
