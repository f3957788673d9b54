import CollectoKernel
import CollectoTestSupport
import Foundation
import HTTPTypes
import HummingbirdTesting
import Testing

@testable import MicroTransform

/// Produce weighed in by hand is here: no van goes for it any more. A trip
/// still pending is cancelled; a trip already on a round is left to the
/// coordinator, and the weigh-in says so.
@Suite struct WeighInTripTests {
    struct TripTaskView: Decodable { let id: UUID; let status: TaskStatus; let cancelled: Bool; let note: String? }
    struct Received: Decodable { let id: UUID; let status: InputLotStatus; let tripTask: TripTaskView? }

    @Test func weighingInByHandCancelsThePendingTripTask() async throws {
        let circuit = try await WorkshopCircuit.make()
        let world = circuit.world
        try await withAPI(world.test.kernel) { client throws in
            let accepted = try await circuit.accepted(client)
            #expect(accepted.task.status == .pending)
            let weighed = try await client.json(
                .post, "/api/v1/microtransform/intakes/\(accepted.carrots.id)/receive", token: world.cook.token,
                body: WorkshopCircuit.WeighIn(kg: 44))
            #expect(weighed.status == .ok, "\(weighed.text)")
            let received = try weighed.decode(Received.self)
            #expect(received.status == .available)
            #expect(received.tripTask?.cancelled == true)
            let task = try await client.json(.get, "/api/v1/tasks/\(accepted.task.id)", token: world.manager.token)
                .decode(LogisticsTask.self)
            #expect(task.status == .cancelled)
        }
    }

    @Test func weighingInByHandWhileTheTripIsOnARoundSaysSoAndLeavesTheRound() async throws {
        let circuit = try await WorkshopCircuit.make()
        let world = circuit.world
        try await withAPI(world.test.kernel) { client throws in
            let accepted = try await circuit.accepted(client)
            let round = try await client.json(
                .post, "/api/v1/rounds", token: world.manager.token,
                body: RoundRequest(
                    organisationId: world.workshop.id, day: world.today, startTime: LocalTime(hour: 13, minute: 30)!,
                    vehicleId: circuit.van.id, driverUserId: world.driver.user.id,
                    stops: [
                        .init(siteId: world.warehouse.id, pickups: [accepted.task.id]),
                        .init(siteId: world.kitchen.id, drops: [accepted.task.id]),
                    ]))
            #expect(round.status == .created, "\(round.text)")
            let weighed = try await client.json(
                .post, "/api/v1/microtransform/intakes/\(accepted.carrots.id)/receive", token: world.cook.token,
                body: WorkshopCircuit.WeighIn(kg: 44))
            #expect(weighed.status == .ok, "\(weighed.text)")
            let received = try weighed.decode(Received.self)
            let trip = try #require(received.tripTask)
            #expect(!trip.cancelled)
            #expect(trip.status != .pending && trip.status != .cancelled)
            #expect(trip.note?.contains("round") == true)
        }
    }
}
