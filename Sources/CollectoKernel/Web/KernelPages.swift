import Foundation
import Hummingbird

/// The kernel's own pages: the log-in at the site's root, log-out, and one's
/// account (language, password). They call the same use cases as `/api/v1/auth`
/// and `/api/v1/me`, so the throttle, the audit and the password rules are the same.
struct KernelPages: Sendable {
    let kernel: Kernel

    var sessions: SessionUseCases { SessionUseCases(identity: kernel.identity, units: kernel.units) }
    var accounts: Accounts { Accounts(identity: kernel.identity, units: kernel.units) }

    /// The kernel's menu entries, beside the modules'.
    static let menu = [
        MenuEntry(label: "menu_rounds", path: "/rounds", order: 48) { $0.managesEverything },
        MenuEntry(label: "menu_vehicles", path: "/vehicles", order: 49) { $0.managesEverything },
        MenuEntry(label: "menu_balance", path: "/balance", order: 50) { $0.seesEverything },
        MenuEntry(label: "menu_organisations", path: "/organisations", order: 60) { $0.seesEverything },
        MenuEntry(label: "menu_users", path: "/users", order: 900) { caller in caller.roles.values.contains(.admin) },
        MenuEntry(label: "menu_sites", path: "/sites", order: 905) { SitePages.managesSites($0) },
    ]

    /// Every page the kernel serves.
    var all: [WebPages] {
        [
            pages,
            BalancePage(
                balance: ReadMassBalance(
                    units: kernel.units, contributors: kernel.registry.balanceContributors, timeZone: kernel.settings.timeZone),
                clock: kernel.clock, timeZone: kernel.settings.timeZone
            ).pages,
            RoundPages(
                rounds: RoundUseCases(units: kernel.units, rounds: kernel.rounds, catalogue: kernel.tasks.catalogue),
                tasks: TaskUseCases(units: kernel.units, tasks: kernel.tasks),
                vehicles: VehicleUseCases(units: kernel.units, rounds: kernel.rounds),
                sites: SiteUseCases(units: kernel.units), clock: kernel.clock, timeZone: kernel.settings.timeZone
            ).pages,
            VehiclePages(
                vehicles: VehicleUseCases(units: kernel.units, rounds: kernel.rounds), clock: kernel.clock,
                timeZone: kernel.settings.timeZone
            ).pages,
            SitePages(sites: SiteUseCases(units: kernel.units), organisations: OrganisationUseCases(units: kernel.units)).pages,
            UserPages(accounts: accounts, organisations: OrganisationUseCases(units: kernel.units)).pages,
            OrganisationPages(
                organisations: OrganisationUseCases(units: kernel.units),
                onboarding: PartnerOnboarding(identity: kernel.identity, units: kernel.units)
            ).pages,
        ]
    }

    var pages: WebPages {
        let pages = WebPages()
        let kernel = self.kernel
        let sessions = self.sessions
        let accounts = self.accounts
        pages.publicPage(.get, "/") { request in
            if let caller = try? request.caller { return .redirect(kernel.web.home(for: caller)) }
            let demo = (try? await KernelDemoData(kernel: kernel).isLoaded()) ?? false
            return LogInPage.show(request, next: request.query("next"), demo: demo, secure: kernel.web.secureCookies)
        }
        pages.publicPage(.post, "/login") { request in
            let form = try request.form(LogInPage.Form.self)
            let demo = (try? await KernelDemoData(kernel: kernel).isLoaded()) ?? false
            guard
                WebSession.logInAccepted(
                    field: form.loginToken, cookie: request.request.cookies[WebSession.logInCookieName]?.value)
            else {
                return LogInPage.show(
                    request, next: form.next, email: form.email, error: request.texts("login_expired"), demo: demo,
                    secure: kernel.web.secureCookies, status: .forbidden)
            }
            do {
                let session = try await sessions.logIn(
                    email: form.email ?? "", password: form.password ?? "",
                    from: request.context.clientAddress(of: request.request, trusting: kernel.settings.trustedProxies))
                let caller = try await kernel.identity.authenticate(BearerToken(value: session.token))
                var response = Response(
                    status: .seeOther, headers: [.location: LogInPage.safeNext(form.next) ?? kernel.web.home(for: caller)])
                response.setCookie(WebSession.cookie(session, secure: kernel.web.secureCookies, now: kernel.clock.now()))
                return .response(response)
            } catch let error as any DomainError {
                return LogInPage.show(
                    request, next: form.next, email: form.email, error: request.say(error), demo: demo, secure: kernel.web.secureCookies,
                    status: APIError(error).status)
            }
        }
        pages.post("/logout") { request in
            try await sessions.logOut(request.context.bearerToken, by: try request.caller)
            var response = Response(status: .seeOther, headers: [.location: "/?notice=logged_out"])
            response.setCookie(WebSession.clearing(secure: kernel.web.secureCookies))
            return .response(response)
        }
        pages.get("/account") { request in
            let caller = try request.caller
            let me = try await sessions.me(by: caller)
            return AccountPage.show(request, me: me, invitations: try await accounts.ownInvitationsNamed(by: caller))
        }
        pages.post("/account/invitations/:id/accept") { request in
            _ = try await accounts.accept(try request.uuid("id"), by: try request.caller)
            return .redirect("/account", notice: "invitation_accepted")
        }
        pages.post("/account/invitations/:id/decline") { request in
            try await accounts.decline(try request.uuid("id"), by: try request.caller)
            return .redirect("/account", notice: "invitation_declined")
        }
        pages.post("/account/acting") { request in
            let form = try request.form(AccountPage.ActingForm.self)
            let caller = try request.caller
            guard let organisation = form.organisation.flatMap(UUID.init(uuidString:)),
                caller.kind(of: organisation).map(caller.kindsWithSeveral.contains) == true
            else { throw KernelError.invalid(field: "organisation", message: "choose one of your organisations") }
            var response = Response(
                status: .seeOther,
                headers: [.location: kernel.web.home(for: caller.acting(for: organisation)) + "?notice=acting_changed"])
            response.setCookie(WebSession.actingCookie(organisation, secure: kernel.web.secureCookies))
            return .response(response)
        }
        pages.post("/account/language") { request in
            let form = try request.form(AccountPage.LanguageForm.self)
            try await sessions.setLanguage(form.language ?? "", by: try request.caller)
            return .redirect("/account", notice: "language_saved")
        }
        pages.post("/account/password") { request in
            let form = try request.form(AccountPage.PasswordForm.self)
            let caller = try request.caller
            do {
                try await accounts.changeOwnPassword(
                    current: form.current ?? "", new: form.new ?? "", by: caller, keeping: request.context.bearerToken)
                return .redirect("/account", notice: "password_changed")
            } catch let error as any DomainError {
                let me = try await sessions.me(by: caller)
                return AccountPage.show(
                    request, me: me, invitations: try await accounts.ownInvitationsNamed(by: caller), passwordError: request.say(error),
                    field: error.field, status: APIError(error).status)
            }
        }
        return pages
    }
}

