import CollectoKernel
import Foundation

/// Who may do what in Biowaste, in one place, so that the matrix shows it and
/// no use case tests a role: city services (and the food bank's staff) follow
/// every point, plan, correct and report; a producing site's people read their
/// own point, its containers, requests, notices and tonnage, and ask for
/// pickups; the driver assigned to a pickup's round records it.
///
/// Most rights are city services' rights: a use case checks them in the
/// caller's city service (``Permission/requireForCityServices(_:related:)``),
/// where the food bank's staff hold them too through their role there.
enum BiowastePermissions {
    /// The roles that read an organisation's data (everyone but drivers).
    private static let readers: Set<Role> = [.admin, .coordinator, .member, .readOnly]
    /// The roles that manage an organisation's operations.
    private static let managers: Set<Role> = [.admin, .coordinator]

    /// City services follow every collection point: the use case passes whether
    /// the caller reads points as a city service's people (``readPoints`` held in their city service).
    static let cityService = Permission.Relationship(
        "city_service", summary: "the caller works for a city service (in any role but driver)")
    /// The driver of the round that carries the pickup records what they weighed or refused.
    static let assignedDriver = Permission.Relationship(
        "assigned_driver", summary: "the caller drives the round that carries the pickup")

    static let readPoints = Permission(
        "biowaste.points.read",
        summary: "Read collection points, their containers, waiting waste, notices and pickups: "
            + "a site's people their own, city services every one",
        roles: readers, relationship: cityService)
    static let readForecast = Permission(
        "biowaste.forecast.read", summary: "Read the fill forecast and its accuracy (city services)", roles: readers)
    static let managePoints = Permission(
        "biowaste.points.manage",
        summary: "Make sites collection points, set their regular pickups and make them due (city services)", roles: managers)
    static let addContainers = Permission(
        "biowaste.points.containers", summary: "Add containers to a collection point: the site's coordinators, or city services",
        roles: managers, foodBankRoles: readers, relationship: cityService)
    static let requestPickups = Permission(
        "biowaste.pickups.request", summary: "Ask for a pickup when a container of the organisation's point is full",
        roles: readers, relationship: cityService)
    static let planPickups = Permission(
        "biowaste.pickups.plan", summary: "Plan pickups for waiting (and forecast-full) waste (city services)", roles: managers)
    static let recordPickups = Permission(
        "biowaste.pickups.record", summary: "Record the weights and refusals at a pickup (city services, or the round's driver)",
        roles: managers, relationship: assignedDriver)
    static let manageDestinations = Permission(
        "biowaste.destinations.manage", summary: "Declare and change treatment sites (city services)", roles: managers)
    static let correctRegister = Permission(
        "biowaste.register.correct", summary: "Correct a register entry with a later one (city services)", roles: managers)
    static let readReports = Permission(
        "biowaste.reports.read",
        summary: "Read the register and the tonnage reports: a site's people for their own points, city services for every one",
        roles: readers, relationship: cityService)

    /// Every permission the module declares, for the registrar and the matrix.
    static let all: [Permission] = [
        readPoints, readForecast, managePoints, addContainers, requestPickups, planPickups, recordPickups, manageDestinations,
        correctRegister, readReports,
    ]
}

extension Permission {
    /// The city service a city services' permission is checked in: the first of
    /// the caller's city services where their role grants it, else their first
    /// (to be refused), else none (only the food bank's staff then hold it).
    func cityService(of caller: Caller) -> UUID? {
        let cities = caller.organisations(ofKind: .cityService).map(\.organisation)
        return cities.first { isHeld(by: caller, in: $0) } ?? cities.first
    }

    /// Whether the caller holds the permission as a city service's people (or the food bank's staff).
    func isHeldForCityServices(by caller: Caller) -> Bool {
        isHeld(by: caller, in: cityService(of: caller))
    }

    /// Throws 403 unless the caller holds the permission as a city service's
    /// people (or the food bank's staff), or through its relationship.
    func requireForCityServices(_ caller: Caller, related: Bool = false) throws {
        try require(caller, in: cityService(of: caller), related: related)
    }
}
