import CollectoKernel
import CollectoTestSupport
import FoodAid
import Foundation
import HTTPTypes
import HummingbirdTesting
import Testing

@Suite struct TaskOutcomeLedgerTests {
    struct Entry: Decodable { let reference: String; let action: String; let outcome: String; let actualKg: Double? }

    @Test func aDeliveredPartnerOrderLandsInThePartnersLedgerOnce() async throws {
        let test = try await TestKernel.make(modules: [FoodAidModule()])
        let fixtures = Fixtures(test.kernel)
        let bank = try await fixtures.organisation("Banque", .foodBank)
        let partner = try await fixtures.organisation("A", .partnerAssociation)
        let other = try await fixtures.organisation("B", .partnerAssociation)
        let warehouse = try await fixtures.site(of: bank.id)
        let local = try await fixtures.site(of: partner.id, latitude: 48.12, longitude: -1.67)
        let van = try await fixtures.vehicle(of: bank.id)
        let coordinator = try await fixtures.logIn("coord@bank.test", role: .coordinator, in: bank.id)
        let member = try await fixtures.logIn("member@a.test", role: .member, in: partner.id)
        let outsider = try await fixtures.logIn("member@b.test", role: .member, in: other.id)
        let delivery = try await fixtures.task(for: partner.id, from: warehouse.id, to: local.id, kg: 140, kind: "foodaid.partner_delivery")
        let manual = try await fixtures.task(for: partner.id, from: warehouse.id, to: local.id, kg: 10)
        let caller = try await fixtures.caller(coordinator.user)
        let round = try await test.kernel.units.write(by: caller) { tx in
            try await test.kernel.rounds.create(
                RoundRequest(
                    organisationId: bank.id, day: CalendarDate("2026-01-14")!, startTime: LocalTime("09:00")!, vehicleId: van.id,
                    driverUserId: nil,
                    stops: [
                        .init(siteId: warehouse.id, pickups: [delivery.id, manual.id]),
                        .init(siteId: local.id, drops: [delivery.id, manual.id]),
                    ]),
                by: caller, in: tx)
        }
        for (sequence, action) in [(1, Round.Action.pickup), (2, .drop)] {
            _ = try await test.kernel.units.write(by: caller) { tx in
                try await test.kernel.rounds.completeStop(
                    round: round.id, sequence: sequence,
                    StopCompletion(entries: [
                        .init(taskId: delivery.id, action: action, actualKg: 138.5), .init(taskId: manual.id, action: action, actualKg: 10),
                    ]), by: caller, in: tx)
            }
        }
        try await test.kernel.relay.ensureCursors()
        try await test.kernel.relay.deliverPending()
        try await test.kernel.relay.deliverPending()
        try await withAPI(test.kernel) { client throws in
            let ledger = try await client.json(.get, "/api/v1/foodaid/partners/\(partner.id)/deliveries", token: member.token).decode(
                [Entry].self)
            // Only FoodAid's own task kind is in its ledger, once per stop record.
            #expect(ledger.map(\.action).sorted() == ["drop", "pickup"])
            #expect(ledger.allSatisfy { $0.reference == delivery.reference && $0.actualKg == 138.5 && $0.outcome == "done" })
            #expect(
                try await client.json(.get, "/api/v1/foodaid/partners/\(partner.id)/deliveries", token: outsider.token).status == .notFound)
        }
    }
}
