import CollectoKernel
import CollectoTestSupport
import Foundation
import Hummingbird
import HummingbirdTesting
import Testing

/// The driver assigned to a round reads what it carries and where it goes,
/// while the round is open; nobody else reads more than before.
@Suite struct DriverSheetTests {
    /// A delivery round from the warehouse to A and B, driven by the world's driver.
    private func plannedRound(_ world: APIWorld, _ client: any TestClientProtocol) async throws -> (Round, LogisticsTask, LogisticsTask) {
        let toA = try await world.fixtures.task(
            for: world.partnerA.id, from: world.warehouse.id, to: world.siteA.id, kg: 300, litres: 450)
        let toB = try await world.fixtures.task(for: world.partnerB.id, from: world.warehouse.id, to: world.siteB.id, kg: 120)
        let round = try await client.json(
            .post, "/api/v1/rounds", token: world.coordinator.token, body: world.deliveryRound(toA, toB, driver: world.driver.user.id)
        ).decode(Round.self)
        return (round, toA, toB)
    }

    @Test func theAssignedDriverReadsEachTaskAndSiteOfTheirRound() async throws {
        let world = try await APIWorld.make()
        try await withAPI(world.test.kernel) { client throws in
            let (round, toA, toB) = try await plannedRound(world, client)
            for task in [toA, toB] {
                let read = try await client.json(.get, "/api/v1/tasks/\(task.id)", token: world.driver.token)
                #expect(read.status == .ok)
                #expect(try read.decode(LogisticsTask.self).id == task.id)
            }
            for stop in round.stops {
                let read = try await client.json(.get, "/api/v1/sites/\(stop.siteId)", token: world.driver.token)
                #expect(read.status == .ok)
                #expect(try read.decode(Site.self).id == stop.siteId)
            }
        }
    }

    @Test func theDriverReadsTheSheetStopByStopInOneRequest() async throws {
        let world = try await APIWorld.make()
        try await world.test.kernel.units.write(by: nil) { tx in
            try await tx.execute("UPDATE kernel_organisations SET phone = ? WHERE id = ?", ["+33 2 99 00 00 01", world.partnerA.id])
        }
        try await withAPI(world.test.kernel) { client throws in
            let (round, toA, toB) = try await plannedRound(world, client)
            let response = try await client.json(.get, "/api/v1/rounds/\(round.id)/sheet", token: world.driver.token)
            #expect(response.status == .ok)
            let sheet = try response.decode(RoundSheet.self)
            #expect(sheet.roundId == round.id)
            #expect(sheet.vehiclePlate == "VAN-001")
            #expect(sheet.stops.map(\.sequence) == [1, 2, 3])
            #expect(sheet.stops.map(\.site.siteId) == [world.warehouse.id, world.siteA.id, world.siteB.id])
            #expect(sheet.stops.map(\.plannedArrival) == round.stops.map(\.plannedArrival))
            let first = try #require(sheet.stops.first)
            #expect(Set(first.load.map(\.taskId)) == [toA.id, toB.id])
            #expect(first.unload.isEmpty)
            let atA = sheet.stops[1]
            #expect(atA.site.name == world.siteA.name)
            #expect(atA.site.address == world.siteA.address)
            #expect(atA.site.latitude == world.siteA.latitude)
            #expect(atA.site.longitude == world.siteA.longitude)
            #expect(atA.site.openingHours == world.siteA.openingHours)
            #expect(atA.site.contact?.name == world.partnerA.name)
            #expect(atA.site.contact?.phone == "+33 2 99 00 00 01")
            let item = try #require(atA.unload.first)
            #expect(atA.unload.count == 1 && atA.load.isEmpty)
            #expect(item.taskId == toA.id)
            #expect(item.kind == toA.kind)
            #expect(item.kg == 300)
            #expect(item.litres == 450)
            #expect(item.temperature == toA.temperature)
            #expect(item.reference == toA.reference)
            #expect(item.description != nil)
            #expect(sheet.stops[2].unload.map(\.taskId) == [toB.id])
            // The round's coordinators read the same sheet.
            let coordinators = try await client.json(.get, "/api/v1/rounds/\(round.id)/sheet", token: world.coordinator.token)
            #expect(try coordinators.decode(RoundSheet.self) == sheet)
        }
    }

