import HTTPTypes
import Hummingbird

/// Headers every response carries, errors included: no content sniffing; no
/// caching of anything answered to a logged-in caller (a shared computer at
/// an association keeps no partner's data in its cache); and for HTML
/// documents (delivery notes, tax receipts, the pages to come) a content
/// security policy that loads nothing from elsewhere and forbids framing,
/// and no referrer sent out.
public struct SecurityHeadersMiddleware<Context: RequestContext>: RouterMiddleware {
    /// The policy of HTML documents: their own styles and images only, no script from anywhere else, never in a frame.
    public static var contentSecurityPolicy: String {
        "default-src 'none'; style-src 'self' 'unsafe-inline'; img-src 'self' data:; script-src 'self'; form-action 'self'; "
            + "base-uri 'none'; frame-ancestors 'none'"
    }

    static var referrerPolicy: HTTPField.Name { HTTPField.Name("Referrer-Policy")! }

    public init() {}

    public func handle(_ request: Request, context: Context, next: (Request, Context) async throws -> Response) async throws -> Response {
        let authenticated = request.headers[.authorization] != nil || request.headers[.cookie] != nil
        do {
            var response = try await next(request, context)
            Self.secure(&response.headers, authenticated: authenticated)
            return response
        } catch let error as any HTTPResponseError {
            throw SecuredError(wrapped: error, authenticated: authenticated)
        }
    }

    static func secure(_ headers: inout HTTPFields, authenticated: Bool) {
        headers[.xContentTypeOptions] = "nosniff"
        if authenticated { headers[.cacheControl] = "no-store" }
        if headers[.contentType]?.hasPrefix("text/html") == true {
            headers[.contentSecurityPolicy] = contentSecurityPolicy
            headers[Self.referrerPolicy] = "no-referrer"
        }
    }

    /// An error response with the same headers as any other.
    struct SecuredError: HTTPResponseError {
        let wrapped: any HTTPResponseError
        let authenticated: Bool
        var status: HTTPResponse.Status { wrapped.status }

        func response(from request: Request, context: some RequestContext) throws -> Response {
            var response = try wrapped.response(from: request, context: context)
            SecurityHeadersMiddleware.secure(&response.headers, authenticated: authenticated)
            return response
        }
    }
}
