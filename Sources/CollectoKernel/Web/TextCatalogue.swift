import Foundation
import Mustache

/// Every text of the web interface, per language: the kernel's and each enabled
/// module's catalogue files (`texts/fr.json`, `texts/en.json`), merged. No text
/// lives in a template; a page reads `{{t.key}}`.
public struct TextCatalogue: Sendable {
    public private(set) var tables: [WebLanguage: [String: String]] = [:]

    /// Reads `fr.json` and `en.json` of each directory.
    /// - Throws: ``WebSetupError`` when a file is missing or broken, a key is defined twice, or a language lacks
    ///   a key another has.
    public init(directories: [URL]) throws {
        for language in WebLanguage.allCases { tables[language] = [:] }
        for directory in directories {
            for language in WebLanguage.allCases {
                let file = directory.appendingPathComponent("\(language.rawValue).json")
                let table: [String: String]
                do {
                    let data = try Data(contentsOf: file)
                    guard let object = try JSONSerialization.jsonObject(with: data) as? [String: String] else {
                        throw WebSetupError.brokenCatalogue(path: file.path, reason: "every value must be a text")
                    }
                    table = object
                } catch let error as WebSetupError {
                    throw error
                } catch {
                    throw WebSetupError.brokenCatalogue(path: file.path, reason: "\(error)")
                }
                for (key, value) in table {
                    guard tables[language]?[key] == nil else { throw WebSetupError.duplicateText(key: key, path: file.path) }
                    tables[language]?[key] = value
                }
            }
        }
        let every = Set(tables.values.flatMap(\.keys))
        for language in WebLanguage.allCases {
            let missing = every.subtracting(tables[language]?.keys ?? [:].keys).sorted()
            if !missing.isEmpty { throw WebSetupError.untranslated(language: language.rawValue, keys: missing) }
        }
    }

    /// The texts of one language, for a page.
    public func texts(_ language: WebLanguage, timeZone: TimeZone) -> Texts {
        Texts(language: language, table: tables[language] ?? [:], timeZone: timeZone)
    }
}

/// One language's texts, and how that language writes numbers and dates. A page's
/// view model is built with it; templates read it as `t` (`{{t.login_title}}`).
public struct Texts: Sendable, MustacheParent {
    public let language: WebLanguage
    let table: [String: String]
    public let timeZone: TimeZone

    public func child(named name: String) -> Any? { table[name] }

    /// The text of `key`, its `{name}` placeholders filled from `values`. A key
    /// that no catalogue has shows as itself, so that a test or a reader notices.
    public func callAsFunction(_ key: String, _ values: [String: String] = [:]) -> String {
        var text = table[key] ?? key
        for (name, value) in values { text = text.replacingOccurrences(of: "{\(name)}", with: value) }
        return text
    }

    /// Whether the catalogue has `key`.
    public func has(_ key: String) -> Bool { table[key] != nil }

    /// A weight in kilograms, the language's way: `1 234,5 kg` in French.
    public func kg(_ value: Double) -> String { number(value, decimals: 3) + " kg" }

    /// A number with at most `decimals` decimals, the language's way.
    public func number(_ value: Double, decimals: Int = 2) -> String {
        value.formatted(.number.precision(.fractionLength(0...decimals)).locale(language.locale))
    }

    /// A whole count, the language's way.
    public func count(_ value: Int) -> String { value.formatted(.number.locale(language.locale)) }

    /// An amount in euros.
    public func euros(_ value: Double) -> String {
        value.formatted(.currency(code: "EUR").locale(language.locale))
    }

    /// A calendar day, written out: `3 déc. 2026`.
    public func day(_ date: CalendarDate) -> String {
        let instant = date.instant(at: LocalTime(hour: 12, minute: 0)!, in: timeZone)
        var style = Date.FormatStyle(date: .abbreviated, time: .omitted, locale: language.locale)
        style.timeZone = timeZone
        return instant.formatted(style)
    }

    /// An instant, written out in the deployment's time zone: `3 déc. 2026, 18:00`.
    public func instant(_ date: Date) -> String {
        var style = Date.FormatStyle(date: .abbreviated, time: .shortened, locale: language.locale)
        style.timeZone = timeZone
        return date.formatted(style)
    }
}
