import CollectoKernel
import Foundation

/// The food bank's figures (its staff) and each partner's monthly contribution
/// statement (the partner's people and the food bank).
struct ReportUseCases: Sendable {
    let units: UnitOfWorkRunner
    let timeZone: TimeZone
    let clock: any WallClock

    func supply(from: CalendarDate, until: CalendarDate, by caller: Caller) async throws -> SupplyReport {
        try FoodAidPermissions.readSupplyReport.require(caller)
        let today = CalendarDate(clock.now(), in: timeZone)
        let zone = timeZone
        return try await units.read { db in
            try await SupplyReport.make(from: from, until: until, today: today, timeZone: zone, in: db)
        }
    }

    func statement(of partner: UUID, month: String, by caller: Caller) async throws -> ContributionStatement {
        try FoodAidPermissions.readStatements.require(caller, in: partner, hiding: "partner", id: partner)
        let zone = timeZone
        return try await units.read { db in try await ContributionStatement.make(for: partner, month: month, timeZone: zone, in: db) }
    }
}
