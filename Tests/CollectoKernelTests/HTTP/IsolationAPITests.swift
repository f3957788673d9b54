import CollectoKernel
import CollectoTestSupport
import Foundation
import Hummingbird
import HummingbirdTesting
import Testing

/// A member of organisation A can neither read nor change anything of organisation B.
@Suite struct IsolationAPITests {
    @Test func partnersSeeOnlyTheirOwnOrganisationSitesAndTasks() async throws {
        let world = try await APIWorld.make()
        _ = try await world.fixtures.task(for: world.partnerB.id, from: world.warehouse.id, to: world.siteB.id)
        try await withAPI(world.test.kernel) { client throws in
            let organisations = try await client.json(.get, "/api/v1/organisations", token: world.memberA.token).decode([Organisation].self)
            #expect(organisations.map(\.id) == [world.partnerA.id])
            let sites = try await client.json(.get, "/api/v1/sites", token: world.memberA.token).decode([Site].self)
            #expect(sites.map(\.id) == [world.siteA.id])
            #expect(try await client.json(.get, "/api/v1/sites/\(world.siteB.id)", token: world.memberA.token).status == .notFound)
            #expect(
                try await client.json(.get, "/api/v1/organisations/\(world.partnerB.id)", token: world.memberA.token).status == .notFound)
            #expect(try await client.json(.get, "/api/v1/tasks", token: world.memberA.token).decode([LogisticsTask].self).isEmpty)
            #expect(try await client.json(.get, "/api/v1/vehicles", token: world.memberA.token).decode([Vehicle].self).isEmpty)
            // The food bank's coordinator sees across the network.
            let all = try await client.json(.get, "/api/v1/sites", token: world.coordinator.token).decode([Site].self)
            #expect(all.count == 3)
        }
    }

    @Test func partnersCannotChangeAnotherOrganisation() async throws {
        let world = try await APIWorld.make()
        try await withAPI(world.test.kernel) { client throws in
            let site = SiteService.Input(organisationId: world.partnerB.id, name: "Intrus", address: "x", latitude: 48, longitude: -1)
            let refused = try await client.json(.post, "/api/v1/sites", token: world.adminA.token, body: site)
            #expect(refused.status == .forbidden)
            let own = SiteService.Input(organisationId: world.partnerA.id, name: "Annexe", address: "x", latitude: 48, longitude: -1)
            #expect(try await client.json(.post, "/api/v1/sites", token: world.adminA.token, body: own).status == .created)
            // A plain member cannot add sites even to their own organisation.
            #expect(try await client.json(.post, "/api/v1/sites", token: world.memberA.token, body: own).status == .forbidden)
            struct NewUser: Encodable {
                let email: String; let displayName: String; let password: String; let memberships: [User.Membership]
            }
            let intruder = NewUser(
                email: "x@b.test", displayName: "x", password: "long enough pass",
                memberships: [.init(organisationId: world.partnerB.id, role: .admin)])
            #expect(try await client.json(.post, "/api/v1/users", token: world.adminA.token, body: intruder).status == .forbidden)
            var moved = own
            moved.name = "Renommé"
            #expect(
                try await client.json(.put, "/api/v1/sites/\(world.siteB.id)", token: world.adminA.token, body: moved).status == .notFound)
            #expect(
                try await client.json(.put, "/api/v1/sites/\(world.siteA.id)", token: world.memberA.token, body: moved).status == .forbidden
            )
            let renamed = try await client.json(.put, "/api/v1/sites/\(world.siteA.id)", token: world.adminA.token, body: moved)
            #expect(try renamed.decode(Site.self).name == "Renommé")
            var stolen = moved
            stolen.organisationId = world.partnerB.id
            let refusedMove = try await client.json(.put, "/api/v1/sites/\(world.siteA.id)", token: world.coordinator.token, body: stolen)
            #expect(refusedMove.apiError?.field == "organisationId")
            let organisation = OrganisationService.Input(name: "Nouvelle", kind: .donor)
            #expect(
                try await client.json(.post, "/api/v1/organisations", token: world.adminA.token, body: organisation).status == .forbidden)
        }
    }

    @Test func driversSeeOnlyTheRoundsAssignedToThem() async throws {
        let world = try await APIWorld.make()
        let toA = try await world.fixtures.task(for: world.partnerA.id, from: world.warehouse.id, to: world.siteA.id)
        let toB = try await world.fixtures.task(for: world.partnerB.id, from: world.warehouse.id, to: world.siteB.id)
        try await withAPI(world.test.kernel) { client throws in
            let created = try await client.json(
                .post, "/api/v1/rounds", token: world.coordinator.token, body: world.deliveryRound(toA, toB, driver: world.driver.user.id))
            #expect(created.status == .created)
            let round = try created.decode(Round.self)
            #expect(try await client.json(.get, "/api/v1/rounds", token: world.driver.token).decode([Round].self).map(\.id) == [round.id])
            #expect(try await client.json(.get, "/api/v1/rounds", token: world.otherDriver.token).decode([Round].self).isEmpty)
            #expect(try await client.json(.get, "/api/v1/rounds/\(round.id)", token: world.otherDriver.token).status == .notFound)
            #expect(try await client.json(.get, "/api/v1/rounds", token: world.memberA.token).decode([Round].self).isEmpty)
            // The other driver cannot record its stops either.
            let completion = StopCompletion(entries: [
                .init(taskId: toA.id, action: .pickup, actualKg: 100), .init(taskId: toB.id, action: .pickup, actualKg: 100),
            ])
            #expect(
                try await client.json(
                    .post, "/api/v1/rounds/\(round.id)/stops/1/complete", token: world.otherDriver.token, body: completion
                ).status == .notFound)
        }
    }
}
