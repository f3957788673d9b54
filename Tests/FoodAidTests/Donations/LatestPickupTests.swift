import CollectoKernel
import CollectoTestSupport
import FoodAid
import Foundation
import HTTPTypes
import HummingbirdTesting
import Testing

/// The 48-hour rule holds at the pickup, not only when the offer is
/// accepted: the pickup task carries the last instant its goods may be
/// collected, and a round reaching the donor later is refused.
@Suite struct LatestPickupTests {
    @Test func aRoundThatWouldCollectYogurtsWithLessThan48HoursOfUseByLeftIsRefused() async throws {
        let donation = try await DonorPickup.make()
        let world = donation.world
        try await withAPI(world.test.kernel) { client throws in
            let now = world.test.clock.now()
            // Yogurts good until the end of day +3, offered for four days: accepted now with 2.6 days to spare.
            let declaration = DonorPickup.Declaration(
                donorId: donation.donor.id, availableFrom: now, availableUntil: now.addingTimeInterval(4 * 86_400),
                lines: [.init(category: "dairy", description: "yaourts", estimatedKg: 15, useBy: world.today.adding(days: 3))])
            let offer = try await client.json(.post, "/api/v1/foodaid/offers", token: donation.donorUser.token, body: declaration)
                .decode(DonorPickup.OfferView.self)
            let accepted = try await donation.accept(client, offer, lines: nil)
            #expect(accepted.status == .ok, "\(accepted.text)")
            let pickup = try #require(
                try await donation.pickups(client).first { $0.id == (try accepted.decode(DonorPickup.OfferView.self)).pickupId })
            let task = try await client.json(.get, "/api/v1/tasks/\(try #require(pickup.taskId))", token: world.coordinator.token)
                .decode(LogisticsTask.self)
            // The end of day +3, less 48 hours: midnight at the start of day +2, Paris time.
            let latest = world.today.adding(days: 2).instant(at: LocalTime(hour: 0, minute: 0)!, in: TimeZone(identifier: "Europe/Paris")!)
            #expect(task.latestPickupAt == latest)
            func round(on day: CalendarDate) -> RoundRequest {
                RoundRequest(
                    organisationId: world.bank.id, day: day, startTime: LocalTime(hour: 10, minute: 0)!, vehicleId: donation.van.id,
                    driverUserId: donation.driver.user.id,
                    stops: [.init(siteId: donation.shop.id, pickups: [task.id]), .init(siteId: world.warehouse.id, drops: [task.id])])
            }
            let late = try await client.json(
                .post, "/api/v1/rounds", token: world.coordinator.token, body: round(on: world.today.adding(days: 2)))
            #expect(late.status == .unprocessableContent, "\(late.text)")
            #expect(late.apiError?.details?.contains { $0.hasPrefix("collected_too_late") } == true, "\(late.text)")
            let inTime = try await client.json(
                .post, "/api/v1/rounds", token: world.coordinator.token, body: round(on: world.today.adding(days: 1)))
            #expect(inTime.status == .created, "\(inTime.text)")
        }
    }
}
