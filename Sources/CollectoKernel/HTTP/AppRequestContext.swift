import Hummingbird

/// The request context of every collectod route: Hummingbird's core storage
/// plus the caller, once ``AuthenticationMiddleware`` has resolved the token.
public struct AppRequestContext: RequestContext {
    public var coreContext: CoreRequestContextStorage
    /// The caller, when the request carried a valid bearer token.
    public var caller: Caller?
    /// The bearer token as sent (for log-out).
    public var bearerToken: BearerToken?

    public init(source: ApplicationRequestContextSource) {
        coreContext = .init(source: source)
    }

    public var maxUploadSize: Int { 8 * 1024 * 1024 }
}

/// The context of routes that need a logged-in caller. It cannot be built
/// without one, so a handler on an authenticated route always has a caller.
public struct AuthenticatedContext: ChildRequestContext {
    public var coreContext: CoreRequestContextStorage
    public let caller: Caller
    public let bearerToken: BearerToken?

    public init(context: AppRequestContext) throws {
        guard let caller = context.caller else {
            throw KernelError.unauthenticated("log in first: send Authorization: Bearer <token>")
        }
        coreContext = context.coreContext
        self.caller = caller
        bearerToken = context.bearerToken
    }

    public var maxUploadSize: Int { 8 * 1024 * 1024 }
}
