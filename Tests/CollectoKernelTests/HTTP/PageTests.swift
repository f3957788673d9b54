import CollectoKernel
import CollectoTestSupport
import Foundation
import HTTPTypes
import HummingbirdTesting
import Testing

/// A list says when it is cut: the same JSON array as ever, with the total
/// its filters match in `X-Total-Count` and the neighbouring pages in `Link`.
@Suite struct PageTests {
    struct Named: Decodable { let name: String }

    @Test func aCutListTellsItsTotalAndLinksToTheRestWhichEndsTheList() async throws {
        let world = try await APIWorld.make()
        try await withAPI(world.test.kernel) { client in
            for index in 0..<130 {
                let created = try await client.json(
                    .post, "/api/v1/organisations", token: world.coordinator.token,
                    body: OrganisationService.Input(name: "Association \(index)", kind: .partnerAssociation))
                #expect(created.status == .created)
            }
            // The world's food bank and two partners, and the 130 partners created.
            let first = try await client.json(.get, "/api/v1/organisations", token: world.coordinator.token)
            #expect(first.status == .ok)
            #expect(try first.decode([Named].self).count == 100)
            #expect(first.headers[.totalCount] == "133")
            #expect(first.headers[.link] == "</api/v1/organisations?limit=100&offset=100>; rel=\"next\"")
            let next = try #require(Self.link("next", in: first))
            let rest = try await client.json(.get, next, token: world.coordinator.token)
            #expect(try rest.decode([Named].self).count == 33)
            #expect(rest.headers[.totalCount] == "133")
            #expect(Self.link("next", in: rest) == nil)
            #expect(Self.link("prev", in: rest) == "/api/v1/organisations?limit=100&offset=0")
            let names = try first.decode([Named].self).map(\.name) + rest.decode([Named].self).map(\.name)
            #expect(Set(names).count == 133)
        }
    }

    @Test func filtersAreKeptInTheLinksAndCountedInTheTotal() async throws {
        let world = try await APIWorld.make()
        try await withAPI(world.test.kernel) { client in
            for index in 0..<5 {
                _ = try await client.json(
                    .post, "/api/v1/organisations", token: world.coordinator.token,
                    body: OrganisationService.Input(name: "Commune \(index)", kind: .cityService))
            }
            let page = try await client.json(
                .get, "/api/v1/organisations?kind=city_service&limit=2&offset=2", token: world.coordinator.token)
            #expect(try page.decode([Named].self).map(\.name) == ["Commune 2", "Commune 3"])
            #expect(page.headers[.totalCount] == "5")
            #expect(Self.link("next", in: page) == "/api/v1/organisations?kind=city_service&limit=2&offset=4")
            #expect(Self.link("prev", in: page) == "/api/v1/organisations?kind=city_service&limit=2&offset=0")
            let last = try await client.json(.get, try #require(Self.link("next", in: page)), token: world.coordinator.token)
            #expect(try last.decode([Named].self).map(\.name) == ["Commune 4"])
            #expect(Self.link("next", in: last) == nil)
            // A member sees its own organisation only, and the total counts nothing else.
            let own = try await client.json(.get, "/api/v1/organisations?limit=1", token: world.memberA.token)
            #expect(try own.decode([Named].self).map(\.name) == ["Partenaire A"])
            #expect(own.headers[.totalCount] == "1")
            #expect(own.headers[.link] == nil)
            let none = try await client.json(.get, "/api/v1/organisations?kind=city_service", token: world.memberA.token)
            #expect(try none.decode([Named].self).isEmpty)
            #expect(none.headers[.totalCount] == "0")
        }
    }

    @Test func theAPIDescriptionTellsThePageHeadersOfAPagedListOnly() async throws {
        let world = try await APIWorld.make()
        try await withAPI(world.test.kernel) { client in
            let document = try await client.json(.get, "/api/v1/openapi.json")
            let json = try JSONSerialization.jsonObject(with: Data(document.text.utf8)) as? [String: Any]
            let paths = json?["paths"] as? [String: [String: [String: Any]]]
            let list = paths?["/api/v1/organisations"]?["get"]?["responses"] as? [String: [String: Any]]
            let headers = list?["200"]?["headers"] as? [String: Any]
            #expect(headers?.keys.sorted() == ["Link", "X-Total-Count"])
            let one = paths?["/api/v1/organisations/{id}"]?["get"]?["responses"] as? [String: [String: Any]]
            #expect(one?["200"]?["headers"] == nil)
        }
    }

    /// The target of the `Link` header's `rel` link, if there is one.
    static func link(_ rel: String, in response: TestResponse) -> String? {
        guard let header = response.headers[.link] else { return nil }
        for part in header.split(separator: ",") {
            let pieces = part.split(separator: ";").map { $0.trimmingCharacters(in: .whitespaces) }
            guard pieces.count == 2, pieces[1] == "rel=\"\(rel)\"", pieces[0].hasPrefix("<"), pieces[0].hasSuffix(">") else { continue }
            return String(pieces[0].dropFirst().dropLast())
        }
        return nil
    }
}
