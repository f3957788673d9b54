import Foundation
import Hummingbird
import Logging

/// Resolves `Authorization: Bearer <token>` into a ``Caller``. A request with
/// no token goes on anonymous (public routes still work); a request with a
/// bad token is refused outright.
public struct AuthenticationMiddleware: RouterMiddleware {
    public typealias Context = AppRequestContext
    let identity: IdentityService

    public init(identity: IdentityService) {
        self.identity = identity
    }

    public func handle(_ request: Request, context: Context, next: (Request, Context) async throws -> Response) async throws -> Response {
        guard let header = request.headers[.authorization] else { return try await next(request, context) }
        let parts = header.split(separator: " ", maxSplits: 1)
        guard parts.count == 2, parts[0].lowercased() == "bearer" else {
            throw KernelError.unauthenticated("the Authorization header must be 'Bearer <token>'")
        }
        let token = BearerToken(value: String(parts[1]).trimmingCharacters(in: .whitespaces))
        var context = context
        context.caller = try await identity.authenticate(token)
        context.bearerToken = token
        context.logger[metadataKey: "user"] = .string(context.caller!.userID.uuidString.lowercased())
        return try await next(request, context)
    }
}
