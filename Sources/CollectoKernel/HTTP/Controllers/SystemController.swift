import Foundation
import Hummingbird

/// Modules, audit log and event backlog: what an administrator looks at.
struct SystemController {
    let kernel: Kernel

    var endpoints: Endpoints<AuthenticatedContext> {
        let endpoints = Endpoints<AuthenticatedContext>(tag: "system")
        let audit = AuditLogUseCases(units: kernel.units, relay: kernel.relay)
        endpoints.get("modules", summary: "Installed modules and whether they are enabled") { _, _ in
            kernel.moduleSummaries()
        }
        endpoints.get(
            "audit", summary: "Audit log of an organisation (its admins) or of all (food-bank admins)",
            query: [.uuid("organisationId")] + APIParameter.page
        ) {
            request, context in
            let organisation = try request.query("organisationId") { UUID(uuidString: $0) }
            return try await audit.entries(organisation: organisation, page: try request.page(), by: context.caller)
        }
        let balance = ReadMassBalance(
            units: kernel.units, contributors: kernel.registry.balanceContributors, timeZone: kernel.settings.timeZone)
        endpoints.raw(
            .get, "balance",
            summary: "The mass balance, to the gram, of a period (?from=&until=) or one source (&source=foodaid:<pickup>); ?format=csv",
            contentType: "application/json", query: [.date("from"), .date("until"), "source", APIParameter.format]
        ) { request, context in
            let today = CalendarDate(kernel.clock.now(), in: kernel.settings.timeZone)
            let from = try request.query("from", CalendarDate.init) ?? CalendarDate(year: today.year, month: today.month, day: 1)!
            let until = try request.query("until", CalendarDate.init) ?? today
            let report = try await balance(from: from, until: until, source: request.uri.queryParameters.get("source"), by: context.caller)
            return try ReportResponse.make(report, for: request) { try $0.csv() }
        }
        endpoints.get("events/backlog", summary: "Events not yet handled, per handler (food-bank admins)") { _, context in
            try await audit.backlog(by: context.caller)
        }
        return endpoints
    }
}
