import CollectoKernel
import CollectoTestSupport
import Foundation
import Hummingbird
import HummingbirdTesting
import Testing

@Suite struct RoundsAPITests {
    @Test func aRoundIsPlannedDrivenAndItsStopsToldToTheOwningModule() async throws {
        let world = try await APIWorld.make()
        let toA = try await world.fixtures.task(
            for: world.partnerA.id, from: world.warehouse.id, to: world.siteA.id, kg: 300, kind: "probe.parcel")
        let toB = try await world.fixtures.task(
            for: world.partnerB.id, from: world.warehouse.id, to: world.siteB.id, kg: 200, kind: "probe.parcel")
        try await withAPI(world.test.kernel) { client throws in
            let round = try await client.json(
                .post, "/api/v1/rounds", token: world.coordinator.token, body: world.deliveryRound(toA, toB, driver: world.driver.user.id)
            ).decode(Round.self)
            #expect(round.stops.map(\.siteId) == [world.warehouse.id, world.siteA.id, world.siteB.id])
            let planned = try await client.json(.get, "/api/v1/tasks/\(toA.id)", token: world.coordinator.token).decode(LogisticsTask.self)
            #expect(planned.status == .planned)
            #expect(planned.roundId == round.id)

            // A task already planned cannot go on another round.
            let again = try await client.json(
                .post, "/api/v1/rounds", token: world.coordinator.token, body: world.deliveryRound(toA, toB, driver: nil))
            #expect(again.status == .unprocessableContent)
            #expect(again.apiError?.field == "stops[0].pickups")

            let loading = StopCompletion(entries: [
                .init(taskId: toA.id, action: .pickup, actualKg: 298), .init(taskId: toB.id, action: .pickup, actualKg: 201),
            ])
            #expect(
                try await client.json(.post, "/api/v1/rounds/\(round.id)/stops/1/complete", token: world.driver.token, body: loading).status
                    == .ok)
            let again1 = try await client.json(
                .post, "/api/v1/rounds/\(round.id)/stops/1/complete", token: world.driver.token, body: loading)
            #expect(again1.status == .conflict)
            let atA = StopCompletion(entries: [.init(taskId: toA.id, action: .drop, actualKg: 297.5)])
            let afterA = try await client.json(.post, "/api/v1/rounds/\(round.id)/stops/2/complete", token: world.driver.token, body: atA)
            #expect(try afterA.decode(Round.self).status == .inProgress)
            let atB = StopCompletion(entries: [.init(taskId: toB.id, action: .drop, outcome: .failed, note: "closed")])
            let done = try await client.json(.post, "/api/v1/rounds/\(round.id)/stops/3/complete", token: world.driver.token, body: atB)
            #expect(try done.decode(Round.self).status == .completed)

            let a = try await client.json(.get, "/api/v1/tasks/\(toA.id)", token: world.coordinator.token).decode(LogisticsTask.self)
            #expect(a.status == .done)
            #expect(a.actualKg == 297.5)
            let b = try await client.json(.get, "/api/v1/tasks/\(toB.id)", token: world.coordinator.token).decode(LogisticsTask.self)
            #expect(b.status == .failed)
        }
        // Four stop records were published; the probe module (owner of the kind) handled them.
        try await world.test.kernel.relay.deliverPending()
        let handled = try await world.test.kernel.units.read { db in
            try await db.scalarInt("SELECT COUNT(*) FROM probe_seen WHERE handler = 'probe.stops'")
        }
        #expect(handled == 4)
    }

    @Test func anInfeasibleRoundIsRefusedWithEveryRuleItBreaks() async throws {
        let world = try await APIWorld.make()
        let heavy = try await world.fixtures.task(
            for: world.partnerA.id, from: world.warehouse.id, to: world.siteA.id, kg: 900, temperature: .chilled)
        let waste = try await world.fixtures.task(
            for: world.partnerB.id, from: world.siteB.id, to: world.warehouse.id, kg: 300, isFood: false)
        let request = RoundRequest(
            organisationId: world.foodBank.id, day: world.day, startTime: LocalTime("09:00")!, vehicleId: world.van.id, driverUserId: nil,
            stops: [
                .init(siteId: world.siteB.id, pickups: [waste.id]),
                .init(siteId: world.warehouse.id, pickups: [heavy.id], drops: [waste.id]),
                .init(siteId: world.siteA.id, drops: [heavy.id]),
            ])
        let mixed = RoundRequest(
            organisationId: world.foodBank.id, day: world.day, startTime: LocalTime("09:00")!, vehicleId: world.van.id, driverUserId: nil,
            stops: [
                .init(siteId: world.warehouse.id, pickups: [heavy.id]), .init(siteId: world.siteB.id, pickups: [waste.id]),
                .init(siteId: world.siteA.id, drops: [heavy.id]), .init(siteId: world.warehouse.id, drops: [waste.id]),
            ])
        try await withAPI(world.test.kernel) { client throws in
            let refused = try await client.json(.post, "/api/v1/rounds", token: world.coordinator.token, body: request)
            #expect(refused.status == .unprocessableContent)
            #expect(refused.apiError?.code == "round_infeasible")
            #expect(refused.apiError?.details?.contains { $0.hasPrefix("cold_chain") } == true)
            let both = try await client.json(.post, "/api/v1/rounds", token: world.coordinator.token, body: mixed)
            let details = both.apiError?.details ?? []
            #expect(details.contains { $0.hasPrefix("over_capacity") })
            #expect(details.contains { $0.hasPrefix("food_with_biowaste") })
            #expect(details.contains { $0.hasPrefix("cold_chain") })
            // Nothing was written: the tasks are still pending.
            let tasks = try await client.json(.get, "/api/v1/tasks?status=pending", token: world.coordinator.token).decode(
                [LogisticsTask].self)
            #expect(tasks.count == 2)
        }
    }

    @Test func twoCoordinatorsRacingForTheSameTaskCannotBothWin() async throws {
        let world = try await APIWorld.make()
        let toA = try await world.fixtures.task(for: world.partnerA.id, from: world.warehouse.id, to: world.siteA.id)
        let toB = try await world.fixtures.task(for: world.partnerB.id, from: world.warehouse.id, to: world.siteB.id)
        let other = try await world.fixtures.vehicle(of: world.foodBank.id, plate: "VAN-002")
        let caller = try await world.fixtures.caller(world.coordinator.user)
        var second = world.deliveryRound(toA, toB, driver: nil)
        second.vehicleId = other.id
        let requests = [world.deliveryRound(toA, toB, driver: nil), second]
        let outcomes = await withTaskGroup(of: Bool.self) { group in
            for request in requests {
                group.addTask {
                    (try? await world.test.kernel.units.write(by: caller) { tx in
                        try await world.test.kernel.rounds.create(request, by: caller, in: tx)
                    }) != nil
                }
            }
            return await group.reduce(into: [Bool]()) { $0.append($1) }
        }
        #expect(outcomes.filter { $0 }.count == 1)
    }

    @Test func aVehicleOrADriverCannotBeOnTwoRoundsAtOnce() async throws {
        let world = try await APIWorld.make()
        let fixtures = world.fixtures
        @Sendable func pair() async throws -> (LogisticsTask, LogisticsTask) {
            (
                try await fixtures.task(for: world.partnerA.id, from: world.warehouse.id, to: world.siteA.id),
                try await fixtures.task(for: world.partnerB.id, from: world.warehouse.id, to: world.siteB.id)
            )
        }
        let other = try await fixtures.vehicle(of: world.foodBank.id, plate: "VAN-003")
        try await withAPI(world.test.kernel) { client throws in
            let (a1, b1) = try await pair()
            #expect(
                try await client.json(
                    .post, "/api/v1/rounds", token: world.coordinator.token, body: world.deliveryRound(a1, b1, driver: world.driver.user.id)
                ).status == .created)
            let (a2, b2) = try await pair()
            let sameVan = try await client.json(
                .post, "/api/v1/rounds", token: world.coordinator.token, body: world.deliveryRound(a2, b2, driver: nil))
            #expect(sameVan.apiError?.details?.map { String($0.prefix(while: { $0 != ":" })) } == ["vehicle_double_booked"])
            var sameDriver = world.deliveryRound(a2, b2, driver: world.driver.user.id)
            sameDriver.vehicleId = other.id
            let refused = try await client.json(.post, "/api/v1/rounds", token: world.coordinator.token, body: sameDriver)
            #expect(refused.apiError?.details?.map { String($0.prefix(while: { $0 != ":" })) } == ["driver_double_booked"])
            var afternoon = world.deliveryRound(a2, b2, driver: world.driver.user.id)
            afternoon.startTime = LocalTime("14:00")!
            #expect(try await client.json(.post, "/api/v1/rounds", token: world.coordinator.token, body: afternoon).status == .created)
        }
    }

    @Test func cancellingAPlannedRoundFreesItsTasks() async throws {
        let world = try await APIWorld.make()
        let toA = try await world.fixtures.task(for: world.partnerA.id, from: world.warehouse.id, to: world.siteA.id)
        let toB = try await world.fixtures.task(for: world.partnerB.id, from: world.warehouse.id, to: world.siteB.id)
        try await withAPI(world.test.kernel) { client throws in
            let round = try await client.json(
                .post, "/api/v1/rounds", token: world.coordinator.token, body: world.deliveryRound(toA, toB, driver: nil)
            ).decode(Round.self)
            #expect(try await client.json(.post, "/api/v1/rounds/\(round.id)/cancel", token: world.memberA.token).status == .notFound)
            #expect(try await client.json(.post, "/api/v1/rounds/\(round.id)/cancel", token: world.coordinator.token).status == .ok)
            let task = try await client.json(.get, "/api/v1/tasks/\(toA.id)", token: world.coordinator.token).decode(LogisticsTask.self)
            #expect(task.status == .pending)
            #expect(task.roundId == nil)
        }
    }
}
