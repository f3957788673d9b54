import Foundation
import Hummingbird

/// Modules, audit log and event backlog: what an administrator looks at.
struct SystemController {
    /// A module as listed by the API and the CLI.
    struct ModuleSummary: Codable, Sendable {
        var id: String
        var version: String
        var enabled: Bool
        var taskKinds: [String]
        var publishes: [String]
        var handles: [String]
        var permissions: [Permission]
    }

    /// One audit entry.
    struct AuditEntry: Codable, Sendable {
        var at: Date
        var userId: UUID?
        var organisationId: UUID?
        var action: String
        var entity: String
        var entityId: String?
        var details: String?
    }

    let kernel: Kernel

    var endpoints: Endpoints<AuthenticatedContext> {
        let endpoints = Endpoints<AuthenticatedContext>(tag: "system")
        endpoints.get("modules", summary: "Installed modules and whether they are enabled") { _, _ in
            kernel.moduleSummaries()
        }
        endpoints.get(
            "audit", summary: "Audit log of an organisation (its admins) or of all (food-bank admins)", query: ["organisationId", "limit"]
        ) {
            request, context in
            let organisation = try request.query("organisationId") { UUID(uuidString: $0) }
            let limit = try request.query("limit") { Int($0).flatMap { (1...1000).contains($0) ? $0 : nil } } ?? 100
            if let organisation {
                try context.caller.require(context.caller.canAdminister(organisation), "only the organisation's admins read its audit log")
            } else {
                try context.caller.require(context.caller.operatorRole == .admin, "only food-bank admins read the whole audit log")
            }
            return try await kernel.units.read { db in
                var sql = "SELECT * FROM kernel_audit_log"
                var bindings: [any SQLBindable] = []
                if let organisation {
                    sql += " WHERE organisation_id = ?"
                    bindings.append(organisation)
                }
                sql += " ORDER BY id DESC LIMIT ?"
                bindings.append(limit)
                return try await db.query(sql, bindings).map { row in
                    AuditEntry(
                        at: try row.instant("at"), userId: try row.optionalUUID("user_id"),
                        organisationId: try row.optionalUUID("organisation_id"),
                        action: try row.string("action"), entity: try row.string("entity"), entityId: try row.optionalString("entity_id"),
                        details: try row.optionalString("details"))
                }
            }
        }
        let balance = ReadMassBalance(
            units: kernel.units, contributors: kernel.registry.balanceContributors, timeZone: kernel.settings.timeZone)
        endpoints.raw(
            .get, "balance",
            summary: "The mass balance, to the gram, of a period (?from=&until=) or one source (&source=foodaid:<pickup>); ?format=csv",
            contentType: "application/json"
        ) { request, context in
            let today = CalendarDate(kernel.clock.now(), in: kernel.settings.timeZone)
            let from = try request.query("from", CalendarDate.init) ?? CalendarDate(year: today.year, month: today.month, day: 1)!
            let until = try request.query("until", CalendarDate.init) ?? today
            let report = try await balance(from: from, until: until, source: request.uri.queryParameters.get("source"), by: context.caller)
            return try ReportResponse.make(report, for: request) { try $0.csv() }
        }
        endpoints.get("events/backlog", summary: "Events not yet handled, per handler (food-bank admins)") { _, context in
            try context.caller.require(context.caller.operatorRole == .admin, "only food-bank admins see the event backlog")
            return try await kernel.relay.backlog()
        }
        return endpoints
    }
}

extension Kernel {
    /// Every installed module with what it registered (when enabled).
    func moduleSummaries() -> [SystemController.ModuleSummary] {
        registry.installed.map { module in
            let registration = registry.enabled.first { $0.module.id == module.id }?.registration
            return SystemController.ModuleSummary(
                id: module.id.rawValue, version: module.version, enabled: registration != nil,
                taskKinds: registration?.taskKinds.map(\.id) ?? [], publishes: registration?.publishedEvents ?? [],
                handles: registration?.handlers.map(\.eventType) ?? [], permissions: registration?.permissions ?? [])
        }
    }
}
