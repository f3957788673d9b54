import CollectoKernel
import CollectoTestSupport
import Foundation
import HTTPTypes
import HummingbirdTesting
import Testing

@testable import MicroTransform

/// Registering a workshop for a `processing_workshop` organisation through
/// `POST /microtransform/workshops`: who may, what is refused and how, and
/// that the workshop it makes is usable at once.
@Suite struct WorkshopRegistrationTests {
    @Test func theFoodBanksCoordinatorRegistersAWorkshopThatIsUsableAtOnce() async throws {
        let second = try await SecondWorkshop.make()
        try await withAPI(second.world.test.kernel) { client throws in
            #expect(try await client.json(.get, "\(second.base)/equipment", token: second.admin.token).status == .notFound)
            let response = try await second.register(client, by: second.world.bankCoordinator.token)
            #expect(response.status == .created, "\(response.text)")
            let workshop = try response.decode(RegisteredWorkshop.self)
            #expect(workshop.organisationId == second.organisation.id)
            #expect(workshop.name == "Conserverie")
            #expect(workshop.siteId == second.kitchen.id)
            #expect(workshop.dailyCapacityKg == 400)
            #expect(workshop.createdAt == second.world.test.clock.now())
            #expect(try await client.json(.get, "\(second.base)/equipment", token: second.admin.token).status == .ok)
            #expect(try await client.json(.get, "\(second.base)/plan", token: second.admin.token).status == .ok)
        }
    }

    @Test func theWorkshopsOwnAdminRegistersItWithItsCapacity() async throws {
        let second = try await SecondWorkshop.make()
        try await withAPI(second.world.test.kernel) { client throws in
            let response = try await second.register(client, by: second.admin.token, capacity: 1_250.5)
            #expect(response.status == .created, "\(response.text)")
            #expect(try response.decode(RegisteredWorkshop.self).dailyCapacityKg == 1_250.5)
        }
    }

    @Test func theRegistrationIsAudited() async throws {
        let second = try await SecondWorkshop.make()
        try await withAPI(second.world.test.kernel) { client throws in
            #expect(try await second.register(client, by: second.admin.token).status == .created)
        }
        let entries = try await second.world.test.kernel.units.read { db in
            try await db.query(
                "SELECT user_id FROM kernel_audit_log WHERE action = 'register' AND entity = 'microtransform.workshop' AND lower(entity_id) = ?",
                [second.organisation.id.uuidString.lowercased()])
        }
        #expect(try entries.map { try $0.uuid("user_id") } == [second.admin.user.id])
    }

    @Test func aPartnerAssociationsAdminDoesNotLearnTheOrganisationExists() async throws {
        let second = try await SecondWorkshop.make()
        let fixtures = second.world.fixtures
        let partner = try await fixtures.organisation("Restos", .partnerAssociation)
        let partnerAdmin = try await fixtures.logIn("admin@restos.test", role: .admin, in: partner.id)
        try await withAPI(second.world.test.kernel) { client throws in
            let response = try await second.register(client, by: partnerAdmin.token)
            #expect(response.status == .notFound, "\(response.text)")
            #expect(response.apiError?.code == "not_found")
        }
    }

    @Test func theWorkshopsCoordinatorAndMemberMayNotRegisterIt() async throws {
        let second = try await SecondWorkshop.make()
        try await withAPI(second.world.test.kernel) { client throws in
            for login in [second.coordinator, second.member] {
                let response = try await second.register(client, by: login.token)
                #expect(response.status == .forbidden, "\(login.user.email): \(response.text)")
            }
        }
    }

    @Test func anotherWorkshopsAdminDoesNotLearnTheOrganisationExists() async throws {
        let second = try await SecondWorkshop.make()
        let world = second.world
        let atelierAdmin = try await world.fixtures.logIn("admin@atelier.test", role: .admin, in: world.workshop.id)
        try await withAPI(world.test.kernel) { client throws in
            #expect(try await second.register(client, by: atelierAdmin.token).status == .notFound)
        }
    }

    @Test func onlyAProcessingWorkshopOrganisationHasAWorkshop() async throws {
        let second = try await SecondWorkshop.make()
        let world = second.world
        try await withAPI(world.test.kernel) { client throws in
            let response = try await second.register(
                client, by: world.bankCoordinator.token, organisation: world.farm.id, site: world.farmSite.id)
            #expect(response.status == .unprocessableContent, "\(response.text)")
            #expect(response.apiError?.code == "not_a_workshop")
            #expect(response.apiError?.field == "organisationId")
            let unknown = try await second.register(client, by: world.bankCoordinator.token, organisation: UUID())
            #expect(unknown.status == .unprocessableContent, "\(unknown.text)")
            #expect(unknown.apiError?.field == "organisationId")
        }
    }

    @Test func aWorkshopCooksAtOneOfItsOwnSites() async throws {
        let second = try await SecondWorkshop.make()
        let world = second.world
        try await withAPI(world.test.kernel) { client throws in
            for site in [world.farmSite.id, world.kitchen.id, UUID()] {
                let response = try await second.register(client, by: second.admin.token, site: site)
                #expect(response.status == .unprocessableContent, "\(response.text)")
                #expect(response.apiError?.code == "not_the_workshops_site")
                #expect(response.apiError?.field == "siteId")
            }
            #expect(try await client.json(.get, second.base, token: second.admin.token).status == .notFound)
        }
    }

    @Test func anOrganisationIsRegisteredOnlyOnce() async throws {
        let second = try await SecondWorkshop.make()
        try await withAPI(second.world.test.kernel) { client throws in
            #expect(try await second.register(client, by: second.admin.token).status == .created)
            let again = try await second.register(client, by: second.world.bankCoordinator.token, site: second.annex.id)
            #expect(again.status == .conflict, "\(again.text)")
            #expect(again.apiError?.code == "workshop_exists")
            #expect(again.apiError?.field == "organisationId")
            let kept = try await client.json(.get, second.base, token: second.admin.token).decode(RegisteredWorkshop.self)
            #expect(kept.siteId == second.kitchen.id)
        }
    }

    @Test func aDailyCapacityOutsideItsRangeIsRefused() async throws {
        let second = try await SecondWorkshop.make()
        try await withAPI(second.world.test.kernel) { client throws in
            for capacity in [0, 100_001, 12.0005] {
                let response = try await second.register(client, by: second.admin.token, capacity: capacity)
                #expect(response.status == .unprocessableContent, "\(capacity): \(response.text)")
                #expect(response.apiError?.field == "dailyCapacityKg")
            }
        }
    }
}