/// The log-in page, the site's root.
enum LogInPage {
    struct Form: Decodable {
        var email: String?
        var password: String?
        var next: String?
        /// The form's token, the same as the log-in cookie's.
        var loginToken: String?
    }

    struct Model: Sendable {
        struct DemoAccount: Sendable {
            let email: String
            let summary: String
        }
        let email: String
        let next: String
        let error: String?
        /// The demo's accounts, shown only on a database that holds the demo.
        let demo: [DemoAccount]
        let hasDemo: Bool
        let demoPassword: String
        let loginToken: String
    }

    /// The log-in form, with its token in a hidden field and in a cookie (the browser's own, kept when it has one).
    static func show(
        _ request: WebRequest, next: String?, email: String? = nil, error: String? = nil, demo: Bool = false, secure: Bool,
        status: HTTPResponse.Status = .ok
    ) -> WebAnswer {
        let accounts = demo ? DemoLogIn.all.map { Model.DemoAccount(email: $0.email, summary: $0.summary) } : []
        let held = request.request.cookies[WebSession.logInCookieName]?.value
        let token = WebSession.isLogInToken(held) ? held ?? WebSession.newLogInToken() : WebSession.newLogInToken()
        return .page(
            "login", title: request.texts("login_title"),
            model: Model(
                email: email ?? "", next: safeNext(next) ?? "", error: error, demo: accounts, hasDemo: !accounts.isEmpty,
                demoPassword: DemoNetwork.password, loginToken: token),
            status: status
        ).setting(WebSession.logInCookie(token, secure: secure))
    }

    /// A page of this site to go to after logging in; never another site's address.
    static func safeNext(_ next: String?) -> String? {
        guard let next, next.hasPrefix("/"), !next.hasPrefix("//"), !next.contains("\\"), next != "/" else { return nil }
        return next
    }
}

/// One's account: language and password.
enum AccountPage {
    struct LanguageForm: Decodable { var language: String? }
    struct ActingForm: Decodable { var organisation: String? }
    struct PasswordForm: Decodable {
        var current: String?
        var new: String?
    }

    struct Model: Sendable {
        struct Choice: Sendable {
            let code: String
            let name: String
            let selected: Bool
        }
        struct Membership: Sendable {
            let role: String
        }
        struct PendingInvitation: Sendable {
            let organisation: String
            let role: String
            let acceptPath: String
            let declinePath: String
            let idempotency: String
            let declineIdempotency: String
        }
        let name: String
        let email: String
        let invitations: [PendingInvitation]
        let languages: [Choice]
        let passwordError: String?
        let currentError: Bool
        let newError: Bool
        let idempotency: String
    }

    static func show(
        _ request: WebRequest, me: SessionUseCases.Me, invitations: [(invitation: Accounts.Invitation, organisation: String)] = [],
        passwordError: String? = nil, field: String? = nil,
        status: HTTPResponse.Status = .ok
    ) -> WebAnswer {
        let languages = WebLanguage.allCases.map {
            Model.Choice(code: $0.rawValue, name: request.texts("language_" + $0.rawValue), selected: $0 == request.texts.language)
        }
        return .page(
            "account", title: request.texts("account_title"),
            model: Model(
                name: me.user.displayName, email: me.user.email,
                invitations: invitations.map {
                    let base = "/account/invitations/\($0.invitation.id.uuidString.lowercased())"
                    return Model.PendingInvitation(
                        organisation: $0.organisation, role: request.texts("role_" + $0.invitation.role.rawValue),
                        acceptPath: base + "/accept", declinePath: base + "/decline", idempotency: request.idempotencyKey(),
                        declineIdempotency: request.idempotencyKey())
                },
                languages: languages, passwordError: passwordError,
                currentError: passwordError != nil && field != "newPassword", newError: field == "newPassword",
                idempotency: request.idempotencyKey()),
            status: status)
    }
}
