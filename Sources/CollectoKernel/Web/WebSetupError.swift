import Foundation

/// Why the web interface cannot start: a template or a text catalogue that is
/// missing or broken stops the server with this message, never a blank page.
public enum WebSetupError: Error, CustomStringConvertible, Sendable {
    case unreadable(path: String, reason: String)
    case brokenTemplate(path: String, reason: String)
    case duplicateTemplate(name: String, path: String)
    case missingPartial(template: String, partial: String)
    case missingTemplate(name: String)
    case brokenCatalogue(path: String, reason: String)
    case duplicateText(key: String, path: String)
    case untranslated(language: String, keys: [String])

    public var description: String {
        switch self {
        case .unreadable(let path, let reason): "web interface: cannot read \(path): \(reason)"
        case .brokenTemplate(let path, let reason): "web interface: the template \(path) does not parse: \(reason)"
        case .duplicateTemplate(let name, let path): "web interface: two templates are named \(name) (the second is \(path))"
        case .missingPartial(let template, let partial):
            "web interface: the template \(template) uses \(partial), which no template defines"
        case .missingTemplate(let name): "web interface: no template is named \(name)"
        case .brokenCatalogue(let path, let reason): "web interface: the text catalogue \(path) is not a JSON object of texts: \(reason)"
        case .duplicateText(let key, let path): "web interface: the text \(key) is defined twice (again in \(path))"
        case .untranslated(let language, let keys):
            "web interface: the \(language) catalogue lacks \(keys.count) text(s): " + keys.prefix(10).joined(separator: ", ")
        }
    }
}
