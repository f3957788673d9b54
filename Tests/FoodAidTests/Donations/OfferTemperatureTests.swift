import CollectoKernel
import CollectoTestSupport
import FoodAid
import Foundation
import HTTPTypes
import HummingbirdTesting
import Testing

/// Offered goods keep their cold chain even when the donor does not state it.
@Suite struct OfferTemperatureTests {
    struct Line: Encodable {
        var category: String; var description: String; var estimatedKg: Double; var useBy: CalendarDate? = nil
        var temperature: String? = nil
    }
    struct Declaration: Encodable { var donorId: UUID; var availableFrom: Date; var availableUntil: Date; var lines: [Line] }
    struct Accept: Encodable { var warehouseSiteId: UUID }
    struct OfferView: Decodable {
        struct Line: Decodable { let lineNo: Int; let temperature: String }
        let id: UUID; let lines: [Line]; let pickupId: UUID?
    }
    struct PickupView: Decodable { let id: UUID; let taskId: UUID? }

    @Test func dairyOfferedWithoutATemperatureIsPickedUpChilled() async throws {
        let world = try await FoodAidWorld.make(households: [10])
        let donor = try await world.fixtures.organisation("Crèmerie", .donor)
        _ = try await world.fixtures.site(of: donor.id, name: "Boutique", latitude: 48.11, longitude: -1.68)
        let donorUser = try await world.fixtures.logIn("dons@cremerie.test", role: .member, in: donor.id)
        try await withAPI(world.test.kernel) { client throws in
            let now = world.test.clock.now()
            let declaration = Declaration(
                donorId: donor.id, availableFrom: now, availableUntil: now.addingTimeInterval(6 * 3600),
                lines: [
                    .init(category: "dry_grocery", description: "biscuits", estimatedKg: 10),
                    .init(category: "dairy", description: "yaourts", estimatedKg: 12, useBy: world.today.adding(days: 6)),
                    .init(category: "fruit_vegetables", description: "salades", estimatedKg: 5, temperature: "chilled"),
                ])
            let offer = try await client.json(.post, "/api/v1/foodaid/offers", token: donorUser.token, body: declaration)
                .decode(OfferView.self)
            #expect(offer.lines.map(\.temperature) == ["ambient", "chilled", "chilled"])
            let accepted = try await client.json(
                .post, "/api/v1/foodaid/offers/\(offer.id)/accept", token: world.coordinator.token,
                body: Accept(warehouseSiteId: world.warehouse.id)
            ).decode(OfferView.self)
            let pickups = try await client.json(.get, "/api/v1/foodaid/pickups", token: world.coordinator.token).decode([PickupView].self)
            let pickup = try #require(pickups.first { $0.id == accepted.pickupId })
            let task = try await client.json(.get, "/api/v1/tasks/\(try #require(pickup.taskId))", token: world.coordinator.token)
                .decode(LogisticsTask.self)
            #expect(task.temperature == .chilled)
        }
    }
}
