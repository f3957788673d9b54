import CollectoKernel
import CollectoTestSupport
import Foundation
import HTTPTypes
import Hummingbird
import HummingbirdTesting
import Testing

/// An admin brings people in by email, and the answer never tells whether the
/// email already has an account: a partner's admin cannot probe who else uses
/// collectod. The person joins only by accepting, logged in as themselves.
@Suite struct InvitationAPITests {
    struct Receipt: Decodable { let email: String; let invitations: [Accounts.Invitation]; let message: String }

    func invite(_ client: some TestClientProtocol, _ email: String, to organisation: UUID, as role: Role, token: String) async throws
        -> TestResponse
    {
        try await client.json(
            .post, "/api/v1/users", token: token,
            raw: """
                {"email": "\(email)", "displayName": "Bénévole", "password": "un mot de passe assez long",
                 "memberships": [{"organisationId": "\(organisation)", "role": "\(role.rawValue)"}]}
                """)
    }

    func keys(_ response: TestResponse) throws -> [String] {
        let object = try JSONSerialization.jsonObject(with: Data(response.text.utf8)) as? [String: Any]
        return object.map { Array($0.keys) } ?? []
    }

    func logIn(_ client: some TestClientProtocol, _ email: String, _ password: String) async throws -> TestResponse {
        try await client.json(.post, "/api/v1/auth/login", raw: #"{"email": "\#(email)", "password": "\#(password)"}"#)
    }

    /// A grocery with its admin, and another partner.
    static func twoPartners() async throws -> (TestKernel, Fixtures, Organisation, Organisation, (user: User, token: String)) {
        let test = try await TestKernel.make()
        let fixtures = Fixtures(test.kernel)
        let grocery = try await fixtures.organisation("Épicerie", .partnerAssociation)
        let other = try await fixtures.organisation("Autre", .partnerAssociation)
        return (test, fixtures, grocery, other, try await fixtures.logIn("admin@epicerie.test", role: .admin, in: grocery.id))
    }

    @Test func invitingAnEmailThatHasAnAccountIsAnsweredAsInvitingANewOne() async throws {
        let (test, fixtures, grocery, other, admin) = try await Self.twoPartners()
        _ = try await fixtures.user("connu@autre.test", role: .member, in: other.id)
        try await testApplication(test.kernel).test(.router) { client in
            let known = try await invite(client, "Connu@autre.test", to: grocery.id, as: .member, token: admin.token)
            let unknown = try await invite(client, "nouveau@nulle-part.test", to: grocery.id, as: .member, token: admin.token)
            #expect(known.status == .accepted, "\(known.text)")
            #expect(unknown.status == .accepted, "\(unknown.text)")
            let (first, second) = (try known.decode(Receipt.self), try unknown.decode(Receipt.self))
            #expect(
                first.message.replacingOccurrences(of: first.email, with: "…")
                    == second.message.replacingOccurrences(of: second.email, with: "…"))
            #expect(Set(try keys(known)) == Set(try keys(unknown)))
            #expect(first.invitations.map(\.role) == [.member] && second.invitations.map(\.role) == [.member])
            let pending = try await client.json(.get, "/api/v1/invitations?organisationId=\(grocery.id)", token: admin.token)
            #expect(Set(try pending.decode([Accounts.Invitation].self).map(\.email)) == ["connu@autre.test", "nouveau@nulle-part.test"])
            // Nobody joined yet: the organisation's users are its admin alone.
            let users = try await client.json(.get, "/api/v1/users?organisationId=\(grocery.id)", token: admin.token).decode([User].self)
            #expect(users.map(\.email) == ["admin@epicerie.test"])
        }
    }

