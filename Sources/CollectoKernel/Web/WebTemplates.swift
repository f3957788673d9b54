import Foundation
import Mustache

/// Every page template of the kernel and of the enabled modules, read and parsed
/// once when the server starts, so that a broken or missing template stops the
/// start with its file named instead of rendering a blank page later.
///
/// A template is named by its file name without `.mustache`; names are global,
/// so a module prefixes its own (`foodaid-orders`). Pages extend `layout` by
/// inheritance (`{{<layout}}…{{/layout}}`).
public struct WebTemplates: Sendable {
    let library: MustacheLibrary
    /// The names of every template loaded.
    public let names: Set<String>
    /// Each template's source, for the checks of the tests (every text key a template uses exists).
    public let sources: [String: String]

    /// Reads every `.mustache` file of `directories`.
    /// - Throws: ``WebSetupError`` naming the file that cannot be read or parsed, a name defined twice,
    ///   or a partial or parent that no template defines.
    public init(directories: [URL]) throws {
        var library = MustacheLibrary()
        var sources: [String: String] = [:]
        // A module may bring texts and no page yet: no templates folder.
        for directory in directories where FileManager.default.fileExists(atPath: directory.path) {
            let files: [URL]
            do {
                files = try FileManager.default.contentsOfDirectory(at: directory, includingPropertiesForKeys: nil)
                    .filter { $0.pathExtension == "mustache" }.sorted { $0.lastPathComponent < $1.lastPathComponent }
            } catch {
                throw WebSetupError.unreadable(path: directory.path, reason: "\(error)")
            }
            for file in files {
                let name = file.deletingPathExtension().lastPathComponent
                guard sources[name] == nil else { throw WebSetupError.duplicateTemplate(name: name, path: file.path) }
                let text: String
                do {
                    text = try String(contentsOf: file, encoding: .utf8)
                } catch {
                    throw WebSetupError.unreadable(path: file.path, reason: "\(error)")
                }
                do {
                    try library.register(text, named: name)
                } catch {
                    throw WebSetupError.brokenTemplate(path: file.path, reason: "\(error)")
                }
                sources[name] = text
            }
        }
        for (name, text) in sources {
            for used in Self.partials(in: text) where sources[used] == nil {
                throw WebSetupError.missingPartial(template: name, partial: used)
            }
        }
        self.library = library
        self.sources = sources
        self.names = Set(sources.keys)
    }

    /// The templates `text` includes (`{{> name}}`) or extends (`{{< name}}`).
    static func partials(in text: String) -> [String] {
        var found: [String] = []
        var rest = text[...]
        while let open = rest.range(of: "{{") {
            rest = rest[open.upperBound...]
            guard let marker = rest.first, marker == ">" || marker == "<" else { continue }
            guard let close = rest.range(of: "}}") else { break }
            let name = rest[rest.index(after: rest.startIndex)..<close.lowerBound].trimmingCharacters(in: .whitespaces)
            if !name.isEmpty { found.append(name) }
            rest = rest[close.upperBound...]
        }
        return found
    }

    /// `object` rendered with the template `name`.
    /// - Throws: ``WebSetupError/missingTemplate(name:)`` when no template has that name.
    public func render(_ object: Any, template name: String) throws -> String {
        guard names.contains(name), let html = library.render(object, withTemplate: name) else {
            throw WebSetupError.missingTemplate(name: name)
        }
        return html
    }
}
