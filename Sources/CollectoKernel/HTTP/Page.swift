import HTTPTypes
import Hummingbird

/// One page of a list and how many items the list's filters match in all:
/// why a client that gets 100 of 130 partners knows there are 30 more.
///
/// The body stays the plain JSON array it always was; ``Endpoints`` adds the
/// total as `X-Total-Count` and the neighbouring pages as an RFC 8288 `Link`
/// header (`rel="next"`, `rel="prev"`), each keeping the request's path and
/// other query parameters.
public struct Page<Item: Sendable>: Sendable {
    /// The items of this page, in the list's order.
    public var items: [Item]
    /// How many items the list's filters match, on every page together.
    public var total: Int
    /// The slice asked for; nil when the whole list was asked for (an internal read).
    public var request: PageRequest?

    public init(items: [Item], total: Int, request: PageRequest?) {
        self.items = items
        self.total = total
        self.request = request
    }

    /// A page of nothing: the filters match no item.
    public static func empty(_ request: PageRequest?) -> Page {
        Page(items: [], total: 0, request: request)
    }

    /// The same page with each item transformed (a total and request unchanged).
    public func map<Other>(_ transform: (Item) throws -> Other) rethrows -> Page<Other> {
        Page<Other>(items: try items.map(transform), total: total, request: request)
    }
}

extension Page: Encodable where Item: Encodable {
    /// A page is written as the bare array of its items, as lists always were.
    public func encode(to encoder: any Encoder) throws {
        var container = encoder.singleValueContainer()
        try container.encode(items)
    }
}

extension Page: ResponseHeaders {
    func headers(answering request: Request) -> HTTPFields {
        var fields: HTTPFields = [.totalCount: String(total)]
        guard let page = self.request else { return fields }
        var links: [String] = []
        if page.offset + page.limit < total {
            links.append(Self.link(to: PageRequest(limit: page.limit, offset: page.offset + page.limit), rel: "next", from: request))
        }
        if page.offset > 0 {
            links.append(
                Self.link(to: PageRequest(limit: page.limit, offset: max(0, page.offset - page.limit)), rel: "prev", from: request))
        }
        if !links.isEmpty { fields[.link] = links.joined(separator: ", ") }
        return fields
    }

    /// `<path?other=…&limit=…&offset=…>; rel="…"`: the request's own path and
    /// query parameters, as the client wrote them, with this page's limit and offset.
    static func link(to page: PageRequest, rel: String, from request: Request) -> String {
        let kept = (request.uri.query ?? "").split(separator: "&").filter { parameter in
            let name = parameter.split(separator: "=", maxSplits: 1, omittingEmptySubsequences: false).first ?? ""
            return !PageRequest.parameters.contains(String(name))
        }
        let query = (kept.map(String.init) + ["limit=\(page.limit)", "offset=\(page.offset)"]).joined(separator: "&")
        return "<\(request.uri.path)?\(query)>; rel=\"\(rel)\""
    }
}

extension HTTPField.Name {
    /// How many items a list's filters match, on every page together.
    public static var totalCount: HTTPField.Name { HTTPField.Name("X-Total-Count")! }
    /// Where the neighbouring pages are (RFC 8288).
    public static var link: HTTPField.Name { HTTPField.Name("Link")! }
}