    @Test func anotherDriverGetsNotFoundOnTheRoundsTasksSitesAndSheet() async throws {
        let world = try await APIWorld.make()
        try await withAPI(world.test.kernel) { client throws in
            let (round, toA, toB) = try await plannedRound(world, client)
            let token = world.otherDriver.token
            for task in [toA, toB] {
                #expect(try await client.json(.get, "/api/v1/tasks/\(task.id)", token: token).status == .notFound)
            }
            for site in [world.siteA.id, world.siteB.id] {
                #expect(try await client.json(.get, "/api/v1/sites/\(site)", token: token).status == .notFound)
            }
            #expect(try await client.json(.get, "/api/v1/rounds/\(round.id)/sheet", token: token).status == .notFound)
        }
    }

    @Test func theDriverLosesTheRoundsTasksAndSitesOnceItIsClosed() async throws {
        let world = try await APIWorld.make()
        try await withAPI(world.test.kernel) { client throws in
            let (round, toA, _) = try await plannedRound(world, client)
            #expect(try await client.json(.post, "/api/v1/rounds/\(round.id)/cancel", token: world.coordinator.token).status == .ok)
            let token = world.driver.token
            #expect(try await client.json(.get, "/api/v1/tasks/\(toA.id)", token: token).status == .notFound)
            #expect(try await client.json(.get, "/api/v1/sites/\(world.siteA.id)", token: token).status == .notFound)
            #expect(try await client.json(.get, "/api/v1/rounds/\(round.id)/sheet", token: token).status == .notFound)
            // The round itself, and its sheet for coordinators, stay readable.
            #expect(try await client.json(.get, "/api/v1/rounds/\(round.id)", token: token).status == .ok)
            #expect(try await client.json(.get, "/api/v1/rounds/\(round.id)/sheet", token: world.coordinator.token).status == .ok)
        }
    }

    @Test func aCompletedRoundClosesItsTasksAndSitesToTheDriverAtOnce() async throws {
        let world = try await APIWorld.make()
        try await withAPI(world.test.kernel) { client throws in
            let (round, toA, toB) = try await plannedRound(world, client)
            let token = world.driver.token
            let stops = [
                StopCompletion(entries: [
                    .init(taskId: toA.id, action: .pickup, actualKg: 300), .init(taskId: toB.id, action: .pickup, actualKg: 120),
                ]),
                StopCompletion(entries: [.init(taskId: toA.id, action: .drop, actualKg: 300)]),
                StopCompletion(entries: [.init(taskId: toB.id, action: .drop, actualKg: 120)]),
            ]
            for (index, completion) in stops.enumerated() {
                // Still readable mid-round.
                #expect(try await client.json(.get, "/api/v1/sites/\(world.siteB.id)", token: token).status == .ok)
                let done = try await client.json(
                    .post, "/api/v1/rounds/\(round.id)/stops/\(index + 1)/complete", token: token, body: completion)
                #expect(done.status == .ok)
            }
            #expect(try await client.json(.get, "/api/v1/rounds/\(round.id)", token: token).decode(Round.self).status == .completed)
            #expect(try await client.json(.get, "/api/v1/tasks/\(toB.id)", token: token).status == .notFound)
            #expect(try await client.json(.get, "/api/v1/sites/\(world.siteB.id)", token: token).status == .notFound)
            #expect(try await client.json(.get, "/api/v1/rounds/\(round.id)/sheet", token: token).status == .notFound)
        }
    }

    @Test func aPartnerSeesNoMoreThanBefore() async throws {
        let world = try await APIWorld.make()
        try await withAPI(world.test.kernel) { client throws in
            let (round, toA, toB) = try await plannedRound(world, client)
            let token = world.memberA.token
            #expect(try await client.json(.get, "/api/v1/tasks/\(toA.id)", token: token).status == .ok)
            #expect(try await client.json(.get, "/api/v1/sites/\(world.siteA.id)", token: token).status == .ok)
            #expect(try await client.json(.get, "/api/v1/tasks/\(toB.id)", token: token).status == .notFound)
            #expect(try await client.json(.get, "/api/v1/sites/\(world.siteB.id)", token: token).status == .notFound)
            #expect(try await client.json(.get, "/api/v1/sites/\(world.warehouse.id)", token: token).status == .notFound)
            #expect(try await client.json(.get, "/api/v1/rounds/\(round.id)", token: token).status == .notFound)
            #expect(try await client.json(.get, "/api/v1/rounds/\(round.id)/sheet", token: token).status == .notFound)
        }
    }
}
