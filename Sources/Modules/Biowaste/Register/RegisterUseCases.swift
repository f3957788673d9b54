import CollectoKernel
import Foundation

/// The register's actions: reading it (city services every point's entries,
/// a site's people their own points'), as JSON or CSV, and correcting an
/// entry with a later one (city services).
struct RegisterUseCases: Sendable {
    /// The register over a period, and its CSV when asked for.
    struct Extract: Sendable {
        var entries: [RegisterEntry]
        var csv: String?
    }

    let units: UnitOfWorkRunner
    let timeZone: TimeZone
    let clock: any WallClock

    /// The entries written between the days (by default the year up to today), in order, for one producing site or all.
    func register(from: CalendarDate?, until: CalendarDate?, site: UUID?, asCSV: Bool, by caller: Caller) async throws -> Extract {
        let (from, until) = try Self.period(from: from, until: until, today: CalendarDate(clock.now(), in: timeZone))
        let zone = timeZone
        return try await units.read { db in
            let sites = try await Self.visibleSites(caller, in: db)
            let entries = try await RegisterService.entries(
                from: from.instant(at: LocalTime(hour: 0, minute: 0)!, in: zone),
                until: until.adding(days: 1).instant(at: LocalTime(hour: 0, minute: 0)!, in: zone), site: site, in: db
            ).filter { sites == nil || sites!.contains($0.producerSiteId) }
            return Extract(entries: entries, csv: asCSV ? try await RegisterService(timeZone: zone).csv(entries, in: db) : nil)
        }
    }

    func correct(_ id: Int, _ correction: RegisterService.Correction, by caller: Caller) async throws -> RegisterEntry {
        try BiowastePermissions.correctRegister.requireForCityServices(caller)
        let register = RegisterService(timeZone: timeZone)
        return try await units.write(by: caller) { tx in
            let entry = try await register.correct(id, correction, by: caller.userID, in: tx)
            try await tx.audit("correct", entity: "biowaste.register", id: String(id), organisation: nil, details: correction.reason)
            return entry
        }
    }

    /// The days a read of the register or a report covers: the year up to today unless said.
    static func period(from: CalendarDate?, until: CalendarDate?, today: CalendarDate) throws -> (CalendarDate, CalendarDate) {
        let from = from ?? today.adding(days: -365)
        let until = until ?? today
        guard from <= until else { throw KernelError.invalid(field: "until", message: "the period ends after it starts") }
        return (from, until)
    }

    /// The sites whose figures the caller may see: all (nil) for city services, their own organisations' points otherwise.
    static func visibleSites(_ caller: Caller, in db: any SQLExecutor) async throws -> Set<UUID>? {
        let permission = BiowastePermissions.readReports
        if permission.isHeldForCityServices(by: caller) { return nil }
        guard let organisations = permission.organisations(heldBy: caller) else { return nil }
        return Set(try await SiteService().list(organisations: organisations, organisation: nil, in: db).items.map(\.id))
    }
}
