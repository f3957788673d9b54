import CollectoKernel
import CollectoTestSupport
import Foundation
import HTTPTypes
import Hummingbird
import HummingbirdTesting
import Testing

/// An association's admin runs its accounts: lists its users, shuts a
/// departed volunteer out at once, changes roles, and hands a one-time reset
/// to someone who forgot their password; nobody administers another's users.
@Suite struct AccountsAPITests {
    struct Token: Decodable { let token: String }
    struct Reset: Decodable { let token: String; let path: String }

    func logIn(_ client: some TestClientProtocol, _ email: String, _ password: String = Fixtures.password) async throws -> TestResponse {
        try await client.json(.post, "/api/v1/auth/login", raw: #"{"email": "\#(email)", "password": "\#(password)"}"#)
    }

    @Test func anAdminDisablesADepartedVolunteerAndEveryTokenEndsAtOnce() async throws {
        let test = try await TestKernel.make()
        let fixtures = Fixtures(test.kernel)
        let grocery = try await fixtures.organisation("Épicerie", .partnerAssociation)
        let other = try await fixtures.organisation("Autre", .partnerAssociation)
        let admin = try await fixtures.logIn("admin@epicerie.test", role: .admin, in: grocery.id)
        let volunteer = try await fixtures.logIn("benevole@epicerie.test", role: .member, in: grocery.id)
        let outsider = try await fixtures.logIn("admin@autre.test", role: .admin, in: other.id)
        try await testApplication(test.kernel).test(.router) { client in
            let users = try await client.json(.get, "/api/v1/users?organisationId=\(grocery.id)", token: admin.token).decode([User].self)
            #expect(Set(users.map(\.email)) == ["admin@epicerie.test", "benevole@epicerie.test"])
            #expect(try await client.json(.get, "/api/v1/users?organisationId=\(grocery.id)", token: outsider.token).status == .forbidden)
            #expect(try await client.json(.post, "/api/v1/users/\(volunteer.user.id)/disable", token: outsider.token).status == .notFound)
            #expect(try await client.json(.post, "/api/v1/users/\(admin.user.id)/disable", token: admin.token).status == .conflict)

            let disabled = try await client.json(.post, "/api/v1/users/\(volunteer.user.id)/disable", token: admin.token)
            #expect(disabled.status == .ok, "\(disabled.text)")
            #expect(try disabled.decode(User.self).disabled)
            #expect(try await client.json(.get, "/api/v1/me", token: volunteer.token).status == .unauthorized)
            #expect(try await logIn(client, "benevole@epicerie.test").status == .unauthorized)

            #expect(try await client.json(.post, "/api/v1/users/\(volunteer.user.id)/enable", token: admin.token).status == .ok)
            #expect(try await logIn(client, "benevole@epicerie.test").status == .ok)
            let audited = try await test.kernel.units.read { db in
                try await db.scalarInt(
                    "SELECT COUNT(*) FROM kernel_audit_log WHERE entity_id = ? AND action IN ('disable', 'enable')",
                    [volunteer.user.id.uuidString])
            }
            #expect(audited == 2)
        }
    }

    @Test func anAdminChangesRolesAndMembershipsOfTheirOwnOrganisationOnly() async throws {
        let test = try await TestKernel.make()
        let fixtures = Fixtures(test.kernel)
        let grocery = try await fixtures.organisation("Épicerie", .partnerAssociation)
        let other = try await fixtures.organisation("Autre", .partnerAssociation)
        let admin = try await fixtures.logIn("admin@epicerie.test", role: .admin, in: grocery.id)
        let volunteer = try await fixtures.logIn("benevole@epicerie.test", role: .member, in: grocery.id)
        try await testApplication(test.kernel).test(.router) { client in
            let promoted = try await client.json(
                .put, "/api/v1/users/\(volunteer.user.id)/memberships/\(grocery.id)", token: admin.token, raw: #"{"role": "coordinator"}"#)
            #expect(try promoted.decode(User.self).memberships.map(\.role) == [.coordinator])
            let elsewhere = try await client.json(
                .put, "/api/v1/users/\(volunteer.user.id)/memberships/\(other.id)", token: admin.token, raw: #"{"role": "admin"}"#)
            #expect(elsewhere.status == .forbidden)
            let last = try await client.json(.delete, "/api/v1/users/\(volunteer.user.id)/memberships/\(grocery.id)", token: admin.token)
            #expect(last.apiError?.code == "last_membership")
            let bad = try await client.json(
                .put, "/api/v1/users/\(volunteer.user.id)/memberships/\(grocery.id)", token: admin.token, raw: #"{"role": "king"}"#)
            #expect(bad.apiError?.field == "role")
        }
    }

    @Test func aUserChangesTheirPasswordAndAnAdminHandsAOneTimeReset() async throws {
        let test = try await TestKernel.make()
        let fixtures = Fixtures(test.kernel)
        let grocery = try await fixtures.organisation("Épicerie", .partnerAssociation)
        let admin = try await fixtures.logIn("admin@epicerie.test", role: .admin, in: grocery.id)
        let volunteer = try await fixtures.logIn("benevole@epicerie.test", role: .member, in: grocery.id)
        try await testApplication(test.kernel).test(.router) { client in
            let other = try await logIn(client, "benevole@epicerie.test").decode(Token.self).token
            let wrong = try await client.json(
                .post, "/api/v1/me/password", token: volunteer.token,
                raw: #"{"currentPassword": "not it at all", "newPassword": "une soupe de potiron"}"#)
            #expect(wrong.apiError?.field == "currentPassword")
            let weak = try await client.json(
                .post, "/api/v1/me/password", token: volunteer.token,
                raw: #"{"currentPassword": "\#(Fixtures.password)", "newPassword": "azertyuiop"}"#)
            #expect(weak.apiError?.field == "newPassword")
            let changed = try await client.json(
                .post, "/api/v1/me/password", token: volunteer.token,
                raw: #"{"currentPassword": "\#(Fixtures.password)", "newPassword": "une soupe de potiron"}"#)
            #expect(changed.status == .ok, "\(changed.text)")
            // The session that changed it goes on; the others end.
            #expect(try await client.json(.get, "/api/v1/me", token: volunteer.token).status == .ok)
            #expect(try await client.json(.get, "/api/v1/me", token: other).status == .unauthorized)
            #expect(try await logIn(client, "benevole@epicerie.test", "une soupe de potiron").status == .ok)

            let reset = try await client.json(.post, "/api/v1/users/\(volunteer.user.id)/password-reset", token: admin.token)
                .decode(Reset.self)
            #expect(reset.path == "/api/v1/auth/password-reset")
            let used = try await client.json(
                .post, "/api/v1/auth/password-reset", raw: #"{"token": "\#(reset.token)", "newPassword": "des carottes râpées"}"#)
            #expect(used.status == .ok, "\(used.text)")
            #expect(try await logIn(client, "benevole@epicerie.test", "des carottes râpées").status == .ok)
            #expect(try await client.json(.get, "/api/v1/me", token: volunteer.token).status == .unauthorized)
            let again = try await client.json(
                .post, "/api/v1/auth/password-reset", raw: #"{"token": "\#(reset.token)", "newPassword": "encore une autre soupe"}"#)
            #expect(again.apiError?.field == "token")
        }
    }
}
