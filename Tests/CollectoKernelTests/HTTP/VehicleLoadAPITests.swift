import CollectoKernel
import CollectoTestSupport
import Foundation
import Hummingbird
import HummingbirdTesting
import Testing

/// A driver records what went on board: more than the vehicle carries plus
/// 10% is refused as a slip, more than its capacity needs a reason.
@Suite struct VehicleLoadAPITests {
    func loading(_ world: APIWorld) async throws -> (LogisticsTask, LogisticsTask) {
        let toA = try await world.fixtures.task(
            for: world.partnerA.id, from: world.warehouse.id, to: world.siteA.id, kg: 300, kind: "probe.parcel")
        let toB = try await world.fixtures.task(
            for: world.partnerB.id, from: world.warehouse.id, to: world.siteB.id, kg: 200, kind: "probe.parcel")
        return (toA, toB)
    }

    @Test func fiveTonnesOnAOneTonneVanAreRefusedNamingTheEntry() async throws {
        let world = try await APIWorld.make()
        let (toA, toB) = try await loading(world)
        try await withAPI(world.test.kernel) { client throws in
            let round = try await client.json(
                .post, "/api/v1/rounds", token: world.coordinator.token, body: world.deliveryRound(toA, toB, driver: world.driver.user.id)
            ).decode(Round.self)
            let slip = StopCompletion(entries: [
                .init(taskId: toA.id, action: .pickup, actualKg: 5_000), .init(taskId: toB.id, action: .pickup, actualKg: 200),
            ])
            let refused = try await client.json(
                .post, "/api/v1/rounds/\(round.id)/stops/1/complete", token: world.driver.token, body: slip)
            #expect(refused.status == .unprocessableContent, "\(refused.text)")
            #expect(refused.apiError?.field == "entries[0].actualKg")
            // Nothing was recorded: the stop can still be recorded right.
            let right = StopCompletion(entries: [
                .init(taskId: toA.id, action: .pickup, actualKg: 500), .init(taskId: toB.id, action: .pickup, actualKg: 200),
            ])
            #expect(
                try await client.json(.post, "/api/v1/rounds/\(round.id)/stops/1/complete", token: world.driver.token, body: right).status
                    == .ok)
        }
    }

    @Test func aLoadAboveCapacityNeedsAReasonAndOneAboveItsTenPercentIsRefused() async throws {
        let world = try await APIWorld.make()
        let (toA, toB) = try await loading(world)
        try await withAPI(world.test.kernel) { client throws in
            let round = try await client.json(
                .post, "/api/v1/rounds", token: world.coordinator.token, body: world.deliveryRound(toA, toB, driver: world.driver.user.id)
            ).decode(Round.self)
            let stop = "/api/v1/rounds/\(round.id)/stops/1/complete"
            // 700 + 400 kg on a 1,000 kg van: possible, but said why.
            let heavy = StopCompletion(entries: [
                .init(taskId: toA.id, action: .pickup, actualKg: 700), .init(taskId: toB.id, action: .pickup, actualKg: 400),
            ])
            let unexplained = try await client.json(.post, stop, token: world.driver.token, body: heavy)
            #expect(unexplained.status == .unprocessableContent, "\(unexplained.text)")
            #expect(unexplained.apiError?.field == "entries[0].note")
            let tooMuch = StopCompletion(entries: [
                .init(taskId: toA.id, action: .pickup, actualKg: 700, note: "palettes d'eau"),
                .init(taskId: toB.id, action: .pickup, actualKg: 450),
            ])
            #expect(try await client.json(.post, stop, token: world.driver.token, body: tooMuch).status == .unprocessableContent)
            let explained = StopCompletion(entries: [
                .init(taskId: toA.id, action: .pickup, actualKg: 700, note: "palettes d'eau"),
                .init(taskId: toB.id, action: .pickup, actualKg: 400),
            ])
            let recorded = try await client.json(.post, stop, token: world.driver.token, body: explained)
            #expect(recorded.status == .ok, "\(recorded.text)")
        }
    }
}
