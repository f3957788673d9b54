import CollectoKernel
import CollectoTestSupport
import Foundation
import HTTPTypes
import Hummingbird
import HummingbirdTesting
import Testing

/// The log-in at the site's root, the session cookie, log-out, the account page, and the rules every form obeys.
@Suite struct KernelPagesTests {
    struct World {
        let test: TestKernel
        let email = "claire@banque.test"
    }

    func world() async throws -> World {
        let test = try await TestKernel.make(modules: [])
        let fixtures = Fixtures(test.kernel)
        let bank = try await fixtures.organisation("Banque", .foodBank)
        _ = try await fixtures.user("claire@banque.test", role: .coordinator, in: bank.id)
        return World(test: test)
    }

    @Test func theRootShowsTheLogInPageInFrenchUnlessTheBrowserAsksForEnglish() async throws {
        let world = try await world()
        try await withAPI(world.test.kernel) { client in
            let french = try await client.page("/")
            #expect(french.status == .ok)
            #expect(french.headers[.contentType]?.hasPrefix("text/html") == true)
            #expect(french.text.contains("<html lang=\"fr\">"))
            #expect(french.text.contains("Se connecter"))
            #expect(french.headers[.contentSecurityPolicy]?.contains("default-src 'none'") == true)
            let english = try await client.page("/", language: "en-GB,en;q=0.9")
            #expect(english.text.contains("<html lang=\"en\">"))
            #expect(english.text.contains("Log in"))
        }
    }

    @Test func aRightPasswordSetsAnHttpOnlySameSiteCookieAndAWrongOneSaysSoBesideTheForm() async throws {
        let world = try await world()
        try await withAPI(world.test.kernel) { client in
            let wrong = try await client.logInThroughThePage([("email", world.email), ("password", "not the password")])
            #expect(wrong.status == .unauthorized)
            #expect(wrong.text.contains("Adresse e-mail ou mot de passe incorrect."))
            #expect(wrong.text.contains("value=\"\(world.email)\""), "what was typed is kept")
            #expect(wrong.sessionCookie == nil)
            // Log-in CSRF: a post without the form's token, or with a token the browser's cookie does not hold, logs nobody in.
            let forged = try await client.submit(
                "/login", session: nil, fields: [("email", world.email), ("password", Fixtures.password)], csrf: false)
            #expect(forged.status == .forbidden)
            #expect(forged.sessionCookie == nil)
            #expect(forged.text.contains("Le formulaire de connexion a expiré"))
            let guessed = try await client.submit(
                "/login", session: nil,
                fields: [("email", world.email), ("password", Fixtures.password), ("loginToken", String(repeating: "a", count: 64))],
                csrf: false)
            #expect(guessed.status == .forbidden)
            let right = try await client.logInThroughThePage([("email", world.email), ("password", Fixtures.password)])
            #expect(right.status == .seeOther)
            let cookie = right.headers[values: .setCookie].first { $0.hasPrefix("collectod_session=") } ?? ""
            #expect(cookie.contains("HttpOnly"))
            #expect(cookie.contains("SameSite=Lax"))
            #expect(!cookie.contains("Secure"), "no TLS in this configuration")
            let session = try #require(right.sessionCookie)
            // Logged in, the root sends to the home page: with no module enabled, the staff's first is the kernel's rounds of the day.
            #expect(try await client.page("/", session: session).location == "/rounds")
            #expect(try await client.page("/account", session: session).status == .ok)
        }
    }

    @Test func aPageThatNeedsALogInSendsAnAnonymousVisitorToTheLogInAndBack() async throws {
        let world = try await world()
        try await withAPI(world.test.kernel) { client in
            let anonymous = try await client.page("/account")
            #expect(anonymous.status == .seeOther)
            #expect(anonymous.location == "/?next=%2Faccount")
            let back = try await client.logInThroughThePage([("email", world.email), ("password", Fixtures.password), ("next", "/account")])
            #expect(back.location == "/account")
            let elsewhere = try await client.logInThroughThePage([
                ("email", world.email), ("password", Fixtures.password), ("next", "//evil.example/"),
            ])
            #expect(elsewhere.location == "/rounds", "never to another site: the caller's home instead")
        }
    }

    @Test func aFormWithoutItsCSRFTokenIsRefusedAndChangesNothing() async throws {
        let world = try await world()
        let session = try await world.test.kernel.identity.logIn(email: world.email, password: Fixtures.password).token
        try await withAPI(world.test.kernel) { client in
            let forged = try await client.submit("/account/language", session: session, fields: [("language", "en")], csrf: false)
            #expect(forged.status == .forbidden)
            #expect(forged.text.contains("Ce formulaire a expiré"))
            let wrong = try await client.submit(
                "/account/language", session: session, fields: [("language", "en"), ("csrf", String(repeating: "0", count: 64))],
                csrf: false)
            #expect(wrong.status == .forbidden)
            #expect(try await client.page("/account", session: session).text.contains("<html lang=\"fr\">"))
            let real = try await client.submit("/account/language", session: session, fields: [("language", "en")])
            #expect(real.status == .seeOther)
            #expect(real.location == "/account?notice=language_saved")
            let english = try await client.page("/account?notice=language_saved", session: session)
            #expect(english.text.contains("<html lang=\"en\">"), "the choice is stored on the user")
            #expect(english.text.contains("The language is saved."))
        }
    }

    @Test func loggingOutEndsTheTokenAndClearsTheCookie() async throws {
        let world = try await world()
        let session = try await world.test.kernel.identity.logIn(email: world.email, password: Fixtures.password).token
        try await withAPI(world.test.kernel) { client in
            let out = try await client.submit("/logout", session: session, fields: [])
            #expect(out.status == .seeOther)
            #expect(out.headers[values: .setCookie].contains { $0.hasPrefix("collectod_session=;") && $0.contains("Max-Age=0") })
            #expect(try await client.page("/account", session: session).status == .seeOther, "the old cookie no longer logs in")
            #expect(try await client.json(.get, "/api/v1/me", token: session).status == .unauthorized)
        }
    }

    @Test func aWrongCurrentPasswordIsSaidBesideItsField() async throws {
        let world = try await world()
        let session = try await world.test.kernel.identity.logIn(email: world.email, password: Fixtures.password).token
        try await withAPI(world.test.kernel) { client in
            let wrong = try await client.submit(
                "/account/password", session: session, fields: [("current", "nope"), ("new", "a long new password")],
                idempotency: UUID().uuidString)
            #expect(wrong.status == .unprocessableContent)
            #expect(wrong.text.contains("id=\"password-error\">Le mot de passe actuel n’est pas le bon."))
            let short = try await client.submit(
                "/account/password", session: session, fields: [("current", Fixtures.password), ("new", "short")],
                idempotency: UUID().uuidString)
            #expect(short.text.contains("Un mot de passe doit contenir au moins 10 caractères."))
        }
    }

    @Test func anAssetIsServedAndNothingOutsideTheAssetsFolder() async throws {
        let world = try await world()
        try await withAPI(world.test.kernel) { client in
            let css = try await client.page("/assets/collectod.css")
            #expect(css.status == .ok)
            #expect(css.headers[.contentType]?.hasPrefix("text/css") == true)
            #expect(try await client.page("/assets/..%2Ftemplates%2Flayout.mustache").status == .notFound)
            #expect(try await client.page("/assets/missing.css").status == .notFound)
        }
    }
}
