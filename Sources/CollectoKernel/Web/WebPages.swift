import Foundation
import HTTPTypes

/// What a page handler does with a request: read it, call a use case, and answer
/// a page, a redirect or a document. No access check, transaction or SQL here:
/// the use case does those, as it does for the matching API route.
public typealias WebHandler = @Sendable (WebRequest) async throws -> WebAnswer

/// A group of pages a module (or the kernel) brings, mounted at the site's root
/// (a module's paths start with its id: `/foodaid/orders`).
public final class WebPages: @unchecked Sendable {
    /// One page route.
    public struct Route: Sendable {
        public let method: HTTPRequest.Method
        public let path: String
        /// Reached without a log-in (the log-in page itself).
        public let isPublic: Bool
        let handler: WebHandler
    }

    public private(set) var routes: [Route] = []

    public init() {}

    /// A page shown on GET, for logged-in callers.
    public func get(_ path: String, _ handler: @escaping WebHandler) {
        routes.append(Route(method: .get, path: path, isPublic: false, handler: handler))
    }

    /// A form's target, for logged-in callers: checked for its CSRF token and run once per idempotency key.
    public func post(_ path: String, _ handler: @escaping WebHandler) {
        routes.append(Route(method: .post, path: path, isPublic: false, handler: handler))
    }

    /// A page that needs no log-in.
    public func publicPage(_ method: HTTPRequest.Method, _ path: String, _ handler: @escaping WebHandler) {
        routes.append(Route(method: method, path: path, isPublic: true, handler: handler))
    }
}

/// An entry of the menu: shown to the callers `shownTo` accepts, in `order`.
/// The first entry a caller sees is their home after log-in.
public struct MenuEntry: Sendable {
    /// The catalogue key of its label.
    public let label: String
    public let path: String
    public let order: Int
    public let shownTo: @Sendable (Caller) -> Bool

    public init(label: String, path: String, order: Int, shownTo: @escaping @Sendable (Caller) -> Bool) {
        self.label = label
        self.path = path
        self.order = order
        self.shownTo = shownTo
    }
}
