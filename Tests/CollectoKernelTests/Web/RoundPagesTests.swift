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
            #expect(broken.text.contains("300 kg à bord pour une capacité de 100 kg"), "said in French, with the page's numbers")
            #expect(!broken.text.contains("after stop"), "not the API's English line")
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

    /// One round delivers a partner, then takes a restaurant's biowaste to the plant on the way back: each end at its
    /// place, the driver chosen by name. Left to "every pickup first", the food and the waste would ride together,
    /// which is refused.
    @Test func aMixedRoundPutsEachEndAtItsPlaceWithTheDriverChosen() async throws {
        let test = try await TestKernel.make(modules: [])
        let fixtures = Fixtures(test.kernel)
        let bank = try await fixtures.organisation("Banque", .foodBank)
        let partner = try await fixtures.organisation("Épicerie", .partnerAssociation)
        let coordinator = try await fixtures.logIn("coord@banque.test", role: .coordinator, in: bank.id)
        let driver = try await fixtures.user("chauffeur@banque.test", role: .driver, in: bank.id)
        let warehouse = try await fixtures.site(of: bank.id, name: "Entrepôt")
        let grocery = try await fixtures.site(of: partner.id, name: "Épicerie", latitude: 48.12, longitude: -1.69)
        let restaurant = try await fixtures.site(of: partner.id, name: "Restaurant", latitude: 48.125, longitude: -1.695)
        let plant = try await fixtures.site(of: bank.id, name: "Plateforme de compostage", latitude: 48.13, longitude: -1.70)
        let van = try await fixtures.vehicle(of: bank.id, kg: 1_000)
        let food = try await fixtures.task(for: bank.id, from: warehouse.id, to: grocery.id, kg: 200)
        let waste = try await fixtures.task(for: bank.id, from: restaurant.id, to: plant.id, kg: 80, isFood: false)
        try await withAPI(test.kernel) { client in
            let page = try await client.page("/rounds", session: coordinator.token)
            #expect(page.text.contains("<option value=\"\(driver.id.uuidString.lowercased())\">chauffeur@banque.test (chauffeur)</option>"))
            let day = CalendarDate(test.clock.now(), in: test.kernel.settings.timeZone)
            let (f, w) = (food.id.uuidString.lowercased(), waste.id.uuidString.lowercased())
            let base: [(String, String)] = [
                ("day", "\(day)"), ("startTime", "08:00"), ("vehicleId", van.id.uuidString.lowercased()),
                ("driverUserId", driver.id.uuidString.lowercased()),
            ]
            let together = try await client.submit(
                "/rounds", session: coordinator.token, fields: base + [("order[\(f)]", "1"), ("order[\(w)]", "2")])
            #expect(together.status == .unprocessableContent)
            #expect(together.text.contains("Aliments et biodéchets à bord en même temps"))
            #expect(together.text.contains("value=\"\(driver.id.uuidString.lowercased())\" selected"), "the driver chosen is kept")

            let dropOnly = try await client.submit("/rounds", session: coordinator.token, fields: base + [("dropOrder[\(f)]", "2")])
            #expect(dropOnly.status == .unprocessableContent)
            #expect(dropOnly.text.contains("numérotez aussi l’enlèvement"))

            let placed = try await client.submit(
                "/rounds", session: coordinator.token,
                fields: base + [("order[\(f)]", "1"), ("dropOrder[\(f)]", "2"), ("order[\(w)]", "3"), ("dropOrder[\(w)]", "4")],
                idempotency: "mixed")
            #expect(placed.status == .seeOther, "\(placed.text.components(separatedBy: "class=\"error\"").dropFirst().prefix(3))")
            let rounds = try await client.json(.get, "/api/v1/rounds", token: coordinator.token).decode([Round].self)
            let round = try #require(rounds.first)
            #expect(round.stops.map(\.siteId) == [warehouse.id, grocery.id, restaurant.id, plant.id])
            #expect(round.driverUserId == driver.id)
            #expect(try await client.page("/rounds?day=\(day)", session: coordinator.token).text.contains("chauffeur@banque.test"))
        }
    }

    @Test func aCoordinatorListsWhoMayDriveAndAPartnerCannot() async throws {
        let test = try await TestKernel.make(modules: [])
        let fixtures = Fixtures(test.kernel)
        let bank = try await fixtures.organisation("Banque", .foodBank)
        let partner = try await fixtures.organisation("Épicerie", .partnerAssociation)
        let coordinator = try await fixtures.logIn("coord@banque.test", role: .coordinator, in: bank.id)
        let member = try await fixtures.logIn("benevole@epicerie.test", role: .member, in: partner.id)
        let driver = try await fixtures.user("chauffeur@banque.test", role: .driver, in: bank.id)
        _ = try await fixtures.user("accueil@banque.test", role: .member, in: bank.id)
        try await withAPI(test.kernel) { client in
            let drivers = try await client.json(.get, "/api/v1/organisations/\(bank.id)/drivers", token: coordinator.token)
                .decode([RoundDriver].self)
            #expect(drivers.map(\.userId) == [driver.id, coordinator.user.id], "drivers first, then who else may drive; not the desk")
            #expect(try await client.json(.get, "/api/v1/organisations/\(bank.id)/drivers", token: member.token).status == .forbidden)
        }
    }
}
