import Foundation

/// The languages of the web interface. French first: most users are French
/// volunteers; English for the others.
public enum WebLanguage: String, CaseIterable, Sendable, Codable, AcceptedValues {
    case fr, en

    /// The language a request asks for: the user's stored choice, then the first
    /// language of `Accept-Language` that the interface speaks, then French.
    public static func chosen(stored: String?, acceptLanguage: String?) -> WebLanguage {
        if let stored, let language = WebLanguage(rawValue: stored) { return language }
        for (language, _) in preferences(acceptLanguage ?? "") {
            let primary = language.split(separator: "-").first.map(String.init) ?? language
            if let chosen = WebLanguage(rawValue: primary.lowercased()) { return chosen }
        }
        return .fr
    }

    /// The languages of an `Accept-Language` header, most wanted first.
    static func preferences(_ header: String) -> [(String, Double)] {
        let entries = header.split(separator: ",").enumerated().compactMap { index, part -> (String, Double, Int)? in
            let pieces = part.split(separator: ";").map { $0.trimmingCharacters(in: .whitespaces) }
            guard let tag = pieces.first, !tag.isEmpty, tag != "*" else { return nil }
            let quality =
                pieces.dropFirst().first { $0.hasPrefix("q=") }.flatMap { Double($0.dropFirst(2)) } ?? 1
            return (tag, quality, index)
        }
        return entries.filter { $0.1 > 0 }.sorted { $0.1 != $1.1 ? $0.1 > $1.1 : $0.2 < $1.2 }.map { ($0.0, $0.1) }
    }

    /// The locale numbers and dates are written in.
    public var locale: Locale { Locale(identifier: self == .fr ? "fr_FR" : "en_GB") }
}
