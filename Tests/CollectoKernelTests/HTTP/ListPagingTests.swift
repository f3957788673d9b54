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

    @Test func vehiclesAreListedToTheirOwnerAndToThoseTheyAreSharedWithAndTasksPageInOrder() async throws {
        let test = try await TestKernel.make()
        let fixtures = Fixtures(test.kernel)
        let bank = try await fixtures.organisation("Banque", .foodBank)
        let coordinator = try await fixtures.logIn("coord@bank.test", role: .coordinator, in: bank.id)
        let partner = try await fixtures.organisation("Épicerie", .partnerAssociation)
        let stranger = try await fixtures.organisation("Autre", .partnerAssociation)
        let member = try await fixtures.logIn("member@epicerie.test", role: .member, in: partner.id)
        let outsider = try await fixtures.logIn("member@autre.test", role: .member, in: stranger.id)
        let shared = try await fixtures.vehicle(of: bank.id, plate: "AA-100-AA", sharedWith: [partner.id])
        _ = try await fixtures.vehicle(of: bank.id, plate: "AA-200-AA")
        let own = try await fixtures.vehicle(of: partner.id, plate: "AA-300-AA")
        let site = try await fixtures.site(of: partner.id)
        for _ in 0..<3 { _ = try await fixtures.task(for: partner.id, from: site.id, to: nil) }
        struct Plated: Decodable { let id: UUID }
        try await testApplication(test.kernel).test(.router) { client in
            let seen = try await client.json(.get, "/api/v1/vehicles", token: member.token).decode([Plated].self).map(\.id)
            #expect(Set(seen) == [shared.id, own.id])
            #expect(try await client.json(.get, "/api/v1/vehicles", token: outsider.token).decode([Plated].self).isEmpty)
            #expect(try await client.json(.get, "/api/v1/vehicles?limit=2", token: coordinator.token).decode([Plated].self).count == 2)
            let tasks = try await client.json(.get, "/api/v1/tasks?limit=2&offset=2", token: member.token).decode([Plated].self)
            #expect(tasks.count == 1)
            #expect(try await client.json(.get, "/api/v1/tasks", token: outsider.token).decode([Plated].self).isEmpty)
        }
    }
}
