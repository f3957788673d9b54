import CollectoKernel
import Foundation
import Hummingbird

/// The food bank's figures and partners' monthly contribution statements.
struct ReportsController {
    let units: UnitOfWorkRunner
    let timeZone: TimeZone
    let clock: any WallClock

    var endpoints: Endpoints<AuthenticatedContext> {
        let endpoints = Endpoints<AuthenticatedContext>(tag: "foodaid")
        endpoints.raw(
            .get, "reports/supply",
            summary:
                "Tonnage received and distributed, fresh share, losses, stock and what expires within 7 days (?month=YYYY-MM or ?from=&until=; &format=csv)",
            contentType: "application/json"
        ) { request, context in
            try FoodAidAccess.requireFoodBankStaff(context.caller)
            let (from, until) = try period(request)
            let today = CalendarDate(clock.now(), in: timeZone)
            let report = try await units.read { db in
                try await SupplyReport.make(from: from, until: until, today: today, timeZone: timeZone, in: db)
            }
            return try ReportResponse.make(report, for: request) { try $0.csv() }
        }
        endpoints.get("partners/{id}/statements/{month}", summary: "A partner's solidarity contribution for a month (YYYY-MM)") {
            _, context in
            let id = try context.uuid("id")
            guard context.caller.canRead(id) else { throw KernelError.notFound(entity: "partner", id: id.uuidString) }
            let month = context.parameters.get("month") ?? ""
            return try await units.read { db in try await ContributionStatement.make(for: id, month: month, timeZone: timeZone, in: db) }
        }
        return endpoints
    }

    func period(_ request: Request) throws -> (CalendarDate, CalendarDate) {
        if let month = request.uri.queryParameters.get("month") {
            return try ContributionStatement.bounds(String(month))
        }
        guard let from = try request.query("from", CalendarDate.init), let until = try request.query("until", CalendarDate.init) else {
            throw KernelError.invalid(field: "month", message: "give ?month=YYYY-MM, or ?from=YYYY-MM-DD&until=YYYY-MM-DD")
        }
        return (from, until)
    }
}
