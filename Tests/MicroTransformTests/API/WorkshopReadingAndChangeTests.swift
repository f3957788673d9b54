import CollectoKernel
import CollectoTestSupport
import Foundation
import HTTPTypes
import HummingbirdTesting
import Testing

@testable import MicroTransform

/// Reading and changing registered workshops: the food bank's staff see
/// every workshop, a workshop's people their own only, and the others
/// nothing; its admin, its coordinators or the food bank's staff move it to
/// another of its sites or change its capacity.
@Suite struct WorkshopReadingAndChangeTests {
    struct Change: Encodable {
        var siteId: UUID? = nil
        var dailyCapacityKg: Double? = nil
    }

    @Test func theFoodBankSeesEveryWorkshopAndAWorkshopItsOwn() async throws {
        let second = try await SecondWorkshop.make()
        let world = second.world
        try await withAPI(world.test.kernel) { client throws in
            try await second.setUp(client)
            let all = try await client.json(.get, SecondWorkshop.workshops, token: world.bankCoordinator.token)
                .decode([RegisteredWorkshop].self)
            #expect(all.map(\.organisationId) == [world.workshop.id, second.organisation.id])
            #expect(all.map(\.name) == ["Atelier", "Conserverie"])
            for (login, own) in [(world.cook, world.workshop.id), (second.member, second.organisation.id)] {
                let mine = try await client.json(.get, SecondWorkshop.workshops, token: login.token).decode([RegisteredWorkshop].self)
                #expect(mine.map(\.organisationId) == [own], "\(login.user.email)")
            }
            for login in [world.partner, world.farmer, world.driver] {
                let none = try await client.json(.get, SecondWorkshop.workshops, token: login.token).decode([RegisteredWorkshop].self)
                #expect(none.isEmpty, "\(login.user.email)")
            }
        }
    }

    @Test func aWorkshopIsReadByItsPeopleAndTheFoodBankAndHiddenFromOthers() async throws {
        let second = try await SecondWorkshop.make()
        let world = second.world
        try await withAPI(world.test.kernel) { client throws in
            try await second.setUp(client)
            for login in [second.member, world.bankCoordinator] {
                let response = try await client.json(.get, second.base, token: login.token)
                #expect(response.status == .ok, "\(login.user.email): \(response.text)")
                #expect(try response.decode(RegisteredWorkshop.self).siteId == second.kitchen.id)
            }
            for login in [world.manager, world.partner] {
                #expect(try await client.json(.get, second.base, token: login.token).status == .notFound, "\(login.user.email)")
            }
            #expect(
                try await client.json(.get, "\(SecondWorkshop.workshops)/\(UUID())", token: world.bankCoordinator.token).status == .notFound
            )
        }
    }

    @Test func theWorkshopsCoordinatorMovesItToAnotherOfItsSitesAndChangesItsCapacity() async throws {
        let second = try await SecondWorkshop.make()
        let world = second.world
        try await withAPI(world.test.kernel) { client throws in
            try await second.setUp(client)
            let moved = try await client.json(
                .put, second.base, token: second.coordinator.token, body: Change(siteId: second.annex.id, dailyCapacityKg: 600))
            #expect(moved.status == .ok, "\(moved.text)")
            let workshop = try moved.decode(RegisteredWorkshop.self)
            #expect(workshop.siteId == second.annex.id)
            #expect(workshop.dailyCapacityKg == 600)
            let bank = try await client.json(.put, second.base, token: world.bankCoordinator.token, body: Change(dailyCapacityKg: 700))
            #expect(try bank.decode(RegisteredWorkshop.self).dailyCapacityKg == 700)
            let read = try await client.json(.get, second.base, token: second.member.token).decode(RegisteredWorkshop.self)
            #expect(read.siteId == second.annex.id)
            #expect(read.dailyCapacityKg == 700)
        }
    }

    @Test func aChangeIsRefusedToTheWorkshopsMembersAndHiddenFromOthers() async throws {
        let second = try await SecondWorkshop.make()
        let world = second.world
        try await withAPI(world.test.kernel) { client throws in
            try await second.setUp(client)
            let change = Change(dailyCapacityKg: 900)
            #expect(try await client.json(.put, second.base, token: second.member.token, body: change).status == .forbidden)
            for login in [world.manager, world.partner] {
                let response = try await client.json(.put, second.base, token: login.token, body: change)
                #expect(response.status == .notFound, "\(login.user.email): \(response.text)")
            }
        }
    }

    @Test func aWorkshopIsNotMovedToASiteOfAnotherOrganisation() async throws {
        let second = try await SecondWorkshop.make()
        let world = second.world
        try await withAPI(world.test.kernel) { client throws in
            try await second.setUp(client)
            for site in [world.kitchen.id, UUID()] {
                let response = try await client.json(.put, second.base, token: second.admin.token, body: Change(siteId: site))
                #expect(response.status == .unprocessableContent, "\(response.text)")
                #expect(response.apiError?.field == "siteId")
            }
            let unchanged = try await client.json(.get, second.base, token: second.admin.token).decode(RegisteredWorkshop.self)
            #expect(unchanged.siteId == second.kitchen.id)
        }
    }
}
