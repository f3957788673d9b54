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
}
