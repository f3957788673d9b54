import Hummingbird
import Synchronization

/// The routes' paths and methods, known once every controller is mounted:
/// what a 405 names in `Allow`.
final class AllowedMethods: Sendable {
    private let routes = Mutex<[(segments: [String], method: String)]>([])

    /// Records the API's operations (paths with `{parameters}`).
    func set(_ operations: [APIOperation]) {
        routes.withLock { routes in
            routes = operations.map { (Self.segments($0.path), $0.method.rawValue) }
        }
    }

    /// The methods some route answers at `path`, in a stable order.
    func methods(at path: String) -> [String] {
        let wanted = Self.segments(path)
        let methods = routes.withLock { routes in
            routes.filter { route in
                route.segments.count == wanted.count
                    && zip(route.segments, wanted).allSatisfy { template, segment in template.hasPrefix("{") || template == segment }
            }.map(\.method)
        }
        return Array(Set(methods)).sorted()
    }

    static func segments(_ path: String) -> [String] {
        path.split(separator: "/", omittingEmptySubsequences: true).map(String.init)
    }
}

/// A request whose path exists under another method is answered 405 with
/// `Allow` listing the methods it takes, instead of 404: the client learns
/// that the address is right and the method wrong.
struct MethodNotAllowedMiddleware<Context: RequestContext>: RouterMiddleware {
    let allowed: AllowedMethods

    func handle(_ request: Request, context: Context, next: (Request, Context) async throws -> Response) async throws -> Response {
        do {
            return try await next(request, context)
        } catch let error as HTTPError where error.status == .notFound {
            let methods = allowed.methods(at: request.uri.path)
            guard !methods.isEmpty else { throw error }
            var refusal = APIError(
                status: .methodNotAllowed, code: "method_not_allowed",
                message: "\(request.uri.path) answers \(methods.joined(separator: ", ")), not \(request.method.rawValue)")
            refusal.allow = methods
            throw refusal
        }
    }
}
