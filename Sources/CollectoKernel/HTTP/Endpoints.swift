import Foundation
import HTTPTypes
import Hummingbird

/// A group of routes that describes itself as it is built: each route added
/// here is mounted on the router and listed in the OpenAPI document.
///
/// Handlers stay thin: decode, call the domain, return an `Encodable` that is
/// sent as JSON with the route's success status. A handler that returns a
/// ``Page`` sends its items as the JSON array and its total and links as headers.
public final class Endpoints<Context: RequestContext>: @unchecked Sendable {
    /// The routes, for mounting on a router.
    public let collection = RouteCollection(context: Context.self)
    /// The routes' descriptions, with paths relative to where the group is mounted.
    public private(set) var operations: [APIOperation] = []
    let tag: String

    /// Creates a group whose operations are tagged `tag` in the API description.
    public init(tag: String) {
        self.tag = tag
    }

    /// Adds a route that answers with a JSON value.
    ///
    /// `query` types the query parameters the handler reads; `pathParameters` types the path's parameters that
    /// are not UUIDs. The body's fields and the answer's are read off `body` and `Output`.
    public func on<Output: Encodable & Sendable>(
        _ method: HTTPRequest.Method, _ path: String, summary: String, status: HTTPResponse.Status = .ok,
        body: (any Decodable.Type)? = nil, query: [APIParameter] = [], pathParameters: [APIParameter] = [],
        rateLimited: Bool = false, bodyOptional: Bool = false, _ handler: @escaping @Sendable (Request, Context) async throws -> Output
    ) {
        let paged = Output.self is any ResponseHeaders.Type
        // A page takes `limit` and `offset`, whether or not the route names them.
        let names = Set(query.map(\.name))
        let query = paged ? query + APIParameter.page.filter { !names.contains($0.name) } : query
        operations.append(
            APIOperation(
                method: method, path: path, summary: summary, tag: tag, successStatus: status,
                requestBody: body.map { String(reflecting: $0) }, queryParameters: query, pathParameters: pathParameters,
                authenticated: Context.self != AppRequestContext.self, bodyShape: body.map { BodyShape.of($0) },
                bodyRanges: (body as? any StrictBody.Type).map { $0.ranges + $0.texts } ?? [], strictBody: body is any StrictBody.Type,
                strictFields: (body as? any StrictBody.Type)?.fieldNames,
                responseShape: BodyShape.answer(of: Output.self), rateLimited: rateLimited, bodyOptional: bodyOptional,
                bodyExample: body.flatMap { BodyExampleMaker($0, changing: method == .put) }, paged: paged))
        collection.on(RouterPath(path), method: method) { request, context -> Response in
            try QueryCheck.check(request, declared: query)
            let value = try await handler(request, context)
            let data = try LowercaseIdentifiers.json(value)
            var headers: HTTPFields = [.contentType: "application/json; charset=utf-8"]
            if let described = value as? any ResponseHeaders { headers.append(contentsOf: described.headers(answering: request)) }
            return Response(status: status, headers: headers, body: .init(byteBuffer: ByteBuffer(bytes: data)))
        }
    }

    /// Adds a route that builds its own response (CSV, Prometheus text).
    public func raw(
        _ method: HTTPRequest.Method, _ path: String, summary: String, contentType: String, query: [APIParameter] = [],
        pathParameters: [APIParameter] = [], requestContentType: String? = nil,
        _ handler: @escaping @Sendable (Request, Context) async throws -> Response
    ) {
        var operation = APIOperation(
            method: method, path: path, summary: summary, tag: tag, successStatus: .ok, requestBody: requestContentType,
            queryParameters: query, pathParameters: pathParameters, authenticated: Context.self != AppRequestContext.self,
            contentType: contentType)
        operation.requestContentType = requestContentType
        operations.append(operation)
        collection.on(RouterPath(path), method: method) { request, context in
            try QueryCheck.check(request, declared: query)
            return try await handler(request, context)
        }
    }