    @Test func anInvitedPersonJoinsWithTheInvitedRoleOnlyWhenTheyAccept() async throws {
        let (test, fixtures, grocery, other, admin) = try await Self.twoPartners()
        _ = try await fixtures.user("connu@autre.test", role: .member, in: other.id)
        try await testApplication(test.kernel).test(.router) { client in
            _ = try await invite(client, "connu@autre.test", to: grocery.id, as: .coordinator, token: admin.token)
            _ = try await invite(client, "nouveau@nulle-part.test", to: grocery.id, as: .member, token: admin.token)
            // The admin's password opens the new account only; the known one keeps its own.
            #expect(try await logIn(client, "connu@autre.test", "un mot de passe assez long").status == .unauthorized)
            let newcomer = try await logIn(client, "nouveau@nulle-part.test", "un mot de passe assez long")
            #expect(newcomer.status == .ok, "\(newcomer.text)")
            let token = try newcomer.decode(AccountsAPITests.Token.self).token
            #expect(try await client.json(.get, "/api/v1/foodaid/partners/\(grocery.id)/profile", token: token).status != .ok)
            let waiting = try await client.json(.get, "/api/v1/me/invitations", token: token).decode([Accounts.Invitation].self)
            #expect(waiting.map(\.organisationId) == [grocery.id])
            let known = try await client.json(
                .post, "/api/v1/auth/login", raw: #"{"email": "connu@autre.test", "password": "\#(Fixtures.password)"}"#
            ).decode(AccountsAPITests.Token.self).token
            // Another person cannot use the newcomer's invitation.
            #expect(try await client.json(.post, "/api/v1/me/invitations/\(waiting[0].id)/accept", token: known).status == .notFound)
            let joined = try await client.json(.post, "/api/v1/me/invitations/\(waiting[0].id)/accept", token: token)
            #expect(joined.status == .ok, "\(joined.text)")
            #expect(try joined.decode(User.self).memberships == [.init(organisationId: grocery.id, role: .member)])
            #expect(try await client.json(.get, "/api/v1/me/invitations", token: token).decode([Accounts.Invitation].self).isEmpty)
            let knownWaiting = try await client.json(.get, "/api/v1/me/invitations", token: known).decode([Accounts.Invitation].self)
            let both = try await client.json(.post, "/api/v1/me/invitations/\(knownWaiting[0].id)/accept", token: known)
            #expect(
                Set(try both.decode(User.self).memberships) == [
                    .init(organisationId: other.id, role: .member), .init(organisationId: grocery.id, role: .coordinator),
                ])
            let users = try await client.json(.get, "/api/v1/users?organisationId=\(grocery.id)", token: admin.token).decode([User].self)
            #expect(Set(users.map(\.email)) == ["admin@epicerie.test", "connu@autre.test", "nouveau@nulle-part.test"])
        }
    }

    @Test func anInvitationIsDeclinedByItsPersonOrWithdrawnByItsAdminsOnly() async throws {
        let (test, fixtures, grocery, other, admin) = try await Self.twoPartners()
        let outsider = try await fixtures.logIn("admin@autre.test", role: .admin, in: other.id)
        let person = try await fixtures.logIn("connu@autre.test", role: .member, in: other.id)
        try await testApplication(test.kernel).test(.router) { client in
            #expect(try await invite(client, "x@y.test", to: grocery.id, as: .member, token: outsider.token).status == .forbidden)
            let first = try await invite(client, "connu@autre.test", to: grocery.id, as: .member, token: admin.token).decode(Receipt.self)
            #expect(
                try await client.json(.post, "/api/v1/me/invitations/\(first.invitations[0].id)/decline", token: person.token).status == .ok
            )
            #expect(
                try await client.json(.post, "/api/v1/me/invitations/\(first.invitations[0].id)/accept", token: person.token).status
                    == .notFound)
            let second = try await invite(client, "connu@autre.test", to: grocery.id, as: .member, token: admin.token).decode(Receipt.self)
            let id = second.invitations[0].id
            #expect(try await client.json(.delete, "/api/v1/invitations/\(id)", token: outsider.token).status == .notFound)
            #expect(
                try await client.json(.get, "/api/v1/invitations?organisationId=\(grocery.id)", token: outsider.token).status == .forbidden)
            #expect(try await client.json(.delete, "/api/v1/invitations/\(id)", token: admin.token).status == .ok)
            #expect(try await client.json(.post, "/api/v1/me/invitations/\(id)/accept", token: person.token).status == .notFound)
        }
    }
}
