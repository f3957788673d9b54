import CollectoKernel
import CollectoTestSupport
import Foundation
import HTTPTypes
import HummingbirdTesting
import Testing

@testable import Biowaste

/// Every role, in the organisation whose site is the collection point, in
/// another partner, in the city service and at the food bank, walks Biowaste's
/// operations on that point through the real server and gets what the
/// module's declared permissions say: 404 to whoever may not know the point,
/// 403 to whoever knows it without the right, and no refusal otherwise.
@Suite struct RoleWalkTests {
    enum Guard {
        /// On the point's organisation, with "works for a city service" as the relationship; 404 to strangers.
        case point(Permission)
        /// Held in the caller's city service; 403 to everyone else.
        case cityService(Permission)
    }

    func expectedRefusal(_ guarding: Guard, for caller: CollectoKernel.Caller, owner: UUID) -> HTTPResponse.Status? {
        switch guarding {
        case .point(let permission):
            let city = BiowastePermissions.readPoints.isHeldForCityServices(by: caller)
            if permission.isHeld(by: caller, in: owner, related: city) { return nil }
            return caller.canRead(owner) || city ? .forbidden : .notFound
        case .cityService(let permission):
            return permission.isHeldForCityServices(by: caller) ? nil : .forbidden
        }
    }

    @Test func everyRoleGetsWhatTheDeclaredPermissionsSayOnAPointOfItsOwnAndOfAnother() async throws {
        let test = try await TestKernel.make(modules: [BiowasteModule()])
        let fixtures = Fixtures(test.kernel)
        let city = try await fixtures.organisation("Métropole", .cityService)
        let coordinator = try await fixtures.logIn("boss@metropole.test", role: .coordinator, in: city.id)
        let grocery = try await fixtures.organisation("Épicerie", .partnerAssociation)
        let shop = try await fixtures.site(of: grocery.id, name: "Boutique", latitude: 48.12, longitude: -1.66)
        let other = try await fixtures.organisation("Autre", .partnerAssociation)
        let bank = try await fixtures.organisation("Banque", .foodBank)
        let today = CalendarDate(test.clock.now(), in: TimeZone(identifier: "Europe/Paris")!)

        try await withAPI(test.kernel) { client throws in
            let created = try await client.json(
                .post, "/api/v1/biowaste/points", token: coordinator.token, raw: #"{"siteId": "\#(shop.id)", "expectedKgPerWeek": 70}"#)
            #expect(created.status == .created, "\(created.text)")

            let walk = try await RoleWalk(
                fixtures, places: [("the grocery", grocery), ("another partner", other), ("the city", city), ("the food bank", bank)])
            let base = "/api/v1/biowaste"
            let steps: [(RoleWalk.Step, Guard)] = [
                (.init(.get, "\(base)/points/\(shop.id)"), .point(BiowastePermissions.readPoints)),
                (.init(.get, "\(base)/points/\(shop.id)/waiting"), .point(BiowastePermissions.readPoints)),
                (.init(.get, "\(base)/points/\(shop.id)/notices"), .point(BiowastePermissions.readPoints)),
                (
                    .init(.post, "\(base)/points/\(shop.id)/requests", body: #"{"fillLevel": 0.8}"#),
                    .point(BiowastePermissions.requestPickups)
                ),
                (.init(.get, "\(base)/waiting"), .cityService(BiowastePermissions.readPoints)),
                (
                    .init(.put, "\(base)/points/\(shop.id)/schedule", body: #"{"everyDays": 7, "firstDay": "\#(today.adding(days: 1))"}"#),
                    .cityService(BiowastePermissions.managePoints)
                ),
            ]
            try await walk.walk(steps.map(\.0), on: client) { index, caller in
                expectedRefusal(steps[index].1, for: caller, owner: grocery.id)
            }
        }
    }

    /// Cells stated by hand, so that the walk cannot agree with a wrong declaration.
    @Test func aSitesPeopleSeeTheirPointAndCityServicesEveryPoint() {
        let site = UUID()
        let city = UUID()
        let member = CollectoKernel.Caller(
            userID: UUID(), email: "m@x.test", roles: [site: .member], operatorOrganisations: [],
            organisationKinds: [site: .partnerAssociation])
        let cityReader = CollectoKernel.Caller(
            userID: UUID(), email: "c@x.test", roles: [city: .readOnly], operatorOrganisations: [], organisationKinds: [city: .cityService])
        let cityDriver = CollectoKernel.Caller(
            userID: UUID(), email: "d@x.test", roles: [city: .driver], operatorOrganisations: [], organisationKinds: [city: .cityService])
        #expect(BiowastePermissions.readPoints.isHeld(by: member, in: site))
        #expect(!BiowastePermissions.readPoints.isHeld(by: member, in: UUID()))
        #expect(BiowastePermissions.readPoints.isHeldForCityServices(by: cityReader))
        #expect(!BiowastePermissions.readPoints.isHeldForCityServices(by: cityDriver), "a city driver records pickups, not the network")
        #expect(!BiowastePermissions.managePoints.isHeldForCityServices(by: cityReader))
    }
}
