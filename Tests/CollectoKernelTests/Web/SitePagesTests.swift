import CollectoKernel
import CollectoTestSupport
import Foundation
import HTTPTypes
import Hummingbird
import HummingbirdTesting
import Testing

/// A partner's coordinator changes their site's opening hours from its page (a closing before the opening is said
/// on its day, with what was typed kept); a volunteer and another partner's coordinator cannot.
@Suite struct SitePagesTests {
    @Test func aCoordinatorChangesTheirSitesHoursAndNobodyElseCan() async throws {
        let test = try await TestKernel.make(modules: [])
        let fixtures = Fixtures(test.kernel)
        _ = try await fixtures.organisation("Banque", .foodBank)
        let grocery = try await fixtures.organisation("Épicerie", .partnerAssociation)
        let other = try await fixtures.organisation("Autre", .partnerAssociation)
        let site = try await fixtures.site(of: grocery.id, name: "Local rue Haute")
        let coordinator = try await fixtures.logIn("coord@epicerie.test", role: .coordinator, in: grocery.id)
        let volunteer = try await fixtures.logIn("benevole@epicerie.test", role: .member, in: grocery.id)
        let stranger = try await fixtures.logIn("coord@autre.test", role: .coordinator, in: other.id)
        try await withAPI(test.kernel) { client in
            let list = try await client.page("/sites", session: coordinator.token)
            #expect(list.status == .ok)
            #expect(list.text.contains("Local rue Haute"))
            let path = "/sites/\(site.id.uuidString.lowercased())"
            let page = try await client.page(path, session: coordinator.token)
            #expect(page.text.contains("value=\"Local rue Haute\""))
            func fields(closes: String) -> [(String, String)] {
                [
                    ("siteName", "Local rue Haute"), ("address", "12 rue Haute"), ("city", "Rennes"), ("latitude", "48,11"),
                    ("longitude", "-1,68"), ("serviceMinutes", "10"), ("opens[tuesday]", "14:00"), ("closes[tuesday]", closes),
                ]
            }
            let bad = try await client.submit(path, session: coordinator.token, fields: fields(closes: "13:00"))
            #expect(bad.status == .unprocessableContent)
            #expect(bad.text.contains("id=\"hours-tuesday-error\""))
            let saved = try await client.submit(path, session: coordinator.token, fields: fields(closes: "18:00"), idempotency: "save")
            #expect(saved.status == .seeOther)
            #expect(try await client.page("/sites", session: coordinator.token).text.contains("Mardi 14:00–18:00"))
            #expect(try await client.page("/sites", session: volunteer.token).status == .forbidden)
            #expect(try await client.page(path, session: stranger.token).status == .notFound)
            #expect(try await client.submit(path, session: stranger.token, fields: fields(closes: "19:00")).status == .notFound)
        }
    }
}