    public func get<Output: Encodable & Sendable>(
        _ path: String, summary: String, query: [APIParameter] = [], pathParameters: [APIParameter] = [],
        _ handler: @escaping @Sendable (Request, Context) async throws -> Output
    ) {
        on(.get, path, summary: summary, query: query, pathParameters: pathParameters, handler)
    }

    public func post<Output: Encodable & Sendable>(
        _ path: String, summary: String, status: HTTPResponse.Status = .created, body: (any Decodable.Type)? = nil,
        pathParameters: [APIParameter] = [], rateLimited: Bool = false, bodyOptional: Bool = false,
        _ handler: @escaping @Sendable (Request, Context) async throws -> Output
    ) {
        on(
            .post, path, summary: summary, status: status, body: body, pathParameters: pathParameters, rateLimited: rateLimited,
            bodyOptional: bodyOptional, handler)
    }

    public func put<Output: Encodable & Sendable>(
        _ path: String, summary: String, body: (any Decodable.Type)? = nil, pathParameters: [APIParameter] = [],
        _ handler: @escaping @Sendable (Request, Context) async throws -> Output
    ) {
        on(.put, path, summary: summary, body: body, pathParameters: pathParameters, handler)
    }

    public func delete<Output: Encodable & Sendable>(
        _ path: String, summary: String, pathParameters: [APIParameter] = [],
        _ handler: @escaping @Sendable (Request, Context) async throws -> Output
    ) {
        on(.delete, path, summary: summary, pathParameters: pathParameters, handler)
    }
}

/// One route as the API description lists it.
public struct APIOperation: Sendable, Hashable {
    public var method: HTTPRequest.Method
    public var path: String
    public var summary: String
    public var tag: String
    public var successStatus: HTTPResponse.Status
    public var requestBody: String?
    public var queryParameters: [APIParameter]
    /// The path's parameters that are not UUIDs (a day, a month, a sequence number).
    public var pathParameters: [APIParameter] = []
    public var authenticated: Bool
    public var contentType = "application/json"
    /// The fields of the request body, read from the type the route decodes.
    public var bodyShape: BodyShape?
    /// The ranges the request body's type declares for its numeric fields.
    public var bodyRanges: [FieldRange] = []
    /// The body's type refuses unknown top-level fields (``StrictBody``).
    public var strictBody = false
    /// The top-level fields a strict body accepts (a field its type holds but refuses is not described).
    public var strictFields: [String]?
    /// The fields of the answer, read from the type the route encodes (the item type, for a page).
    public var responseShape: BodyShape?
    /// The route refuses too many attempts with a 429 (the log-in).
    public var rateLimited = false
    /// The body may be left out (a reason that is optional).
    public var bodyOptional = false
    /// A body that is not JSON (a CSV file), read by a raw route.
    public var requestContentType: String?
    /// The body's example, when its type gives one (``ExampleBody``).
    public var bodyExample: BodyExampleMaker?
    /// The route answers one ``Page`` of a list: `X-Total-Count` and `Link` come with its JSON array.
    public var paged = false

    /// The same operation mounted under `prefix`.
    public func mounted(at prefix: String) -> APIOperation {
        var copy = self
        let trimmed = path.hasPrefix("/") ? String(path.dropFirst()) : path
        copy.path = trimmed.isEmpty ? prefix : prefix + "/" + trimmed
        return copy
    }
}

extension RequestContext {
    /// A path parameter that must be a UUID; a bad one is a 422 naming it.
    public func uuid(_ name: String) throws -> UUID {
        guard let text = parameters.get(name), let id = UUID(uuidString: text) else {
            throw KernelError.invalid(field: name, message: "\(name) must be a UUID")
        }
        return id
    }
}

extension Request {
    /// An optional query parameter parsed by `parse`; a present but bad value is a 422 naming it.
    public func query<T>(_ name: String, _ parse: (String) -> T?) throws -> T? {
        guard let text = uri.queryParameters.get(name) else { return nil }
        guard let value = parse(text) else {
            throw KernelError.invalid(field: name, message: "query parameter \(name) has a bad value: \(text)")
        }
        return value
    }
}

/// An empty JSON object, for routes with nothing to say but success.
public struct EmptyResponse: Codable, Sendable {
    public init() {}
}
