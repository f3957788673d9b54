import Foundation
import HTTPTypes
import Hummingbird

/// The web interface: the kernel's pages (log-in, account) and the enabled
/// modules' pages and menu entries, their templates and texts, loaded and
/// checked when the kernel is built. It knows no module: each brings its own
/// through ``ModuleRegistrar/pages(_:)``, ``ModuleRegistrar/menu(_:)`` and
/// ``ModuleRegistrar/webResources(_:)``.
public struct WebInterface: Sendable {
    public let templates: WebTemplates
    public let catalogue: TextCatalogue
    /// Every menu entry, in order.
    public let menu: [MenuEntry]
    let pages: [WebPages]
    let timeZone: TimeZone
    /// Cookies carry `Secure` (the deployment serves TLS, perhaps behind a proxy).
    let secureCookies: Bool

    /// Loads the kernel's resources and `moduleResources` (each a folder holding `templates/` and `texts/`).
    /// - Throws: ``WebSetupError`` when a template or a catalogue is missing or broken.
    init(moduleResources: [URL], pages: [WebPages], menu: [MenuEntry], timeZone: TimeZone, secureCookies: Bool) throws {
        let folders = [Self.kernelResources] + moduleResources
        templates = try WebTemplates(directories: folders.map { $0.appendingPathComponent("templates") })
        catalogue = try TextCatalogue(directories: folders.map { $0.appendingPathComponent("texts") })
        self.menu = menu.sorted { $0.order < $1.order }
        self.pages = pages
        self.timeZone = timeZone
        self.secureCookies = secureCookies
        for entry in menu where !catalogue.texts(.fr, timeZone: timeZone).has(entry.label) {
            throw WebSetupError.untranslated(language: "fr", keys: [entry.label])
        }
    }

    /// The kernel's own templates, texts and assets.
    static var kernelResources: URL { resources(of: Bundle.module) }

    /// The folder of a target's copied `Web/Resources`: Foundation takes a bundle's `Resources`
    /// folder for its resource folder on Linux, so it may be the bundle's resource URL or below it.
    public static func resources(of bundle: Bundle) -> URL {
        let base = bundle.resourceURL ?? bundle.bundleURL
        let below = base.appendingPathComponent("Resources")
        return FileManager.default.fileExists(atPath: below.appendingPathComponent("templates").path) ? below : base
    }

    /// The menu entries `caller` sees.
    public func menu(for caller: Caller) -> [MenuEntry] {
        menu.filter { $0.shownTo(caller) }
    }

    /// Where `caller` lands after logging in: their first menu entry, else their account.
    public func home(for caller: Caller) -> String {
        menu(for: caller).first?.path ?? "/account"
    }

    /// The full HTML of a page: `model` in `template`, inside the layout.
    func render(
        template: String, title: String, model: any Sendable, texts: Texts, caller: Caller?, csrf: String, path: String,
        notice: String?, acting: [WebChoice] = []
    ) throws -> String {
        let links = caller.map { caller in
            menu(for: caller).map { MenuLink(label: texts($0.label), path: $0.path, current: path.hasPrefix($0.path)) }
        }
        let other: WebLanguage = texts.language == .fr ? .en : .fr
        let frame = PageFrame(
            title: title, lang: texts.language.rawValue, signedIn: caller != nil, email: caller?.email ?? "", menu: links ?? [],
            csrf: csrf, notice: notice.flatMap { texts.has("notice_" + $0) ? texts("notice_" + $0) : nil },
            otherLanguage: other.rawValue, otherLanguageName: texts("language_" + other.rawValue), path: path, acting: acting,
            hasActing: !acting.isEmpty)
        return try templates.render(RenderedPage(t: texts, frame: frame, page: model), template: template)
    }
}

/// What every page's layout shows: the title, the menu, who is logged in, the notice of what was just done.
struct PageFrame: Sendable {
    let title: String
    let lang: String
    let signedIn: Bool
    let email: String
    let menu: [MenuLink]
    let csrf: String
    let notice: String?
    let otherLanguage: String
    let otherLanguageName: String
    let path: String
    /// The organisations a person who belongs to several of one kind may act for, the one they act for selected.
    let acting: [WebChoice]
    let hasActing: Bool
}

/// One link of the menu.
struct MenuLink: Sendable {
    let label: String
    let path: String
    let current: Bool
}

/// The object a template renders: the texts as `t`, the layout's `frame`, and the page's own view model as `page`.
struct RenderedPage: Sendable {
    let t: Texts
    let frame: PageFrame
    let page: any Sendable
}
