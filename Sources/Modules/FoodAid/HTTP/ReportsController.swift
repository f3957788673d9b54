import CollectoKernel
import Foundation
import Hummingbird

/// The food bank's figures and partners' monthly contribution statements, over HTTP.
struct ReportsController {
    let reports: ReportUseCases

    var endpoints: Endpoints<AuthenticatedContext> {
        let endpoints = Endpoints<AuthenticatedContext>(tag: "foodaid")
        endpoints.raw(
            .get, "reports/supply",
            summary:
                "Tonnage received and distributed, fresh share, losses, stock and what expires within 7 days (?month=YYYY-MM or ?from=&until=; &format=csv)",
            contentType: "application/json", query: [.month("month"), .date("from"), .date("until"), APIParameter.format]
        ) { request, context in
            let (from, until) = try period(request)
            let report = try await reports.supply(from: from, until: until, by: context.caller)
            return try ReportResponse.make(report, for: request) { try $0.csv() }
        }
        endpoints.get(
            "partners/{id}/statements/{month}", summary: "A partner's solidarity contribution for a month (YYYY-MM)",
            pathParameters: [.month("month")]
        ) {
            _, context in
            try await reports.statement(of: try context.uuid("id"), month: context.parameters.get("month") ?? "", by: context.caller)
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
