import CollectoKernel
import CollectoTestSupport
import Foundation
import Hummingbird
import HummingbirdTesting
import Testing

@Suite struct AuthenticationAPITests {
    struct Credentials: Encodable { let email: String; let password: String }

    @Test func logInGivesATokenThatOpensTheAPIUntilRevoked() async throws {
        let world = try await APIWorld.make()
        try await withAPI(world.test.kernel) { client throws in
            let login = try await client.json(
                .post, "/api/v1/auth/login", body: Credentials(email: "COORD@bank.test", password: Fixtures.password))
            #expect(login.status == .ok)
            let session = try login.decode(IdentityService.Session.self)
            #expect(try await client.json(.get, "/api/v1/me", token: session.token).status == .ok)
            #expect(try await client.json(.post, "/api/v1/auth/logout", token: session.token).status == .ok)
            let after = try await client.json(.get, "/api/v1/me", token: session.token)
            #expect(after.status == .unauthorized)
            #expect(after.apiError?.code == "unauthenticated")
        }
    }

    @Test func wrongPasswordsAndUnknownUsersGetTheSameAnswer() async throws {
        let world = try await APIWorld.make()
        try await withAPI(world.test.kernel) { client throws in
            let wrong = try await client.json(
                .post, "/api/v1/auth/login", body: Credentials(email: "coord@bank.test", password: "not the password"))
            let unknown = try await client.json(
                .post, "/api/v1/auth/login", body: Credentials(email: "ghost@bank.test", password: "whatever123"))
            #expect(wrong.status == .unauthorized)
            #expect(unknown.status == .unauthorized)
            #expect(wrong.apiError == unknown.apiError)
        }
    }

    @Test func tokensExpire() async throws {
        let world = try await APIWorld.make()
        try await withAPI(world.test.kernel) { client throws in
            #expect(try await client.json(.get, "/api/v1/me", token: world.coordinator.token).status == .ok)
            world.test.clock.advance(by: 13 * 3600)
            #expect(try await client.json(.get, "/api/v1/me", token: world.coordinator.token).status == .unauthorized)
        }
    }

    @Test func routesRefuseAnonymousCallersAndGarbageTokens() async throws {
        let world = try await APIWorld.make()
        try await withAPI(world.test.kernel) { client throws in
            #expect(try await client.json(.get, "/api/v1/sites").status == .unauthorized)
            #expect(try await client.json(.get, "/api/v1/sites", token: "cto_forged").status == .unauthorized)
            #expect(try await client.json(.get, "/api/v1/probe/ping").status == .unauthorized)
            #expect(try await client.json(.get, "/healthz").status == .ok)
        }
    }

    @Test func anAdminRevokesAUsersTokens() async throws {
        let world = try await APIWorld.make()
        try await withAPI(world.test.kernel) { client throws in
            let id = world.memberA.user.id.uuidString
            #expect(try await client.json(.post, "/api/v1/users/\(id)/revoke-tokens", token: world.memberB.token).status == .notFound)
            #expect(try await client.json(.post, "/api/v1/users/\(id)/revoke-tokens", token: world.adminA.token).status == .ok)
            #expect(try await client.json(.get, "/api/v1/me", token: world.memberA.token).status == .unauthorized)
        }
    }
}
