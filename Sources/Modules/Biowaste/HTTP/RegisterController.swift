import CollectoKernel
import Foundation
import Hummingbird

/// The register, its corrections, the city's reports and the emission factors.
struct RegisterController {
    let units: UnitOfWorkRunner
    let timeZone: TimeZone
    let clock: any WallClock
    let factors: EmissionFactors

    func period(_ request: Request) throws -> (CalendarDate, CalendarDate) {
        let today = CalendarDate(clock.now(), in: timeZone)
        let from = try request.query("from", CalendarDate.init) ?? today.adding(days: -365)
        let until = try request.query("until", CalendarDate.init) ?? today
        guard from <= until else { throw KernelError.invalid(field: "until", message: "the period ends after it starts") }
        return (from, until)
    }

    /// The sites whose figures the caller may see: all (nil) for city services.
    static func visibleSites(_ caller: Caller, in db: any SQLExecutor) async throws -> Set<UUID>? {
        if try await BiowasteAccess.isCity(caller, in: db) { return nil }
        return Set(try await PointService.points(in: db).filter { caller.canRead($0.organisationId) }.map(\.siteId))
    }

    var endpoints: Endpoints<AuthenticatedContext> {
        let endpoints = Endpoints<AuthenticatedContext>(tag: "biowaste")
        let register = RegisterService(timeZone: timeZone)
        endpoints.raw(
            .get, "register", summary: "The chronological register (?from=&until=&siteId=&format=csv)", contentType: "application/json"
        ) { request, context in
            let (from, until) = try period(request)
            let site = try request.query("siteId") { UUID(uuidString: $0) }
            let caller = context.caller
            let (entries, csv) = try await units.read { db in
                let sites = try await Self.visibleSites(caller, in: db)
                let entries = try await RegisterService.entries(
                    from: from.instant(at: LocalTime(hour: 0, minute: 0)!, in: timeZone),
                    until: until.adding(days: 1).instant(at: LocalTime(hour: 0, minute: 0)!, in: timeZone), site: site, in: db
                ).filter { sites == nil || sites!.contains($0.producerSiteId) }
                return (entries, ReportResponse.wantsCSV(request) ? try await register.csv(entries, in: db) : nil)
            }
            if let csv {
                return Response(
                    status: .ok, headers: [.contentType: "text/csv; charset=utf-8"], body: .init(byteBuffer: ByteBuffer(string: csv)))
            }
            return Response(
                status: .ok, headers: [.contentType: "application/json; charset=utf-8"],
                body: .init(byteBuffer: ByteBuffer(bytes: try JSONBody.encoder.encode(entries))))
        }
        endpoints.post(
            "register/{id}/corrections", summary: "Correct an entry with a later one (never edited)", body: RegisterService.Correction.self
        ) {
            request, context in
            guard let id = context.parameters.get("id", as: Int.self) else {
                throw KernelError.invalid(field: "id", message: "id is a number")
            }
            let correction = try await request.decodeJSON(RegisterService.Correction.self, context: context)
            return try await units.write(by: context.caller) { tx in
                try await BiowasteAccess.requireCityManager(context.caller, in: tx)
                let entry = try await register.correct(id, correction, by: context.caller.userID, in: tx)
                try await tx.audit("correct", entity: "biowaste.register", id: String(id), organisation: nil, details: correction.reason)
                return entry
            }
        }
        endpoints.raw(
            .get, "reports",
            summary: "Tonnage per point, month and destination; refusal rate; kg diverted; CO2e avoided (?from=&until=&format=csv)",
            contentType: "application/json"
        ) { request, context in
            let (from, until) = try period(request)
            let caller = context.caller
            let report = try await units.read { db in
                try await TonnageReport.make(
                    from: from, until: until, sites: try await Self.visibleSites(caller, in: db), factors: factors, timeZone: timeZone,
                    in: db)
            }
            return try ReportResponse.make(report, for: request) { try $0.csv() }
        }
        endpoints.get("settings/emission-factors", summary: "CO2e avoided per tonne by treatment, with sources (from the configuration)") {
            _, _ in factors
        }
        return endpoints
    }
}
