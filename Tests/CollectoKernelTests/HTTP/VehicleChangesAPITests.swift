import CollectoKernel
import CollectoTestSupport
import Foundation
import HTTPTypes
import HummingbirdTesting
import Testing

/// A coordinator changes a vehicle and puts it back in service; a change that a round still to drive cannot take
/// (a capacity below its load, the cold its chilled goods need, a day out on its day) is refused naming the round,
/// and changes nothing; a partner's member cannot change the food bank's van.
@Suite struct VehicleChangesAPITests {
    func changes(
        _ van: Vehicle, kg: Double? = nil, refrigerated: Bool? = nil, plate: String? = nil, sharedWith: [UUID]? = nil
    ) -> VehicleService.Changes {
        VehicleService.Changes(
            name: "Master", plate: plate ?? van.plate, capacityKg: kg ?? van.capacityKg, capacityLitres: van.capacityLitres,
            refrigerated: refrigerated ?? van.refrigerated, sharedWith: sharedWith)
    }

    @Test func aChangeThatARoundStillToDriveCannotTakeIsRefusedAndChangesNothing() async throws {
        let world = try await APIWorld.make()
        let toA = try await world.fixtures.task(for: world.partnerA.id, from: world.warehouse.id, to: world.siteA.id, kg: 300)
        let toB = try await world.fixtures.task(for: world.partnerB.id, from: world.warehouse.id, to: world.siteB.id, kg: 200)
        let path = "/api/v1/vehicles/\(world.van.id)"
        try await withAPI(world.test.kernel) { client throws in
            let round = try await client.json(
                .post, "/api/v1/rounds", token: world.coordinator.token, body: world.deliveryRound(toA, toB, driver: nil)
            ).decode(Round.self)

            let smaller = try await client.json(.put, path, token: world.coordinator.token, body: changes(world.van, kg: 400))
            #expect(smaller.status == .unprocessableContent)
            #expect(smaller.apiError?.code == "vehicle_needed_by_rounds")
            #expect(smaller.text.contains(round.id.uuidString.lowercased()), "the refusal names the round")
            #expect(smaller.text.contains("over_capacity"))
            let out = try await client.json(
                .post, path + "/unavailability", token: world.coordinator.token, body: ["day": "\(world.day)", "reason": "vidange"])
            #expect(out.apiError?.code == "vehicle_needed_by_rounds", "a day out on the round's day is refused")
            let unchanged = try await client.json(.get, path, token: world.coordinator.token).decode(Vehicle.self)
            #expect(unchanged.capacityKg == world.van.capacityKg)
            #expect(unchanged.unavailableDays.isEmpty)

            // Enough for the 500 kg on board: accepted, and the plate is written as every plate is.
            let fits = try await client.json(
                .put, path, token: world.coordinator.token, body: changes(world.van, kg: 500, plate: "ab-123-cd"))
            #expect(fits.status == .ok)
            #expect(try fits.decode(Vehicle.self).plate == "AB-123-CD")

            // Once the round is cancelled, nothing holds the van.
            _ = try await client.json(.post, "/api/v1/rounds/\(round.id)/cancel", token: world.coordinator.token)
            #expect(try await client.json(.put, path, token: world.coordinator.token, body: changes(world.van, kg: 100)).status == .ok)
        }
    }

    @Test func aDayOutIsPutBackInServiceAndOnlyTheOwnersCoordinatorsChangeTheVan() async throws {
        let world = try await APIWorld.make()
        let path = "/api/v1/vehicles/\(world.van.id)"
        let day = world.day.adding(days: 3)
        try await withAPI(world.test.kernel) { client throws in
            let out = try await client.json(
                .post, path + "/unavailability", token: world.coordinator.token, body: ["day": "\(day)", "reason": "contrôle technique"])
            #expect(try out.decode(Vehicle.self).unavailableDays == [day])
            let back = try await client.json(.delete, path + "/unavailability/\(day)", token: world.coordinator.token)
            #expect(try back.decode(Vehicle.self).unavailableDays.isEmpty)
            #expect(try await client.json(.delete, path + "/unavailability/\(day)", token: world.coordinator.token).status == .notFound)
            #expect(
                try await client.json(.delete, path + "/unavailability/demain", token: world.coordinator.token).status
                    == .unprocessableContent)

            #expect(try await client.json(.put, path, token: world.memberA.token, body: changes(world.van, kg: 10)).status == .notFound)
            let taken = try await world.fixtures.vehicle(of: world.foodBank.id, plate: "TAKEN-1")
            let clash = try await client.json(.put, path, token: world.coordinator.token, body: changes(world.van, plate: taken.plate))
            #expect(clash.apiError?.code == "plate_taken")
            let tooBig = try await client.json(.put, path, token: world.coordinator.token, body: changes(world.van, kg: 50_000))
            #expect(tooBig.apiError?.field == "capacityKg")
        }
    }

    @Test func losingItsColdOrItsSharingIsRefusedForTheRoundsThatNeedItButAnOldBreakStopsNothing() async throws {
        let world = try await APIWorld.make()
        let fridge = try await world.fixtures.vehicle(
            of: world.foodBank.id, plate: "FRIGO-1", refrigerated: true, sharedWith: [world.partnerA.id])
        let yogurts = try await world.fixtures.task(
            for: world.partnerA.id, from: world.siteA.id, to: world.siteB.id, kg: 50, temperature: .chilled)
        let path = "/api/v1/vehicles/\(fridge.id)"
        try await withAPI(world.test.kernel) { client throws in
            let round = RoundRequest(
                organisationId: world.partnerA.id, day: world.day, startTime: LocalTime("09:00")!, vehicleId: fridge.id, driverUserId: nil,
                stops: [.init(siteId: world.siteA.id, pickups: [yogurts.id]), .init(siteId: world.siteB.id, drops: [yogurts.id])])
            #expect(try await client.json(.post, "/api/v1/rounds", token: world.adminA.token, body: round).status == .created)

            let warm = try await client.json(
                .put, path, token: world.coordinator.token, body: changes(fridge, refrigerated: false, sharedWith: [world.partnerA.id]))
            #expect(warm.apiError?.code == "vehicle_needed_by_rounds")
            #expect(warm.text.contains("cold_chain"), "the chilled yogurts need the cold")
            let unshared = try await client.json(.put, path, token: world.coordinator.token, body: changes(fridge, sharedWith: []))
            #expect(unshared.apiError?.code == "vehicle_needed_by_rounds")
            #expect(unshared.text.contains("vehicle_not_shared"), "partner A's round would lose its van")

            // A day out on another day breaks nothing; a later change is not stopped by what that day already was.
            let later = world.day.adding(days: 1)
            #expect(
                try await client.json(
                    .post, path + "/unavailability", token: world.coordinator.token, body: ["day": "\(later)", "reason": "vidange"]
                ).status == .ok)
            let renamed = try await client.json(
                .put, path, token: world.coordinator.token, body: changes(fridge, plate: "FRIGO-2", sharedWith: [world.partnerA.id]))
            #expect(renamed.status == .ok, "\(renamed.text)")
        }
    }
}
