import CollectoKernel
import CollectoTestSupport
import Foundation
import HTTPTypes
import Hummingbird
import HummingbirdTesting
import Testing

/// A coordinator builds a round by hand from the tasks waiting: a round that breaks rules is not recorded and
/// every broken rule is shown with the choices kept; a round that keeps them all is recorded and listed on its day.
@Suite struct RoundPagesTests {
    @Test func aRoundThatBreaksRulesShowsEachOneAndAGoodOneIsRecorded() async throws {
        let test = try await TestKernel.make(modules: [])
        let fixtures = Fixtures(test.kernel)
        let bank = try await fixtures.organisation("Banque", .foodBank)
        let coordinator = try await fixtures.logIn("coord@banque.test", role: .coordinator, in: bank.id)
        let warehouse = try await fixtures.site(of: bank.id, name: "Entrepôt")
        let shop = try await fixtures.site(of: bank.id, name: "Magasin", latitude: 48.12, longitude: -1.69)
        let small = try await fixtures.vehicle(of: bank.id, kg: 100)
        let big = try await fixtures.vehicle(of: bank.id, kg: 1_000, refrigerated: true)
        try await withAPI(test.kernel) { client in
            let task = try await client.json(
                .post, "/api/v1/tasks", token: coordinator.token,
                body: TaskService.Input(
                    kind: "kernel.manual", reference: "yaourts du magasin", organisationId: bank.id,
                    pickup: .init(siteId: shop.id), drop: .init(siteId: warehouse.id), kg: 300, temperature: .chilled, isFood: true)
            ).decode(LogisticsTask.self)
            let page = try await client.page("/rounds", session: coordinator.token)
            #expect(page.status == .ok)
            #expect(page.text.contains("yaourts du magasin"))
            let day = CalendarDate(test.clock.now(), in: test.kernel.settings.timeZone)
            let order = "order[\(task.id.uuidString.lowercased())]"
            let broken = try await client.submit(
                "/rounds", session: coordinator.token,
                fields: [("day", "\(day)"), ("startTime", "08:00"), ("vehicleId", small.id.uuidString.lowercased()), (order, "1")])
            #expect(broken.status == .unprocessableContent)
            #expect(broken.text.contains("Chaîne du froid"), "the chilled yogurts in a plain van")
            #expect(broken.text.contains("Capacité dépassée"), "300 kg in a 100 kg van: both rules are shown")
            #expect(broken.text.contains("value=\"1\""), "the order typed is kept")
            struct Item: Decodable { let id: UUID }
            #expect(
                try await client.json(.get, "/api/v1/rounds", token: coordinator.token).decode([Item].self).isEmpty,
                "nothing is recorded")

            let good = try await client.submit(
                "/rounds", session: coordinator.token,
                fields: [("day", "\(day)"), ("startTime", "08:00"), ("vehicleId", big.id.uuidString.lowercased()), (order, "1")],
                idempotency: "round")
            #expect(good.location == "/rounds?day=\(day)&notice=round_created", "\(good.text)")
            let listed = try await client.page("/rounds?day=\(day)", session: coordinator.token)
            #expect(listed.text.contains("Prévue"))
            #expect(!listed.text.contains("order[\(task.id.uuidString.lowercased())]"), "the task is no longer waiting")
        }
    }
}
