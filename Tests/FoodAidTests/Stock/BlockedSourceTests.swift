import CollectoKernel
import CollectoTestSupport
import Foundation
import HTTPTypes
import HummingbirdTesting
import Testing

@testable import FoodAid

/// A donation blocked whole before it is sorted: what the sorting puts in
/// stock from it enters under the same block, never available.
@Suite struct BlockedSourceTests {
    /// A pickup of 10 kg at the donor, already at the warehouse and waiting to be sorted.
    func receivedPickup(_ world: FoodAidWorld) async throws -> UUID {
        let donor = try await world.fixtures.organisation("Primeur", .donor)
        let shop = try await world.fixtures.site(of: donor.id)
        let kernel = world.test.kernel
        return try await kernel.units.write(by: nil) { tx in
            let pickup = try await PickupService(tasks: kernel.tasks, timeZone: kernel.settings.timeZone).create(
                donor: donor.id, site: shop.id, warehouse: world.warehouse.id, offer: nil,
                window: TimeWindow(from: tx.now, until: tx.now.addingTimeInterval(3600)), kg: 10, temperature: .ambient, in: tx)
            try await tx.execute("UPDATE foodaid_pickups SET status = 'received', driver_grams = 10000 WHERE id = ?", [pickup.id])
            return pickup.id
        }
    }

    @Test(arguments: [(true, LotStatus.recalled), (false, LotStatus.quarantined)])
    func aDonationBlockedBeforeItsSortingEntersStockUnderTheSameBlock(final: Bool, status: LotStatus) async throws {
        let world = try await FoodAidWorld.make(households: [10])
        let pickup = try await receivedPickup(world)
        try await withAPI(world.test.kernel) { client throws in
            let rice = try await world.product(client, .init(code: "RIZ", name: "Riz", category: "dry_grocery", unitWeightKg: 1))
            let recall = try await client.json(
                .post, "/api/v1/foodaid/recalls", token: world.coordinator.token,
                raw: #"{"pickupIds": ["\#(pickup)"], "reason": "alerte du donateur", "final": \#(final)}"#)
            #expect(recall.status == .ok, "\(recall.text)")
            let sorted = try await client.json(
                .post, "/api/v1/foodaid/pickups/\(pickup)/sorting", token: world.coordinator.token,
                raw: """
                    {"receivedKg": 10, "stock": [{"productId": "\(rice.id)", "quantity": 10, "kg": 10, "bestBefore": "\(world.today.adding(days: 200))"}]}
                    """)
            #expect(sorted.status == .ok, "\(sorted.text)")
            let lots = try await client.json(
                .get, "/api/v1/foodaid/lots?originReference=\(pickup)", token: world.coordinator.token
            ).decode([Lot].self)
            #expect(lots.map(\.status) == [status])
            #expect(lots.map(\.onHand) == [10])
        }
    }
}
