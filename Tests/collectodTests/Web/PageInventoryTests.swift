import CollectoKernel
import CollectoTestSupport
import Foundation
import HTTPTypes
import Hummingbird
import HummingbirdTesting
import Logging
import Testing

@testable import collectod

/// Every page the menu offers, for every demo account: its own entries answer 200, everyone else's 403 or 404.
/// The demo runs on the embedded engine, where the README's demo runs.
@Suite struct PageInventoryTests {
    @Test(.enabled(if: TestDatabase.engine == .sqlite, "the demo is loaded on the embedded engine"))
    func everyMenuEntryAnswersItsRoleAndRefusesTheOthers() async throws {
        var configuration = try await AppConfiguration.load(file: nil, environment: [:])
        configuration.databasePath = try await TestDatabase.fresh().location
        configuration.kernel.bcryptCost = 4
        var logger = Logger(label: "test")
        logger.logLevel = .critical
        try await withKernel(configuration, logger: logger) { kernel in
            try await KernelDemoData(kernel: kernel).load()
            try await withAPI(kernel) { client in
                let login = try await client.page("/")
                #expect(login.text.contains(DemoLogIn.all[0].email), "the log-in page of the demo lists its accounts")
                var seen: Set<String> = []
                for account in DemoLogIn.all {
                    let logIn = try await client.logInThroughThePage([("email", account.email), ("password", DemoNetwork.password)])
                    let session = try #require(logIn.sessionCookie, "\(account.email)")
                    let caller = try await kernel.identity.authenticate(BearerToken(value: session))
                    let own = kernel.web.menu(for: caller).map(\.path)
                    #expect(logIn.location == (own.first ?? "/account"), "\(account.email) lands on their first entry")
                    for path in own + ["/account"] {
                        let page = try await client.page(path, session: session)
                        #expect(page.status == .ok, "\(account.email) \(path): \(page.status)")
                        #expect(!page.text.contains("{{"), "\(path) renders every tag")
                        seen.insert(path)
                    }
                    for entry in kernel.web.menu where !own.contains(entry.path) {
                        let page = try await client.page(entry.path, session: session)
                        #expect([.forbidden, .notFound].contains(page.status), "\(account.email) \(entry.path): \(page.status)")
                    }
                }
                #expect(seen.isSuperset(of: kernel.web.menu.map(\.path)), "every entry is someone's")
            }
        }
    }

    /// A text a template, the menu or a task kind names but no catalogue holds would render as nothing.
    @Test func everyTextATemplateOrTheMenuNamesIsInEveryCatalogue() async throws {
        let test = try await TestKernel.make(modules: InstalledModules.all)
        let web = test.kernel.web
        var used: Set<String> = Set(web.menu.map(\.label))
        // Every task kind is named on the round page, in the words its module gives.
        let kinds = test.kernel.tasks.kinds.keys.sorted() + [Kernel.manualTaskKind.id]
        used.formUnion(kinds.map { "task_kind_" + $0.replacingOccurrences(of: ".", with: "_") })
        for source in web.templates.sources.values {
            var rest = source[...]
            while let range = rest.range(of: "{{t.") {
                rest = rest[range.upperBound...]
                if let end = rest.range(of: "}}") { used.insert(String(rest[..<end.lowerBound])) }
            }
        }
        for language in WebLanguage.allCases {
            let table = web.catalogue.tables[language] ?? [:]
            let missing = used.filter { table[$0] == nil }.sorted()
            #expect(missing.isEmpty, "\(language): \(missing)")
        }
    }

    /// A page's notice of what was just done (`.redirect(…, notice: "key")`) shows only if the catalogues hold
    /// `notice_<key>`: every notice a page handler names, in the sources, is there in every language.
    @Test func everyNoticeAPageRedirectsWithIsInEveryCatalogue() async throws {
        let test = try await TestKernel.make(modules: InstalledModules.all)
        let sources = URL(fileURLWithPath: #filePath).deletingLastPathComponent().appendingPathComponent("../../../Sources")
            .standardized
        var named: Set<String> = []
        let files = FileManager.default.enumerator(at: sources, includingPropertiesForKeys: nil)
        while let file = files?.nextObject() as? URL {
            guard file.pathExtension == "swift", let text = try? String(contentsOf: file, encoding: .utf8) else { continue }
            for match in text.matches(of: /notice: (?:[^"\n]*\? )?"([a-z_]+)"(?: : "([a-z_]+)")?/) {
                named.insert(String(match.output.1))
                if let other = match.output.2 { named.insert(String(other)) }
            }
        }
        #expect(named.count > 20, "the sources were found: \(sources.path)")
        for language in WebLanguage.allCases {
            let table = test.kernel.web.catalogue.tables[language] ?? [:]
            let missing = named.filter { table["notice_" + $0] == nil }.sorted()
            #expect(missing.isEmpty, "\(language): \(missing)")
        }
    }
}
