import CollectoKernel
import Foundation
import HTTPTypes
import Hummingbird
import HummingbirdTesting
import Logging

/// JSON helpers over Hummingbird's test client.
extension TestClientProtocol {
    /// Sends a request with an optional JSON body and bearer token.
    @discardableResult
    public func json(
        _ method: HTTPRequest.Method, _ uri: String, token: String? = nil, body: (any Encodable)? = nil, raw: String? = nil
    ) async throws -> TestResponse {
        var headers: HTTPFields = [.contentType: "application/json"]
        if let token { headers[.authorization] = "Bearer \(token)" }
        var buffer: ByteBuffer?
        if let raw {
            buffer = ByteBuffer(string: raw)
        } else if let body {
            buffer = ByteBuffer(bytes: try JSONBody.encoder.encode(body))
        }
        let response = try await execute(uri: uri, method: method, headers: headers, body: buffer)
        APIRecorder.record(method: method, uri: uri, response: response)
        return response
    }
}

extension TestResponse {
    /// The body decoded as `T`.
    public func decode<T: Decodable>(_ type: T.Type = T.self) throws -> T {
        try JSONBody.decoder.decode(T.self, from: Data(body.readableBytesView))
    }

    /// The `error` object of an error response.
    public var apiError: APIError.Body? {
        struct Envelope: Decodable { let error: APIError.Body }
        return try? JSONBody.decoder.decode(Envelope.self, from: Data(body.readableBytesView)).error
    }

    public var text: String { String(buffer: body) }
}

/// The application tests run: the kernel's API router on Hummingbird.
public func testApplication(_ kernel: Kernel) -> some ApplicationProtocol {
    var logger = Logger(label: "collectod-test-server")
    logger.logLevel = .warning  // a request line per call would bury the test results in CI's output
    return makeKernelApplication(kernel: kernel, host: "127.0.0.1", port: 0, logger: logger)
}

/// Runs `body` against the kernel's API through Hummingbird's router, with
/// no socket: the same middleware, routes and services (the database, the
/// relay) as the server. For every test that needs nothing of the network.
public func withAPI(_ kernel: Kernel, _ body: @escaping @Sendable (any TestClientProtocol) async throws -> Void) async throws {
    try await testApplication(kernel).test(.router) { client in try await body(client) }
}

/// Runs `body` against the kernel's API served by a real server on loopback:
/// for what needs the network (the client's address, a server stopped
/// mid-request, requests racing on real connections, the end-to-end flows).
public func withLiveServer(_ kernel: Kernel, _ body: @escaping @Sendable (any TestClientProtocol) async throws -> Void) async throws {
    try await testApplication(kernel).test(.live) { client in try await body(client) }
}
