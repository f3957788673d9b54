import CollectoKernel
import Foundation

/// Builders for the organisations, sites, vehicles, users and tasks tests need.
public struct Fixtures: Sendable {
    public let kernel: Kernel

    public init(_ kernel: Kernel) {
        self.kernel = kernel
    }

    public static let password = "correct horse battery"

    public func organisation(_ name: String, _ kind: OrganisationKind) async throws -> Organisation {
        try await kernel.units.write(by: nil) { tx in try await OrganisationService().create(.init(name: name, kind: kind), in: tx) }
    }

    /// A site; default coordinates are in Rennes, open every day.
    public func site(
        of organisation: UUID, name: String = "Site", latitude: Double = 48.11, longitude: Double = -1.68,
        hours: OpeningHours = .init(), service: Int = 10
    ) async throws -> Site {
        try await kernel.units.write(by: nil) { tx in
            try await SiteService().create(
                .init(
                    organisationId: organisation, name: name, address: "1 rue de test", latitude: latitude, longitude: longitude,
                    openingHours: hours, storageClasses: [.ambient, .chilled], serviceMinutes: service),
                in: tx)
        }
    }

    public func vehicle(
        of organisation: UUID, plate: String = "AA-\(UUID().uuidString.prefix(8))", kg: Double = 1_000, litres: Double = 10_000,
        refrigerated: Bool = false, weekdays: [Weekday] = Weekday.allCases, sharedWith: [UUID] = []
    ) async throws -> Vehicle {
        try await kernel.units.write(by: nil) { tx in
            try await VehicleService().create(
                .init(
                    ownerOrganisationId: organisation, name: "Van", plate: plate, capacityKg: kg, capacityLitres: litres,
                    refrigerated: refrigerated, sharedWith: sharedWith, availableWeekdays: weekdays),
                in: tx)
        }
    }

    public func user(_ email: String, role: Role, in organisation: UUID) async throws -> User {
        let password = try await kernel.identity.preparePassword(Self.password)
        return try await kernel.units.write(by: nil) { tx in
            try await kernel.identity.createUser(
                email: email, displayName: email, password: password, memberships: [.init(organisationId: organisation, role: role)],
                in: tx)
        }
    }

    /// A user and a live bearer token for them.
    public func logIn(_ email: String, role: Role, in organisation: UUID) async throws -> (user: User, token: String) {
        let user = try await user(email, role: role, in: organisation)
        let session = try await kernel.identity.logIn(email: email, password: Self.password)
        return (user, session.token)
    }

    /// A person who belongs to several organisations, and a live bearer token for them.
    public func logIn(_ email: String, memberships: [User.Membership]) async throws -> (user: User, token: String) {
        let password = try await kernel.identity.preparePassword(Self.password)
        let user = try await kernel.units.write(by: nil) { tx in
            try await kernel.identity.createUser(email: email, displayName: email, password: password, memberships: memberships, in: tx)
        }
        let session = try await kernel.identity.logIn(email: email, password: Self.password)
        return (user, session.token)
    }

    public func caller(_ user: User) async throws -> Caller {
        let session = try await kernel.identity.logIn(email: user.email, password: Self.password)
        return try await kernel.identity.authenticate(BearerToken(value: session.token))
    }

    public func task(
        for organisation: UUID, from pickup: UUID?, to drop: UUID?, kg: Double = 100, litres: Double? = nil,
        temperature: TemperatureClass = .ambient, isFood: Bool = true, pickupWindow: TimeWindow? = nil, dropWindow: TimeWindow? = nil,
        kind: String = Kernel.manualTaskKind.id
    ) async throws -> LogisticsTask {
        try await kernel.units.write(by: nil) { tx in
            try await kernel.tasks.create(
                .init(
                    kind: kind, reference: "ref-\(UUID().uuidString.prefix(8))", organisationId: organisation,
                    pickup: pickup.map { .init(siteId: $0, window: pickupWindow) },
                    drop: drop.map { .init(siteId: $0, window: dropWindow) },
                    kg: kg, litres: litres, temperature: temperature, isFood: isFood),
                in: tx)
        }
    }
}
