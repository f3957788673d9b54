import Foundation
import HTTPTypes
import Hummingbird

/// What a page handler answers: a page rendered from its view model in the
/// layout, a redirect after a change (post-redirect-get), or a document it built
/// (a CSV file, a printable note).
public struct WebAnswer: Sendable {
    enum Kind: Sendable {
        case page(template: String, title: String, model: any Sendable)
        case redirect(String)
        case response(Response)
    }

    let kind: Kind
    let status: HTTPResponse.Status
    /// Cookies the answer sets (a page's, such as the log-in form's token).
    var cookies: [Cookie] = []

    /// The same answer, also setting `cookie`.
    func setting(_ cookie: Cookie) -> WebAnswer {
        var answer = self
        answer.cookies.append(cookie)
        return answer
    }

    /// The page `template` showing `model`, titled `title` (already in the page's language).
    public static func page(_ template: String, title: String, model: any Sendable, status: HTTPResponse.Status = .ok) -> WebAnswer {
        WebAnswer(kind: .page(template: template, title: title, model: model), status: status)
    }

    /// A 303 to `path`; `notice` names the catalogue text the next page shows (what was just done).
    public static func redirect(_ path: String, notice: String? = nil) -> WebAnswer {
        guard let notice else { return WebAnswer(kind: .redirect(path), status: .seeOther) }
        let separator = path.contains("?") ? "&" : "?"
        return WebAnswer(kind: .redirect(path + separator + "notice=" + notice), status: .seeOther)
    }

    /// A response the handler built itself.
    public static func response(_ response: Response) -> WebAnswer {
        WebAnswer(kind: .response(response), status: response.status)
    }

    /// A complete HTML document of its own (a delivery note, a tax receipt), printed from the browser.
    public static func printable(_ html: String) -> WebAnswer {
        .response(
            Response(
                status: .ok, headers: [.contentType: "text/html; charset=utf-8"], body: .init(byteBuffer: ByteBuffer(string: html))))
    }

    /// A downloaded file.
    public static func file(_ data: Data, contentType: String, name: String) -> WebAnswer {
        .response(
            Response(
                status: .ok,
                headers: [.contentType: contentType, .contentDisposition: "attachment; filename=\"\(name)\""],
                body: .init(byteBuffer: ByteBuffer(bytes: data))))
    }
}
