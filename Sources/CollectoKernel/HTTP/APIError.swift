import Foundation
import Hummingbird

/// The JSON body of every error the API returns:
/// `{"error": {"code": "...", "message": "...", "field": "...", "details": [...], "values": {...}}}`.
public struct APIError: Error, HTTPResponseError, Sendable {
    /// The `error` object of the body.
    public struct Body: Codable, Sendable, Equatable {
        public var code: String
        public var message: String
        public var field: String?
        public var details: [String]?
        /// The error's values by name, for clients that word errors themselves.
        public var values: [String: ErrorValue]?
    }

    public var status: HTTPResponse.Status
    public var body: Body
    /// Seconds to wait, sent as `Retry-After`.
    public var retryAfter: Int?
    /// The methods the path answers, sent as `Allow` with a 405.
    public var allow: [String]?

    public init(
        status: HTTPResponse.Status, code: String, message: String, field: String? = nil, details: [String]? = nil,
        values: [String: ErrorValue]? = nil
    ) {
        self.status = status
        body = Body(code: code, message: message, field: field, details: details, values: values)
    }

    /// The HTTP rendering of a domain error: the only place kinds become statuses.
    public init(_ error: any DomainError) {
        let status: HTTPResponse.Status =
            switch error.kind {
            case .malformed: .badRequest
            case .invalid, .ruleViolation: .unprocessableContent
            case .unauthenticated: .unauthorized
            case .forbidden: .forbidden
            case .notFound: .notFound
            case .conflict: .conflict
            case .tooManyRequests: .tooManyRequests
            }
        self.init(
            status: status, code: error.code, message: error.message, field: error.field, details: error.details,
            values: error.values.isEmpty ? nil : error.values)
        retryAfter = error.retryAfter
    }

    public var headers: HTTPFields { [.contentType: "application/json; charset=utf-8"] }

    public func response(from request: Request, context: some RequestContext) throws -> Response {
        let encoder = JSONEncoder()
        encoder.outputFormatting = [.sortedKeys]
        let data = try LowercaseIdentifiers.json(["error": body], encoder: encoder)
        var headers = self.headers
        if status == .unauthorized { headers[.wwwAuthenticate] = "Bearer" }
        if let retryAfter { headers[.retryAfter] = String(retryAfter) }
        if let allow { headers[.allow] = allow.joined(separator: ", ") }
        return Response(status: status, headers: headers, body: .init(byteBuffer: ByteBuffer(bytes: data)))
    }
}
