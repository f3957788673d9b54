import CollectoKernel
import CollectoTestSupport
import Foundation
import HTTPTypes
import Hummingbird
import HummingbirdTesting
import Testing

/// The food bank's admin brings a new partner in from one form: organisation, site with opening hours and first
/// admin, all or nothing; an error is said beside its field with what was typed kept; nobody else may do it.
@Suite struct OrganisationPagesTests {
    func fields(latitude: String = "48,1173", mondayCloses: String = "12:30", password: String = "bienvenue-2026") -> [(String, String)] {
        [
            ("name", "Épicerie solidaire de Vezin"), ("kind", "partner_association"), ("contactEmail", "contact@vezin.test"),
            ("siteName", "Local de la rue Jean Jaurès"), ("address", "3 rue Jean Jaurès"), ("postcode", "35132"), ("city", "Vezin"),
            ("latitude", latitude), ("longitude", "-1,7561"), ("serviceMinutes", "15"), ("opens[monday]", "09:00"),
            ("closes[monday]", mondayCloses), ("opens[thursday]", "14:00"), ("closes[thursday]", "18:00"),
            ("adminName", "Inès Responsable"), ("adminEmail", "ines@vezin.test"), ("adminPassword", password),
        ]
    }

    @Test func anAdminOnboardsAPartnerWithItsSiteAndFirstAdminInOneGo() async throws {
        let test = try await TestKernel.make(modules: [])
        let fixtures = Fixtures(test.kernel)
        let bank = try await fixtures.organisation("Banque", .foodBank)
        let admin = try await fixtures.logIn("admin@banque.test", role: .admin, in: bank.id)
        let coordinator = try await fixtures.logIn("coord@banque.test", role: .coordinator, in: bank.id)
        try await withAPI(test.kernel) { client in
            func count(_ table: String) async throws -> Int {
                try await test.kernel.units.read { db in try await db.scalarInt("SELECT COUNT(*) FROM \(table)") }
            }
            #expect(try await client.page("/organisations/new", session: admin.token).status == .ok)
            let organisationsBefore = try await count("kernel_organisations")

            let badHours = try await client.submit(
                "/organisations/new", session: admin.token, fields: fields(mondayCloses: "08:00"), idempotency: "bad-hours")
            #expect(badHours.status == .unprocessableContent)
            #expect(badHours.text.contains("id=\"hours-monday-error\""), "a range that ends before it starts is said on its day")
            #expect(badHours.text.contains("value=\"Épicerie solidaire de Vezin\""), "what was typed is kept")
            let badLatitude = try await client.submit("/organisations/new", session: admin.token, fields: fields(latitude: "nord"))
            #expect(badLatitude.text.contains("id=\"latitude-error\""))
            let shortPassword = try await client.submit("/organisations/new", session: admin.token, fields: fields(password: "court"))
            #expect(shortPassword.text.contains("id=\"adminPassword-error\""))
            #expect(try await count("kernel_organisations") == organisationsBefore, "nothing is half-written")
            #expect(try await count("kernel_sites") == 0)

            let done = try await client.submit("/organisations/new", session: admin.token, fields: fields(), idempotency: "good")
            #expect(done.location == "/organisations?kind=partner_association&notice=organisation_onboarded")
            #expect(try await client.page("/organisations", session: admin.token).text.contains("Épicerie solidaire de Vezin"))
            #expect(try await count("kernel_organisations") == organisationsBefore + 1)
            #expect(try await count("kernel_sites") == 1)
            #expect(try await count("kernel_invitations") == 1)
            let again = try await client.submit("/organisations/new", session: admin.token, fields: fields(), idempotency: "good")
            #expect(again.location == done.location, "a double click records it once")
            #expect(try await count("kernel_organisations") == organisationsBefore + 1)

            // The new admin logs in with the password they were given, and finds their invitation.
            let login = try await client.logInThroughThePage([("email", "ines@vezin.test"), ("password", "bienvenue-2026")])
            #expect(login.status == .seeOther)

            #expect(try await client.page("/organisations", session: coordinator.token).status == .ok, "staff read the list")
            #expect(try await client.page("/organisations/new", session: coordinator.token).status == .forbidden)
            #expect(
                try await client.submit("/organisations/new", session: coordinator.token, fields: fields()).status == .forbidden)
        }
    }
}
