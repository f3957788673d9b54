import CollectoKernel
import CollectoTestSupport
import Foundation

/// A small network for API tests: a food bank with a warehouse, coordinator
/// and two drivers; two partner associations A and B, each with a site and a member.
struct APIWorld {
    let test: TestKernel
    let fixtures: Fixtures
    let foodBank: Organisation
    let warehouse: Site
    let partnerA: Organisation
    let siteA: Site
    let partnerB: Organisation
    let siteB: Site
    let van: Vehicle
    let coordinator: (user: User, token: String)
    let driver: (user: User, token: String)
    let otherDriver: (user: User, token: String)
    let memberA: (user: User, token: String)
    let memberB: (user: User, token: String)
    let adminA: (user: User, token: String)

    static func make(modules: [any CollectoModule] = [ProbeModule()]) async throws -> APIWorld {
        let test = try await TestKernel.make(modules: modules)
        let fixtures = Fixtures(test.kernel)
        let foodBank = try await fixtures.organisation("Banque", .foodBank)
        let partnerA = try await fixtures.organisation("Partenaire A", .partnerAssociation)
        let partnerB = try await fixtures.organisation("Partenaire B", .partnerAssociation)
        return APIWorld(
            test: test, fixtures: fixtures, foodBank: foodBank,
            warehouse: try await fixtures.site(of: foodBank.id, name: "Entrepôt"),
            partnerA: partnerA, siteA: try await fixtures.site(of: partnerA.id, name: "Local A", latitude: 48.12, longitude: -1.67),
            partnerB: partnerB, siteB: try await fixtures.site(of: partnerB.id, name: "Local B", latitude: 48.10, longitude: -1.70),
            van: try await fixtures.vehicle(of: foodBank.id, plate: "VAN-001"),
            coordinator: try await fixtures.logIn("coord@bank.test", role: .coordinator, in: foodBank.id),
            driver: try await fixtures.logIn("driver@bank.test", role: .driver, in: foodBank.id),
            otherDriver: try await fixtures.logIn("driver2@bank.test", role: .driver, in: foodBank.id),
            memberA: try await fixtures.logIn("member@a.test", role: .member, in: partnerA.id),
            memberB: try await fixtures.logIn("member@b.test", role: .member, in: partnerB.id),
            adminA: try await fixtures.logIn("admin@a.test", role: .admin, in: partnerA.id))
    }

    var day: CalendarDate { CalendarDate(TestKernel.winterMorning, in: TimeZone(identifier: "Europe/Paris")!) }

    /// A round request: warehouse, then A, then B, carrying the given deliveries.
    func deliveryRound(_ toA: LogisticsTask, _ toB: LogisticsTask, driver: UUID?) -> RoundRequest {
        RoundRequest(
            organisationId: foodBank.id, day: day, startTime: LocalTime("09:00")!, vehicleId: van.id, driverUserId: driver,
            stops: [
                .init(siteId: warehouse.id, pickups: [toA.id, toB.id]), .init(siteId: siteA.id, drops: [toA.id]),
                .init(siteId: siteB.id, drops: [toB.id]),
            ])
    }
}
