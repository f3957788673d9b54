import CollectoKernel
import CollectoTestSupport
import FoodAid
import Foundation
import HTTPTypes
import HummingbirdTesting
import Testing

/// Partners that received units of a blocked lot are told what to do; a
/// quarantine raised by the food bank may be lifted with a reason, a recall never.
@Suite struct RecallNoticeTests {
    struct Recall: Encodable { var lotIds: [UUID]; var reason: String; var final: Bool? = nil }
    struct Reason: Encodable { let reason: String }
    struct Report: Decodable { let status: String; let notices: [RecallNotice] }

    /// Beans in stock, five of them shipped to the first partner and five promised to the second.
    func shipBeans(_ world: FoodAidWorld, _ client: some TestClientProtocol) async throws -> (lot: Lot, orders: [UUID]) {
        let beans = try await world.product(client, .init(code: "BEANS", name: "Haricots", category: "dry_grocery", unitWeightKg: 0.4))
        let lot = try await world.receive(client, beans, 10, bestBefore: world.today.adding(days: 100))
        let window = try await world.window(client, hours: 1)
        var orders: [UUID] = []
        for partner in world.partners.prefix(2) {
            let order = try await client.json(
                .put, "/api/v1/foodaid/windows/\(window.id)/order", token: partner.member.token,
                body: FoodAidWorld.DraftBody(organisationId: partner.organisation.id, lines: [.init(productId: beans.id, quantity: 5)])
            ).decode(FoodAidWorld.OrderView.self)
            #expect(try await client.json(.post, "/api/v1/foodaid/orders/\(order.id)/submit", token: partner.member.token).status == .ok)
            orders.append(order.id)
        }
        world.test.clock.advance(by: 2 * 3600)
        #expect(try await client.json(.post, "/api/v1/foodaid/windows/\(window.id)/allocate", token: world.coordinator.token).status == .ok)
        for step in ["validate", "prepare", "ship"] {
            #expect(
                try await client.json(.post, "/api/v1/foodaid/orders/\(orders[0])/\(step)", token: world.coordinator.token).status == .ok)
        }
        return (lot, orders)
    }

    func notices(_ client: some TestClientProtocol, _ token: String, _ query: String = "") async throws -> [RecallNotice] {
        let response = try await client.json(.get, "/api/v1/foodaid/notices\(query)", token: token)
        #expect(response.status == .ok, "\(response.text)")
        return try response.decode([RecallNotice].self)
    }

    @Test func aPartnerThatReceivedUnitsOfARecalledLotIsToldWhatToDoAndNoOtherPartnerSeesIt() async throws {
        let world = try await FoodAidWorld.make(households: [10, 10, 10])
        try await withAPI(world.test.kernel) { client throws in
            let (lot, orders) = try await shipBeans(world, client)
            let report = try await client.json(
                .post, "/api/v1/foodaid/recalls", token: world.coordinator.token,
                body: Recall(lotIds: [lot.id], reason: "salmonelle", final: true)
            ).decode(Report.self)
            #expect(report.status == "recalled")
            let sent = try #require(report.notices.first)
            #expect(report.notices.count == 1)
            #expect(sent.organisationId == world.partners[0].organisation.id)
            #expect(sent.orderId == orders[0])
            #expect(sent.lotId == lot.id)
            #expect(sent.productCode == "BEANS")
            #expect(sent.productName == "Haricots")
            #expect(sent.units == 5)
            #expect(sent.kind == .recall)
            #expect(sent.reason == "salmonelle")
            #expect(sent.instructions.contains("Do not distribute"))

            let first = try await notices(client, world.partners[0].member.token)
            #expect(first.map(\.id) == [sent.id])
            // The second partner's units were only promised: they were taken back, nothing reached it.
            #expect(try await notices(client, world.partners[1].member.token).isEmpty)
            #expect(try await notices(client, world.partners[2].member.token).isEmpty)
            #expect(
                try await notices(client, world.partners[2].member.token, "?organisationId=\(world.partners[0].organisation.id)").isEmpty)
            let foreign = try await client.json(
                .post, "/api/v1/foodaid/notices/\(sent.id)/acknowledge", token: world.partners[2].member.token)
            #expect(foreign.status == .notFound)

            let acknowledged = try await client.json(
                .post, "/api/v1/foodaid/notices/\(sent.id)/acknowledge", token: world.partners[0].member.token
            ).decode(RecallNotice.self)
            #expect(acknowledged.acknowledgedAt != nil)
            #expect(try await notices(client, world.partners[0].member.token, "?unacknowledged=true").isEmpty)
            #expect(try await notices(client, world.coordinator.token).map(\.id) == [sent.id])
        }
    }

    @Test func theFoodBankLiftsAQuarantineItRaisedWithAReasonButNeverARecall() async throws {
        let world = try await FoodAidWorld.make(households: [10, 10, 10])
        try await withAPI(world.test.kernel) { client throws in
            let (lot, _) = try await shipBeans(world, client)
            let quarantine = try await client.json(
                .post, "/api/v1/foodaid/recalls", token: world.coordinator.token, body: Recall(lotIds: [lot.id], reason: "doute étiquette")
            ).decode(Report.self)
            #expect(quarantine.status == "quarantined")
            #expect(quarantine.notices.map(\.kind) == [.quarantine])

            let byPartner = try await client.json(
                .post, "/api/v1/foodaid/lots/\(lot.id)/lift-quarantine", token: world.partners[0].member.token,
                body: Reason(reason: "vu"))
            #expect(byPartner.status == .forbidden)
            let noReason = try await client.json(
                .post, "/api/v1/foodaid/lots/\(lot.id)/lift-quarantine", token: world.coordinator.token, body: Reason(reason: " "))
            #expect(noReason.apiError?.field == "reason")
            world.test.clock.advance(by: 600)
            let lifted = try await client.json(
                .post, "/api/v1/foodaid/lots/\(lot.id)/lift-quarantine", token: world.coordinator.token,
                body: Reason(reason: "étiquette vérifiée chez le fabricant"))
            #expect(lifted.status == .ok, "\(lifted.text)")
            #expect(try lifted.decode(Lot.self).status == .available)
            #expect(try lifted.decode(Lot.self).block == nil)
            #expect(try await notices(client, world.partners[0].member.token).map(\.kind) == [.quarantineLifted, .quarantine])
            let audited = try await world.test.kernel.units.read { db in
                try await db.scalarInt(
                    "SELECT COUNT(*) FROM kernel_audit_log WHERE action = 'lift_quarantine' AND entity_id = ? AND details = ?",
                    [lot.id.uuidString, "étiquette vérifiée chez le fabricant"])
            }
            #expect(audited == 1)

            // Recalled for good: neither lifted, nor turned back into a quarantine that could be.
            _ = try await client.json(
                .post, "/api/v1/foodaid/recalls", token: world.coordinator.token,
                body: Recall(lotIds: [lot.id], reason: "rappel fabricant", final: true))
            let again = try await client.json(
                .post, "/api/v1/foodaid/recalls", token: world.coordinator.token, body: Recall(lotIds: [lot.id], reason: "re-contrôle")
            ).decode(Report.self)
            #expect(again.status == "recalled")
            let stored = try await client.json(.get, "/api/v1/foodaid/lots/\(lot.id)", token: world.coordinator.token)
            struct Detail: Decodable { let lot: Lot }
            #expect(try stored.decode(Detail.self).lot.status == .recalled)
            let refused = try await client.json(
                .post, "/api/v1/foodaid/lots/\(lot.id)/lift-quarantine", token: world.coordinator.token, body: Reason(reason: "erreur"))
            #expect(refused.status == .conflict)
            #expect(refused.apiError?.code == "lot_recalled")
        }
    }

    @Test func aLotThatIsNotBlockedHasNoQuarantineToLift() async throws {
        let world = try await FoodAidWorld.make(households: [10])
        try await withAPI(world.test.kernel) { client throws in
            let rice = try await world.product(client, .init(code: "RIZ", name: "Riz", category: "dry_grocery", unitWeightKg: 1))
            let lot = try await world.receive(client, rice, 10, bestBefore: world.today.adding(days: 100))
            let response = try await client.json(
                .post, "/api/v1/foodaid/lots/\(lot.id)/lift-quarantine", token: world.coordinator.token, body: Reason(reason: "rien"))
            #expect(response.apiError?.code == "lot_not_quarantined")
        }
    }
}
