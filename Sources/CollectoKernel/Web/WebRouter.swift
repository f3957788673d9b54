import Foundation
import HTTPTypes
import Hummingbird
import Logging

/// Mounts the web interface's pages on the router and runs each request the
/// same way: the session cookie resolves the caller; a page that needs a log-in
/// sends an anonymous visitor to the log-in page; a form must carry its CSRF
/// token (403 without) and runs once per idempotency key; a refusal of a use
/// case becomes a page that says it in the page's language.
struct WebRouter: Sendable {
    let kernel: Kernel
    let web: WebInterface

    static let formLimit = 1024 * 1024

    func mount(on router: Router<AppRequestContext>) {
        let group = router.group()
        group.add(middleware: WebSessionMiddleware(identity: kernel.identity))
        for pages in KernelPages(kernel: kernel).all + web.pages {
            for route in pages.routes {
                group.on(RouterPath(route.path), method: route.method) { request, context in
                    try await answer(route, request: request, context: context)
                }
            }
        }
        group.get("/assets/:file") { _, context in try Self.asset(context.parameters.get("file") ?? "") }
    }

    /// The texts of the caller's language: their stored choice, then the browser's.
    func texts(for caller: Caller?, request: Request) async -> Texts {
        var stored: String?
        if let caller { stored = try? await SessionUseCases(identity: kernel.identity, units: kernel.units).language(of: caller) }
        let language = WebLanguage.chosen(
            stored: stored ?? request.uri.queryParameters.get("lang"),
            acceptLanguage: request.headers[.acceptLanguage])
        return web.catalogue.texts(language, timeZone: web.timeZone)
    }

    func answer(_ route: WebPages.Route, request: Request, context: AppRequestContext) async throws -> Response {
        let caller = context.caller
        let texts = await texts(for: caller, request: request)
        let csrf = context.bearerToken.map(WebSession.csrfToken(for:)) ?? ""
        guard route.isPublic || caller != nil else {
            let next = request.method == .get ? request.uri.path : "/"
            return Self.redirect("/?next=" + (next.addingPercentEncoding(withAllowedCharacters: .alphanumerics) ?? "/"))
        }
        var request = request
        var body = ""
        if request.method == .post {
            let buffer = try await request.collectBody(upTo: Self.formLimit)
            body = String(buffer: buffer)
        }
        let guardFields = (try? URLEncodedFormDecoder().decode(FormGuard.self, from: body)) ?? FormGuard()
        let webRequest = WebRequest(request: request, context: context, signedIn: caller, texts: texts, csrf: csrf, formBody: body)
        let run: @Sendable (Request, AppRequestContext) async throws -> Response = { request, context in
            try await self.run(route, webRequest, path: request.uri.path)
        }
        guard request.method == .post, !route.isPublic, let token = context.bearerToken else {
            return try await run(request, context)
        }
        guard WebSession.accepts(guardFields.csrf, for: token) else {
            return try errorPage(
                status: .forbidden, message: texts("error_csrf"), texts: texts, caller: caller, csrf: csrf, path: request.uri.path)
        }
        guard let key = guardFields.idempotency, !key.isEmpty else { return try await run(request, context) }
        let once = IdempotencyMiddleware<AppRequestContext>(database: kernel.units.database, clock: kernel.clock, caller: { $0.caller })
        return try await once.handle(request, key: key, context: context, next: run)
    }

    private func run(_ route: WebPages.Route, _ request: WebRequest, path: String) async throws -> Response {
        let caller = request.signedIn
        do {
            let answer = try await route.handler(request)
            switch answer.kind {
            case .redirect(let location):
                return Self.redirect(location)
            case .response(let response):
                return response
            case .page(let template, let title, let model):
                let html = try web.render(
                    template: template, title: title, model: model, texts: request.texts, caller: caller, csrf: request.csrf,
                    path: path, notice: request.query("notice"), acting: await actingChoices(for: caller))
                var response = Self.html(html, status: answer.status)
                for cookie in answer.cookies { response.setCookie(cookie) }
                return response
            }
        } catch let error as any DomainError {
            let status = APIError(error).status
            if status == .unauthorized { return Self.redirect("/") }
            return try errorPage(
                status: status, message: request.say(error), texts: request.texts, caller: caller, csrf: request.csrf, path: path)
        }
    }

    /// The organisations a person who belongs to several of one kind may act for, for the layout's chooser; none otherwise.
    func actingChoices(for caller: Caller?) async -> [WebChoice] {
        guard let caller else { return [] }
        let kinds = caller.kindsWithSeveral
        guard !kinds.isEmpty else { return [] }
        let choosable = caller.roles.keys.filter { organisation in
            !caller.operatorOrganisations.contains(organisation) && caller.kind(of: organisation).map(kinds.contains) == true
        }
        let names = (try? await OrganisationUseCases(units: kernel.units).names(of: choosable, by: caller)) ?? [:]
        // One choice is selected: the one acted for, else the one the pages act for by default (partners first).
        let order: [OrganisationKind] = [.partnerAssociation, .donor, .supplier]
        let kindsInOrder = order.filter(kinds.contains) + kinds.filter { !order.contains($0) }.sorted { $0.rawValue < $1.rawValue }
        let current =
            caller.actingOrganisation ?? kindsInOrder.lazy.compactMap { caller.organisations(ofKind: $0).first?.organisation }.first
        return choosable.map { organisation in
            WebChoice(
                value: organisation.uuidString.lowercased(), label: names[organisation] ?? organisation.uuidString.lowercased(),
                selected: organisation == current)
        }.sorted { $0.label.localizedStandardCompare($1.label) == .orderedAscending }
    }

    func errorPage(
        status: HTTPResponse.Status, message: String, texts: Texts, caller: Caller?, csrf: String, path: String
    ) throws -> Response {
        let heading = texts.has("error_status_\(status.code)") ? texts("error_status_\(status.code)") : texts("error_status_other")
        let html = try web.render(
            template: "error", title: heading, model: ErrorPage(heading: heading, message: message), texts: texts, caller: caller,
            csrf: csrf, path: path, notice: nil)
        return Self.html(html, status: status)
    }

    static func html(_ html: String, status: HTTPResponse.Status) -> Response {
        Response(
            status: status, headers: [.contentType: "text/html; charset=utf-8"], body: .init(byteBuffer: ByteBuffer(string: html)))
    }

    static func redirect(_ location: String) -> Response {
        Response(status: .seeOther, headers: [.location: location])
    }

    /// A stylesheet or script of the kernel's `assets/` folder.
    static func asset(_ name: String) throws -> Response {
        let types = ["css": "text/css; charset=utf-8", "js": "text/javascript; charset=utf-8", "svg": "image/svg+xml"]
        let file = WebInterface.kernelResources.appendingPathComponent("assets").appendingPathComponent(name)
        guard !name.contains("/"), !name.hasPrefix("."), let type = types[file.pathExtension],
            let data = try? Data(contentsOf: file)
        else { throw KernelError.notFound(entity: "asset", id: name) }
        return Response(
            status: .ok, headers: [.contentType: type, .cacheControl: "public, max-age=3600"],
            body: .init(byteBuffer: ByteBuffer(bytes: data)))
    }
}

/// The fields every form carries besides its own.
struct FormGuard: Decodable, Sendable {
    var csrf: String?
    var idempotency: String?
}

/// The view model of the page that says why something was refused.
struct ErrorPage: Sendable {
    let heading: String
    let message: String
}
