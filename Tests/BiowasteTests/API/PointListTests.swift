import Biowaste
import CollectoKernel
import CollectoTestSupport
import Foundation
import HTTPTypes
import HummingbirdTesting
import Testing

/// The collection points are listed in the order they were registered and
/// paged in SQL: city services see every one, a site's people their own only.
@Suite struct PointListTests {
    struct Listed: Decodable { let siteId: UUID; let organisationId: UUID }

    @Test func cityServicesPageThroughEveryPointAndAPartnerSeesItsOwnOnly() async throws {
        let circuit = try await BiowasteCircuit.make()
        let other = try await circuit.fixtures.organisation("Restos", .partnerAssociation)
        let otherAdmin = try await circuit.fixtures.logIn("admin@restos.test", role: .coordinator, in: other.id)
        var registered = [circuit.shop]
        for index in 0..<3 {
            registered.append(try await circuit.fixtures.site(of: other.id, name: "Local \(index)", latitude: 48.1, longitude: -1.6))
        }
        let sites = registered
        try await withAPI(circuit.test.kernel) { client in
            for site in sites {
                circuit.test.clock.advance(by: 60)
                let added = try await client.json(
                    .post, "/api/v1/biowaste/points", token: circuit.coordinator.token,
                    body: BiowasteCircuit.Point(siteId: site.id, expectedKgPerWeek: 50))
                #expect(added.status == .created, "\(added.text)")
            }
            let all = try await client.json(.get, "/api/v1/biowaste/points", token: circuit.coordinator.token).decode([Listed].self)
            #expect(all.map(\.siteId) == sites.map(\.id))
            let page = try await client.json(.get, "/api/v1/biowaste/points?limit=2&offset=1", token: circuit.coordinator.token)
                .decode([Listed].self)
            #expect(page.map(\.siteId) == Array(sites.map(\.id)[1...2]))
            let own = try await client.json(.get, "/api/v1/biowaste/points", token: otherAdmin.token).decode([Listed].self)
            #expect(own.map(\.siteId) == Array(sites.map(\.id).dropFirst()))
            #expect(own.allSatisfy { $0.organisationId == other.id })
            let none = try await client.json(.get, "/api/v1/biowaste/points", token: circuit.otherMember.token).decode([Listed].self)
            #expect(none.isEmpty)
            // Each page says how many points the caller may see in all, and where the rest is.
            let cut = try await client.json(.get, "/api/v1/biowaste/points?limit=2", token: circuit.coordinator.token)
            #expect(cut.headers[.totalCount] == "4")
            #expect(cut.headers[.link] == "</api/v1/biowaste/points?limit=2&offset=2>; rel=\"next\"")
            let ownCut = try await client.json(.get, "/api/v1/biowaste/points?limit=2", token: otherAdmin.token)
            #expect(ownCut.headers[.totalCount] == "3")
            let last = try await client.json(.get, "/api/v1/biowaste/points?limit=2&offset=2", token: otherAdmin.token)
            #expect(try last.decode([Listed].self).map(\.siteId) == [sites[3].id])
            #expect(last.headers[.link] == "</api/v1/biowaste/points?limit=2&offset=0>; rel=\"prev\"")
            let noneCut = try await client.json(.get, "/api/v1/biowaste/points", token: circuit.otherMember.token)
            #expect(noneCut.headers[.totalCount] == "0")
        }
    }
}
