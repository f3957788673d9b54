import CollectoKernel
import CollectoTestSupport
import FoodAid
import Foundation
import HTTPTypes
import HummingbirdTesting
import Testing

/// A partner's allocated order shipped, received and closed through the HTTP
/// API of a live server: the delivery note it prints and who may read it, the
/// delivery task it becomes, and the stock that leaves, lot by lot.
@Suite struct OrderShippingTests {
    typealias OrderView = FoodAidWorld.OrderView

    @Test func theDeliveryNoteListsWhatShipsToThePartnerAndOnlyThePartnerReadsIt() async throws {
        let world = try await PartnerOrders.world()
        try await withLiveServer(world.test.kernel) { client throws in
            let order = try await PartnerOrders.shippedOrder(world, client)
            let note = try await client.json(.get, "/api/v1/foodaid/orders/\(order)/delivery-note", token: world.partners[2].member.token)
            #expect(note.headers[.contentType]?.hasPrefix("text/html") == true)
            #expect(note.text.contains("Pâtes 1 kg"))
            #expect(note.text.contains("<th class=\"number\">40</th>"))
            #expect(note.text.contains(world.partners[2].organisation.name))
            #expect(
                try await client.json(.get, "/api/v1/foodaid/orders/\(order)/delivery-note", token: world.partners[0].member.token).status
                    == .notFound)
        }
    }

    @Test func aPrintableDocumentLoadsNothingFromElsewhereCannotBeFramedAndSendsNoReferrer() async throws {
        let world = try await PartnerOrders.world()
        try await withLiveServer(world.test.kernel) { client throws in
            let order = try await PartnerOrders.shippedOrder(world, client)
            let note = try await client.json(.get, "/api/v1/foodaid/orders/\(order)/delivery-note", token: world.partners[2].member.token)
            #expect(note.headers[.contentSecurityPolicy]?.contains("frame-ancestors 'none'") == true)
            #expect(note.headers[.contentSecurityPolicy]?.contains("default-src 'none'") == true)
            #expect(note.headers[HTTPField.Name("Referrer-Policy")!] == "no-referrer")
            #expect(note.headers[.cacheControl] == "no-store")
        }
    }

    @Test func aShippedOrderIsADeliveryTaskToThePartnersSite() async throws {
        let world = try await PartnerOrders.world()
        try await withLiveServer(world.test.kernel) { client throws in
            let order = try await PartnerOrders.shippedOrder(world, client)
            let shipped = try await client.json(.get, "/api/v1/foodaid/orders/\(order)", token: world.partners[2].member.token).decode(
                OrderView.self)
            #expect(shipped.status == "shipped")
            let task = try await client.json(.get, "/api/v1/tasks/\(try #require(shipped.taskId))", token: world.coordinator.token).decode(
                LogisticsTask.self)
            #expect(task.kind == "foodaid.partner_delivery")
            #expect(task.drop?.siteId == world.partners[2].site.id)
            // 30 packs of pasta at 1 kg and 10 bottles of milk at 1.03 kg.
            #expect(abs(task.kg - (30 + 10 * 1.03)) < 0.001)
        }
    }

    @Test func thePartnerRecordsWhatArrivedAndTheFoodBankClosesTheOrder() async throws {
        let world = try await PartnerOrders.world()
        try await withLiveServer(world.test.kernel) { client throws in
            let orders = try await PartnerOrders.submitted(world, client)
            _ = try await orders.allocated(client)
            let order = try await orders.shipped(client)
            #expect(try await orders.receive(client, order).decode(OrderView.self).status == "received")
            #expect(try await orders.close(client, order).status == .ok)
        }
    }

    @Test func stockOnHandAndReservedAreTheSumOfTheirMovementsLotByLot() async throws {
        let world = try await PartnerOrders.world()
        try await withLiveServer(world.test.kernel) { client throws in
            _ = try await PartnerOrders.submitted(world, client).closed(client)
        }
        let sums = try await world.test.kernel.units.read { db in
            try await db.query(
                """
                SELECT l.id, l.on_hand, l.reserved, SUM(m.on_hand_change) AS moved, SUM(m.reserved_change) AS held
                FROM foodaid_lots l JOIN foodaid_movements m ON m.lot_id = l.id GROUP BY l.id, l.on_hand, l.reserved
                """)
        }
        for row in sums {
            #expect(try row.int("on_hand") == row.int("moved"))
            #expect(try row.int("reserved") == row.int("held"))
        }
    }

    @Test func shippingTakesTheShippedUnitsOutOfTheirLotsAndTheirReservations() async throws {
        let world = try await PartnerOrders.world()
        let (orders, closed) = try await withLiveServerValue(world) { client in
            let orders = try await PartnerOrders.submitted(world, client)
            return (orders, try await orders.closed(client))
        }
        let pastaLots = try await world.test.kernel.units.read { db in
            try await db.query("SELECT id, on_hand, reserved FROM foodaid_lots WHERE product_id = ?", [orders.pasta.id]).map {
                (try $0.uuid("id"), try $0.int("on_hand"), try $0.int("reserved"))
            }
        }
        let shippedPasta = closed.allocated.pastaPicks[closed.order] ?? [:]
        // Every pack was reserved, so what stays reserved is what did not ship.
        for (lot, onHand, reserved) in pastaLots {
            let initial = lot == orders.early.id ? 20 : 40
            #expect(onHand == initial - (shippedPasta[lot] ?? 0))
            #expect(reserved == initial - (shippedPasta[lot] ?? 0))
        }
    }
}
