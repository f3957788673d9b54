import CollectoKernel
import CollectoTestSupport
import Foundation
import HTTPTypes
import Hummingbird
import HummingbirdTesting
import Testing

/// A person who belongs to two partner associations chooses, in the layout, which one they act for; the browser
/// remembers it in a cookie; a cookie naming an organisation they do not belong to changes nothing; a person with
/// one association sees no chooser.
@Suite struct ActingOrganisationTests {
    @Test func aPersonInTwoAssociationsChoosesWhichOneTheyActFor() async throws {
        let test = try await TestKernel.make(modules: [])
        let fixtures = Fixtures(test.kernel)
        let first = try await fixtures.organisation("Épicerie des Lices", .partnerAssociation)
        let second = try await fixtures.organisation("Restos de Cleunay", .partnerAssociation)
        let stranger = try await fixtures.organisation("Secours de Maurepas", .partnerAssociation)
        let both = try await fixtures.logIn(
            "benevole@deux.test",
            memberships: [.init(organisationId: first.id, role: .member), .init(organisationId: second.id, role: .admin)])
        let single = try await fixtures.logIn("benevole@une.test", role: .member, in: first.id)
        try await withAPI(test.kernel) { client in
            let account = try await client.page("/account", session: both.token)
            #expect(account.text.contains("action=\"/account/acting\""))
            #expect(account.text.contains("Épicerie des Lices"))
            #expect(account.text.contains("Restos de Cleunay"))
            #expect(!account.text.contains("Secours de Maurepas"))
            #expect(
                !(try await client.page("/account", session: single.token).text.contains("/account/acting")), "one association, no choice")

            let chosen = try await client.submit(
                "/account/acting", session: both.token, fields: [("organisation", second.id.uuidString.lowercased())])
            #expect(chosen.status == .seeOther)
            #expect(chosen.location?.hasSuffix("?notice=acting_changed") == true)
            let cookie = try #require(chosen.headers[.setCookie])
            #expect(cookie.contains("collectod_acting=\(second.id.uuidString.lowercased())"))
            #expect(cookie.contains("HttpOnly"))
            let acting = try await client.page("/account", session: both.token, acting: second.id)
            #expect(acting.text.contains("<option value=\"\(second.id.uuidString.lowercased())\" selected>Restos de Cleunay"))

            let notTheirs = try await client.submit(
                "/account/acting", session: both.token, fields: [("organisation", stranger.id.uuidString.lowercased())])
            #expect(notTheirs.status == .unprocessableContent)
            #expect(notTheirs.headers[.setCookie] == nil)
            let forged = try await client.page("/account", session: both.token, acting: stranger.id)
            #expect(forged.status == .ok)
            #expect(forged.text.components(separatedBy: " selected>").count == 2, "one of their own is selected, not the stranger")
            #expect(!forged.text.contains("value=\"\(stranger.id.uuidString.lowercased())\""), "a forged cookie grants nothing")
        }
    }

    @Test func aCallerActingForAnOrganisationNotTheirsIsUnchanged() {
        let mine = UUID()
        let theirs = UUID()
        let caller = Caller(
            userID: UUID(), email: "a@b.test", roles: [mine: .member], operatorOrganisations: [],
            organisationKinds: [mine: .partnerAssociation])
        #expect(caller.acting(for: theirs).actingOrganisation == nil)
        #expect(caller.acting(for: mine).organisations(ofKind: .partnerAssociation).map(\.organisation) == [mine])
    }
}
