import CollectoKernel
import CollectoTestSupport
import Foundation
import HTTPTypes
import Hummingbird
import HummingbirdTesting
import Testing

/// An organisation's admin manages its people from one page: invites (errors beside their field), changes a role,
/// disables an account, which ends its sessions; another organisation's admin and a volunteer cannot.
@Suite struct UserPagesTests {
    @Test func anAdminInvitesChangesARoleAndDisablesAnAccountOfTheirOwnOrganisationOnly() async throws {
        let test = try await TestKernel.make(modules: [])
        let fixtures = Fixtures(test.kernel)
        _ = try await fixtures.organisation("Banque", .foodBank)
        let grocery = try await fixtures.organisation("Épicerie", .partnerAssociation)
        let other = try await fixtures.organisation("Autre", .partnerAssociation)
        let admin = try await fixtures.logIn("admin@epicerie.test", role: .admin, in: grocery.id)
        let volunteer = try await fixtures.logIn("benevole@epicerie.test", role: .member, in: grocery.id)
        let otherAdmin = try await fixtures.logIn("admin@autre.test", role: .admin, in: other.id)
        try await withAPI(test.kernel) { client in
            let page = try await client.page("/users", session: admin.token)
            #expect(page.status == .ok)
            #expect(page.text.contains("benevole@epicerie.test"))

            let bad = try await client.submit(
                "/users/invite", session: admin.token,
                fields: [("displayName", "Nora"), ("email", "pas-un-email"), ("role", "member"), ("password", "longue-phrase-1")])
            #expect(bad.status == .unprocessableContent)
            #expect(bad.text.contains("id=\"email-error\""))
            #expect(bad.text.contains("value=\"Nora\""), "what was typed is kept")
            let invited = try await client.submit(
                "/users/invite", session: admin.token,
                fields: [
                    ("displayName", "Nora"), ("email", "nora@epicerie.test"), ("role", "coordinator"), ("password", "longue-phrase-1"),
                ],
                idempotency: "invite")
            #expect(invited.status == .seeOther)
            #expect(try await client.page("/users", session: admin.token).text.contains("nora@epicerie.test"))

            let id = volunteer.user.id.uuidString.lowercased()
            let organisation = grocery.id.uuidString.lowercased()
            let promoted = try await client.submit(
                "/users/\(id)/role", session: admin.token, fields: [("organisation", organisation), ("role", "coordinator")])
            #expect(promoted.status == .seeOther)
            let disabled = try await client.submit(
                "/users/\(id)/disable", session: admin.token, fields: [("organisation", organisation)])
            #expect(disabled.status == .seeOther)
            #expect(try await client.page("/account", session: volunteer.token).status == .seeOther, "its session is over")

            #expect(try await client.page("/users", session: volunteer.token).status == .seeOther)
            #expect(try await client.page("/users?organisation=\(organisation)", session: otherAdmin.token).status == .forbidden)
            #expect(
                try await client.submit(
                    "/users/\(admin.user.id.uuidString.lowercased())/disable", session: otherAdmin.token,
                    fields: [("organisation", organisation)]
                ).status != .seeOther)
        }
    }

    @Test func aPartnersAdminNeitherLocksOutSomeoneTheFoodBankCountsOnNorPullsAStrangerIn() async throws {
        let test = try await TestKernel.make(modules: [])
        let fixtures = Fixtures(test.kernel)
        let bank = try await fixtures.organisation("Banque", .foodBank)
        let grocery = try await fixtures.organisation("Épicerie", .partnerAssociation)
        let admin = try await fixtures.logIn("admin@epicerie.test", role: .admin, in: grocery.id)
        // A food-bank coordinator who also volunteers at the grocery.
        let both = try await fixtures.logIn("claire@banque.test", role: .coordinator, in: bank.id)
        _ = try await Accounts(identity: test.kernel.identity, units: test.kernel.units).setRole(
            both.user.id, organisation: grocery.id, role: .member,
            by: try await test.kernel.identity.authenticate(
                BearerToken(
                    value: try await fixtures.logIn(
                        "root@banque.test", role: .admin, in: bank.id
                    ).token)))
        let stranger = try await fixtures.logIn("autre@ailleurs.test", role: .member, in: bank.id)
        try await withAPI(test.kernel) { client in
            let organisation = grocery.id.uuidString.lowercased()
            let lockOut = try await client.submit(
                "/users/\(both.user.id.uuidString.lowercased())/disable", session: admin.token, fields: [("organisation", organisation)])
            #expect(lockOut.status == .forbidden, "the food bank counts on this person too")
            #expect(try await client.page("/account", session: both.token).status == .ok, "still logged in")
            let pulled = try await client.submit(
                "/users/\(stranger.user.id.uuidString.lowercased())/role", session: admin.token,
                fields: [("organisation", organisation), ("role", "member")])
            #expect(pulled.status == .notFound, "someone joins only by accepting an invitation")
            let own = try await client.submit(
                "/users/\(admin.user.id.uuidString.lowercased())/role", session: admin.token,
                fields: [("organisation", organisation), ("role", "member")])
            #expect(own.status == .conflict, "an admin does not demote themselves")
        }
    }
}
