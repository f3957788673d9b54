import Hummingbird
import Synchronization

/// The routes' paths and methods, known once every controller is mounted:
/// what a 405 names in `Allow`.
final class AllowedMethods: Sendable {
    private let routes = Mutex<[(segments: [String], method: String, parameters: [String: APIParameter.Value])]>([])

    /// Records the API's operations (paths with `{parameters}`, each of its declared type).
    func set(_ operations: [APIOperation]) {
        routes.withLock { routes in
            routes = operations.map { operation in
                let declared = Dictionary(operation.pathParameters.map { ($0.name, $0.value) }, uniquingKeysWith: { first, _ in first })
                return (Self.segments(operation.path), operation.method.rawValue, declared)
            }
        }
    }

    /// The methods some route answers at `path`, in a stable order. A `{parameter}` matches only a segment of its
    /// type: `pickups/plan` is not `pickups/{id}`, whose id is a UUID.
    func methods(at path: String) -> [String] {
        let wanted = Self.segments(path)
        let methods = routes.withLock { routes in
            routes.filter { route in
                route.segments.count == wanted.count
                    && zip(route.segments, wanted).allSatisfy { template, segment in
                        guard template.hasPrefix("{") else { return template == segment }
                        let name = String(template.dropFirst().dropLast())
                        return (route.parameters[name] ?? .uuid).accepts(segment)
                    }
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
