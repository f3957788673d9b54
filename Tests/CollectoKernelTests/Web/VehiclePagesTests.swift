import CollectoKernel
import CollectoTestSupport
import Foundation
import HTTPTypes
import Hummingbird
import HummingbirdTesting
import Testing

/// A coordinator takes a van out of service for a day from the fleet page, with its reason; a bad day is said
/// beside the van's form; a partner's volunteer cannot open the page.
@Suite struct VehiclePagesTests {
    @Test func aCoordinatorMarksAVanOutForADayAndNobodyElseCan() async throws {
        let test = try await TestKernel.make(modules: [])
        let fixtures = Fixtures(test.kernel)
        let bank = try await fixtures.organisation("Banque", .foodBank)
        let partner = try await fixtures.organisation("Épicerie", .partnerAssociation)
        let coordinator = try await fixtures.logIn("coord@banque.test", role: .coordinator, in: bank.id)
        let volunteer = try await fixtures.logIn("benevole@epicerie.test", role: .member, in: partner.id)
        let van = try await fixtures.vehicle(of: bank.id, plate: "GA-001-AA", refrigerated: true)
        try await withAPI(test.kernel) { client in
            let page = try await client.page("/vehicles", session: coordinator.token)
            #expect(page.status == .ok)
            #expect(page.text.contains("GA-001-AA"))
            let path = "/vehicles/\(van.id.uuidString.lowercased())/unavailable"
            let bad = try await client.submit(path, session: coordinator.token, fields: [("day", "demain"), ("reason", "vidange")])
            #expect(bad.status == .unprocessableContent)
            #expect(bad.text.contains("id=\"error-\(van.id.uuidString.lowercased())\""))
            let day = CalendarDate(test.clock.now(), in: test.kernel.settings.timeZone).adding(days: 2)
            let done = try await client.submit(
                path, session: coordinator.token, fields: [("day", "\(day)"), ("reason", "vidange")], idempotency: "out")
            #expect(done.location == "/vehicles?notice=vehicle_unavailable")
            let vehicle = try await VehicleUseCases(units: test.kernel.units, rounds: test.kernel.rounds).vehicle(
                van.id, by: try await test.kernel.identity.authenticate(BearerToken(value: coordinator.token)))
            #expect(vehicle.unavailableDays.contains(day))
            #expect(try await client.page("/vehicles", session: volunteer.token).status == .forbidden)
            #expect(
                try await client.submit(path, session: volunteer.token, fields: [("day", "\(day)"), ("reason", "x")]).status != .seeOther)
        }
    }

    @Test func aCoordinatorAddsAVanWithTheDaysItRuns() async throws {
        let test = try await TestKernel.make(modules: [])
        let fixtures = Fixtures(test.kernel)
        let bank = try await fixtures.organisation("Banque", .foodBank)
        let coordinator = try await fixtures.logIn("coord@banque.test", role: .coordinator, in: bank.id)
        try await withAPI(test.kernel) { client in
            let fields: [(String, String)] = [
                ("name", "Renault Master frigorifique"), ("plate", "GA-777-ZZ"), ("capacityKg", "1200"), ("capacityLitres", "deux mille"),
                ("refrigerated", "yes"), ("weekdays[monday]", "yes"), ("weekdays[thursday]", "yes"),
            ]
            let bad = try await client.submit("/vehicles", session: coordinator.token, fields: fields)
            #expect(bad.status == .unprocessableContent)
            #expect(bad.text.contains("id=\"vehicle-litres-error\""))
            #expect(bad.text.contains("value=\"GA-777-ZZ\""), "what was typed is kept")
            var good = fields
            good[3] = ("capacityLitres", "9000")
            let added = try await client.submit("/vehicles", session: coordinator.token, fields: good, idempotency: "add")
            #expect(added.location == "/vehicles?notice=vehicle_added")
            let page = try await client.page("/vehicles", session: coordinator.token)
            #expect(page.text.contains("GA-777-ZZ"))
            #expect(page.text.contains("Lundi, Jeudi"))
        }
    }

    @Test func aCoordinatorChangesAVanOnItsPageAndPutsItBackInServiceForADay() async throws {
        let test = try await TestKernel.make(modules: [])
        let fixtures = Fixtures(test.kernel)
        let bank = try await fixtures.organisation("Banque", .foodBank)
        let partner = try await fixtures.organisation("Épicerie", .partnerAssociation)
        let coordinator = try await fixtures.logIn("coord@banque.test", role: .coordinator, in: bank.id)
        let volunteer = try await fixtures.logIn("benevole@epicerie.test", role: .member, in: partner.id)
        let van = try await fixtures.vehicle(of: bank.id, plate: "GA-001-AA", weekdays: [.monday, .tuesday])
        let path = "/vehicles/\(van.id.uuidString.lowercased())"
        let uses = VehicleUseCases(units: test.kernel.units, rounds: test.kernel.rounds)
        let staff = try await test.kernel.identity.authenticate(BearerToken(value: coordinator.token))
        try await withAPI(test.kernel) { client in
            #expect(try await client.page("/vehicles", session: coordinator.token).text.contains("href=\"\(path)\""))
            let page = try await client.page(path, session: coordinator.token)
            #expect(page.status == .ok)
            #expect(page.text.contains("value=\"GA-001-AA\""), "the form holds the van as it is")
            #expect(page.text.contains("id=\"weekday-tuesday\" name=\"weekdays[tuesday]\" value=\"yes\" checked"))

            var fields: [(String, String)] = [
                ("name", "Master"), ("plate", "GA-001-AA"), ("capacityKg", "beaucoup"), ("capacityLitres", "9000"),
                ("refrigerated", "yes"), ("weekdays[friday]", "yes"),
            ]
            let bad = try await client.submit(path, session: coordinator.token, fields: fields)
            #expect(bad.status == .unprocessableContent)
            #expect(bad.text.contains("id=\"vehicle-kg-error\""))
            #expect(bad.text.contains("value=\"Master\""), "what was typed is kept")
            fields[2] = ("capacityKg", "1500,5")
            let saved = try await client.submit(path, session: coordinator.token, fields: fields, idempotency: "save")
            #expect(saved.location == path + "?notice=vehicle_saved")
            let changed = try await uses.vehicle(van.id, by: staff)
            #expect(changed.capacityKg == 1500.5)
            #expect(changed.refrigerated)
            #expect(changed.availableWeekdays == [.friday])

            let day = CalendarDate(test.clock.now(), in: test.kernel.settings.timeZone).adding(days: 2)
            _ = try await uses.markUnavailable(van.id, on: day, reason: "vidange", by: staff)
            let out = try await client.page(path, session: coordinator.token)
            #expect(out.text.contains("action=\"\(path)/available/\(day)\""))
            let back = try await client.submit("\(path)/available/\(day)", session: coordinator.token, fields: [], idempotency: "back")
            #expect(back.location == path + "?notice=vehicle_back_in_service")
            #expect(try await uses.vehicle(van.id, by: staff).unavailableDays.isEmpty)

            #expect(try await client.page(path, session: volunteer.token).status == .forbidden)
            #expect(try await client.submit(path, session: volunteer.token, fields: fields).status == .notFound, "no word of the van")
        }
    }
}
