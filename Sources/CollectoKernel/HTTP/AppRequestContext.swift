import Foundation
import HTTPTypes
import Hummingbird

/// The request context of every collectod route: Hummingbird's core storage
/// plus the caller, once ``AuthenticationMiddleware`` has resolved the token.
public struct AppRequestContext: RequestContext {
    public var coreContext: CoreRequestContextStorage
    /// The caller, when the request carried a valid bearer token.
    public var caller: Caller?
    /// The bearer token as sent (for log-out).
    public var bearerToken: BearerToken?
    /// The address of the peer that opened the connection (a load balancer, when there is one).
    public let peerAddress: String?

    public init(source: ApplicationRequestContextSource) {
        coreContext = .init(source: source)
        peerAddress = source.channel.remoteAddress?.ipAddress
    }

    /// The client's address: the peer's, or, when the peer is a trusted proxy, the last address
    /// `X-Forwarded-For` names that is not one of the trusted proxies.
    public func clientAddress(of request: Request, trusting proxies: Set<String>) -> String? {
        guard let peer = peerAddress, proxies.contains(peer), let forwarded = request.headers[HTTPField.Name("X-Forwarded-For")!] else {
            return peerAddress
        }
        let hops = forwarded.split(separator: ",").map { $0.trimmingCharacters(in: .whitespaces) }.filter { !$0.isEmpty }
        return hops.last { !proxies.contains($0) } ?? peer
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
