import CollectoKernel
import CollectoTestSupport
import Foundation
import HTTPTypes
import HummingbirdTesting
import Testing

@testable import FoodAid

/// Staff correct a lot's stock by hand from its page: a loss takes units off, an inventory count writes the
/// difference; a correction that changes nothing or has no reason is said beside its field, and changes nothing.
@Suite struct StockPagesTests {
    /// The part of a lot's API answer these tests read.
    struct LotOnHand: Decodable {
        struct Held: Decodable { let onHand: Int }
        let lot: Held
    }

    @Test func aLossAndACountCorrectTheLotAndABadOneIsSaidBesideItsField() async throws {
        let world = try await FoodAidWorld.make(households: [10])
        let staff = world.coordinator.token
        try await withAPI(world.test.kernel) { client in
            let rice = try await world.product(client, .init(code: "RICE", name: "Riz", category: "dry_grocery", unitWeightKg: 1))
            let lot = try await world.receive(client, rice, 10, bestBefore: world.today.adding(days: 300))
            let path = "/foodaid/lots/\(lot.id.uuidString.lowercased())"
            func onHand() async throws -> Int {
                let answer = try await client.json(.get, "/api/v1/foodaid/lots/\(lot.id.uuidString)", token: staff)
                return try answer.decode(LotOnHand.self).lot.onHand
            }
            #expect(try await client.page(path, session: staff).text.contains("action=\"\(path)/correct\""))

            let loss = try await client.submit(
                path + "/correct", session: staff, fields: [("kind", "loss"), ("units", "3"), ("reason", "sacs percés")],
                idempotency: "loss")
            #expect(loss.location == path + "?notice=foodaid_lot_loss_recorded")
            #expect(try await onHand() == 7)
            let count = try await client.submit(
                path + "/correct", session: staff, fields: [("kind", "count"), ("units", "5"), ("reason", "inventaire de décembre")],
                idempotency: "count")
            #expect(count.location == path + "?notice=foodaid_lot_counted")
            #expect(try await onHand() == 5, "the count of 5 wrote an adjustment of -2")
            let page = try await client.page(path, session: staff)
            #expect(page.text.contains("sacs percés"))
            #expect(page.text.contains("inventaire de décembre"))

            let nothing = try await client.submit(
                path + "/correct", session: staff, fields: [("kind", "count"), ("units", "5"), ("reason", "recompté")])
            #expect(nothing.status == .unprocessableContent)
            #expect(nothing.text.contains("id=\"units-error\""))
            #expect(nothing.text.contains("ne change rien"), "said in French")
            let unexplained = try await client.submit(
                path + "/correct", session: staff, fields: [("kind", "loss"), ("units", "1"), ("reason", "  ")])
            #expect(unexplained.text.contains("id=\"correction-reason-error\""))
            let tooMany = try await client.submit(
                path + "/correct", session: staff, fields: [("kind", "loss"), ("units", "6"), ("reason", "tout cassé")])
            #expect(tooMany.status == .unprocessableContent)
            #expect(tooMany.text.contains("pas assez d’unités"))
            #expect(tooMany.text.contains("value=\"6\""), "what was typed is kept")
            let typo = try await client.submit(
                path + "/correct", session: staff, fields: [("kind", "loss"), ("units", "trois"), ("reason", "casse")])
            #expect(typo.status == .unprocessableContent)
            #expect(try await onHand() == 5, "no refused correction changed the stock")

            let partner = world.partners[0].member.token
            #expect(
                try await client.submit(
                    path + "/correct", session: partner, fields: [("kind", "loss"), ("units", "1"), ("reason", "casse")]
                ).status == .forbidden)
            #expect(try await onHand() == 5)
        }
    }
}
