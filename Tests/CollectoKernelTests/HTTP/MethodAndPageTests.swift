import CollectoKernel
import CollectoTestSupport
import Foundation
import HTTPTypes
import HummingbirdTesting
import Testing

/// What a new user reads when a request is almost right: a wrong method on a
/// real address is 405 with the methods it takes; a page too long states the
/// range allowed.
@Suite struct MethodAndPageTests {
    @Test func aWrongMethodOnARealAddressIs405WithAllowAndAnUnknownAddress404() async throws {
        let world = try await APIWorld.make()
        try await withAPI(world.test.kernel) { client in
            let wrong = try await client.json(.delete, "/api/v1/organisations", token: world.coordinator.token)
            #expect(wrong.status == .methodNotAllowed, "\(wrong.text)")
            #expect(wrong.headers[.allow] == "GET, POST")
            #expect(wrong.apiError?.code == "method_not_allowed")
            let patch = try await client.json(.patch, "/api/v1/sites/\(world.siteA.id)", token: world.coordinator.token, raw: "{}")
            #expect(patch.status == .methodNotAllowed)
            #expect(patch.headers[.allow] == "GET, PUT")
            let unknown = try await client.json(.get, "/api/v1/nowhere", token: world.coordinator.token)
            #expect(unknown.status == .notFound)
        }
    }

    @Test func aLimitOutOfRangeIsRefusedStatingTheRange() async throws {
        let world = try await APIWorld.make()
        try await withAPI(world.test.kernel) { client in
            let long = try await client.json(.get, "/api/v1/organisations?limit=2000", token: world.coordinator.token)
            #expect(long.status == .unprocessableContent)
            #expect(long.apiError?.field == "limit")
            #expect(long.apiError?.message.contains("1 to 1000") == true, "\(long.text)")
        }
    }
}
