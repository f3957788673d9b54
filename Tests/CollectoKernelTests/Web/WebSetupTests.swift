import Foundation
import Testing

@testable import CollectoKernel

/// A broken or missing template or text stops the start with its file named, never a blank page.
@Suite struct WebSetupTests {
    func folder(_ files: [String: String]) throws -> URL {
        let folder = FileManager.default.temporaryDirectory.appendingPathComponent("web-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: folder, withIntermediateDirectories: true)
        for (name, text) in files { try text.write(to: folder.appendingPathComponent(name), atomically: true, encoding: .utf8) }
        return folder
    }

    @Test func aTemplateThatDoesNotParseStopsTheStartNamingItsFile() throws {
        let templates = try folder(["good.mustache": "<p>{{x}}</p>", "broken.mustache": "{{#open}}never closed"])
        #expect {
            try WebTemplates(directories: [templates])
        } throws: { error in
            guard case WebSetupError.brokenTemplate(let path, _) = error else { return false }
            return path.hasSuffix("broken.mustache")
        }
    }

    @Test func aPageThatExtendsAMissingLayoutStopsTheStart() throws {
        let templates = try folder(["page.mustache": "{{<nowhere}}{{$content}}x{{/content}}{{/nowhere}}"])
        #expect {
            try WebTemplates(directories: [templates])
        } throws: { error in
            guard case WebSetupError.missingPartial(let template, let partial) = error else { return false }
            return template == "page" && partial == "nowhere"
        }
    }

    @Test func renderingAnUnknownTemplateIsAnErrorNotAnEmptyPage() throws {
        let templates = try WebTemplates(directories: [try folder(["page.mustache": "<p>{{x}}</p>"])])
        #expect(try templates.render(["x": "bonjour"], template: "page") == "<p>bonjour</p>")
        #expect(throws: WebSetupError.self) { try templates.render([:] as [String: String], template: "other") }
    }

    @Test func valuesAreEscaped() throws {
        let templates = try WebTemplates(directories: [try folder(["page.mustache": "<p>{{x}}</p>"])])
        #expect(
            try templates.render(["x": "<script>alert(1)</script>"], template: "page") == "<p>&lt;script&gt;alert(1)&lt;/script&gt;</p>")
    }

    @Test func aTextOneLanguageLacksStopsTheStart() throws {
        let texts = try folder(["fr.json": #"{"a": "un", "b": "deux"}"#, "en.json": #"{"a": "one"}"#])
        #expect {
            try TextCatalogue(directories: [texts])
        } throws: { error in
            guard case WebSetupError.untranslated(let language, let keys) = error else { return false }
            return language == "en" && keys == ["b"]
        }
    }

    @Test func theKernelsOwnTemplatesAndTextsLoad() throws {
        let resources = WebInterface.kernelResources
        let templates = try WebTemplates(directories: [resources.appendingPathComponent("templates")])
        #expect(templates.names.isSuperset(of: ["layout", "login", "account", "error"]))
        _ = try TextCatalogue(directories: [resources.appendingPathComponent("texts")])
    }
}

/// The language of a page: the user's choice, then the browser's, then French.
@Suite struct WebLanguageTests {
    @Test func theStoredChoiceWinsThenTheBrowsersThenFrench() {
        #expect(WebLanguage.chosen(stored: "en", acceptLanguage: "fr-FR,fr;q=0.9") == .en)
        #expect(WebLanguage.chosen(stored: nil, acceptLanguage: "de-DE,en;q=0.8,fr;q=0.5") == .en)
        #expect(WebLanguage.chosen(stored: nil, acceptLanguage: "en;q=0.2, fr-CA;q=0.9") == .fr)
        #expect(WebLanguage.chosen(stored: nil, acceptLanguage: "de") == .fr)
        #expect(WebLanguage.chosen(stored: nil, acceptLanguage: nil) == .fr)
        #expect(WebLanguage.chosen(stored: "xx", acceptLanguage: "en") == .en)
    }

    @Test func numbersAndDatesAreWrittenTheFrenchWayInFrench() throws {
        let resources = WebInterface.kernelResources.appendingPathComponent("texts")
        let catalogue = try TextCatalogue(directories: [resources])
        let zone = TimeZone(identifier: "Europe/Paris")!
        let fr = catalogue.texts(.fr, timeZone: zone)
        let en = catalogue.texts(.en, timeZone: zone)
        #expect(fr.kg(1234.5).replacingOccurrences(of: "\u{202F}", with: " ").replacingOccurrences(of: "\u{A0}", with: " ") == "1 234,5 kg")
        #expect(en.kg(1234.5) == "1,234.5 kg")
        let day = CalendarDate(year: 2026, month: 12, day: 3)!
        #expect(fr.day(day).hasPrefix("3 déc"))
        #expect(en.day(day).contains("Dec"))
    }
}
