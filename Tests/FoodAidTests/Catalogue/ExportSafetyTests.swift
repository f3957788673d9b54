import CollectoKernel
import CollectoTestSupport
import FoodAid
import Foundation
import HTTPTypes
import HummingbirdTesting
import Testing

/// What the food bank downloads opens safely: no live formula in its CSV, no
/// cached partner data on a shared computer, and printable documents that
/// load nothing from elsewhere and cannot be framed.
@Suite struct ExportSafetyTests {
    @Test func aProductNamedLikeAFormulaIsExportedInert() async throws {
        let world = try await FoodAidWorld.make(households: [10])
        try await withAPI(world.test.kernel) { client throws in
            _ = try await world.product(
                client, .init(code: "EVIL", name: #"=HYPERLINK("http://evil.example/x","clic")"#, category: "dry_grocery", unitWeightKg: 1))
            let csv = try await client.json(.get, "/api/v1/foodaid/products/export", token: world.coordinator.token)
            #expect(csv.status == .ok)
            #expect(csv.text.contains(#"'=HYPERLINK("#))
            #expect(!csv.text.contains(#",=HYPERLINK"#) && !csv.text.contains(#","=HYPERLINK"#))
        }
    }

    @Test func responsesCarryTheirSecurityHeaders() async throws {
        let world = try await FoodAidWorld.make(households: [10])
        try await withAPI(world.test.kernel) { client throws in
            let health = try await client.execute(uri: "/healthz", method: .get)
            #expect(health.headers[.xContentTypeOptions] == "nosniff")
            #expect(health.headers[.cacheControl] == nil)
            let me = try await client.json(.get, "/api/v1/me", token: world.coordinator.token)
            #expect(me.headers[.xContentTypeOptions] == "nosniff")
            #expect(me.headers[.cacheControl] == "no-store")
            let refused = try await client.json(.get, "/api/v1/me", token: "not-a-token")
            #expect(refused.status == .unauthorized)
            #expect(refused.headers[.xContentTypeOptions] == "nosniff")
            #expect(refused.headers[.cacheControl] == "no-store")
            let json = try await client.json(.get, "/api/v1/foodaid/products", token: world.coordinator.token)
            #expect(json.headers[.contentSecurityPolicy] == nil)
        }
    }
}
