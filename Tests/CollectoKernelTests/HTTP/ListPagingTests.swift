import CollectoKernel
import CollectoTestSupport
import Foundation
import HTTPTypes
import HummingbirdTesting
import Testing

/// Lists are filtered by what the caller may see and paged in SQL, in a stable order.
@Suite struct ListPagingTests {
    struct Named: Decodable { let name: String }

    @Test func organisationsAndSitesArePagedAfterTheCallersFilter() async throws {
        let test = try await TestKernel.make()
        let fixtures = Fixtures(test.kernel)
        let bank = try await fixtures.organisation("Banque", .foodBank)
        let coordinator = try await fixtures.logIn("coord@bank.test", role: .coordinator, in: bank.id)
        var partners: [Organisation] = []
        for letter in ["E", "B", "D", "A", "C"] {
            let partner = try await fixtures.organisation("Partenaire \(letter)", .partnerAssociation)
            _ = try await fixtures.site(of: partner.id, name: "Local \(letter)")
            partners.append(partner)
        }
        let member = try await fixtures.logIn("member@c.test", role: .member, in: partners[4].id)
        try await testApplication(test.kernel).test(.router) { client in
            let page = try await client.json(
                .get, "/api/v1/organisations?kind=partner_association&limit=2&offset=1", token: coordinator.token
            )
            .decode([Named].self)
            #expect(page.map(\.name) == ["Partenaire B", "Partenaire C"])
            let own = try await client.json(.get, "/api/v1/organisations?limit=10", token: member.token).decode([Named].self)
            #expect(own.map(\.name) == ["Partenaire C"])
            let sites = try await client.json(.get, "/api/v1/sites?limit=3&offset=3", token: coordinator.token).decode([Named].self)
            #expect(sites.map(\.name) == ["Local D", "Local E"])
            let ownSites = try await client.json(.get, "/api/v1/sites", token: member.token).decode([Named].self)
            #expect(ownSites.map(\.name) == ["Local C"])
        }
    }
}
