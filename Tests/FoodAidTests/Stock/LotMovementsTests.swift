import CollectoKernel
import CollectoTestSupport
import FoodAid
import Foundation
import HTTPTypes
import HummingbirdTesting
import Testing

/// What `GET /foodaid/lots/{id}` shows adds up: each movement gives its
/// on-hand and its reserved change apart, and their sums are the lot's
/// on-hand and reserved units.
@Suite struct LotMovementsTests {
    struct Detail: Decodable {
        struct LotView: Decodable { let onHand: Int; let reserved: Int }
        struct Movement: Decodable { let kind: String; let onHandChange: Int; let reservedChange: Int; let orderId: UUID? }
        let lot: LotView
        let movements: [Movement]
    }
    struct Correction: Encodable { let kind: String; let change: Int; let reason: String }

    @Test func aLotsMovementsAddUpToItsOnHandAndReservedUnitsAfterReceiptAllocationShipmentAndLoss() async throws {
        let world = try await PartnerOrders.world()
        try await withLiveServer(world.test.kernel) { client throws in
            let orders = try await PartnerOrders.submitted(world, client)
            _ = try await orders.allocated(client)
            let shipped = try await orders.shipped(client)
            let milk = try #require(
                try await client.json(.get, "/api/v1/foodaid/lots?productId=\(orders.milk.id)", token: world.coordinator.token).decode(
                    [Lot].self
                ).first)
            let loss = try await client.json(
                .post, "/api/v1/foodaid/lots/\(milk.id)/corrections", token: world.coordinator.token,
                body: Correction(kind: "loss", change: -4, reason: "bouteilles percées"))
            #expect(loss.status == .ok, "\(loss.text)")
            for lot in [orders.late.id, orders.early.id, milk.id] {
                let detail = try await client.json(.get, "/api/v1/foodaid/lots/\(lot)", token: world.coordinator.token).decode(Detail.self)
                #expect(detail.movements.map(\.onHandChange).reduce(0, +) == detail.lot.onHand)
                #expect(detail.movements.map(\.reservedChange).reduce(0, +) == detail.lot.reserved)
            }
            let detail = try await client.json(.get, "/api/v1/foodaid/lots/\(milk.id)", token: world.coordinator.token).decode(Detail.self)
            #expect(detail.movements.map(\.kind) == ["receipt", "reservation", "reservation", "reservation", "shipment", "loss"])
            // The 10 bottles shipped left the warehouse and their reservation: -10 and -10, not -20.
            let shipment = try #require(detail.movements.first { $0.kind == "shipment" })
            #expect(shipment.orderId == shipped)
            #expect(shipment.onHandChange == -10)
            #expect(shipment.reservedChange == -10)
            #expect(detail.lot.onHand == 500 - 10 - 4)
            #expect(detail.lot.reserved == 20)
        }
    }
}
