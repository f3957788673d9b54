import Crypto
import Foundation
import HTTPTypes
import Hummingbird
import Logging

/// Retries never act twice. A request that changes something and carries
/// `Idempotency-Key` is remembered per caller with its answer for
/// ``IdempotencyMiddleware/retention``: the same key with the same request
/// gets the first answer again (with `Idempotent-Replayed: true`), the same
/// key with another request is refused, and a retry that arrives while the
/// first is still running waits for it, then answers `409 request_in_progress`
/// if it is still not done. The key is claimed in its own transaction before
/// the request runs, so two instances on one PostgreSQL database never both run it.
///
/// An answer that says nothing final (a 5xx, an error no handler described)
/// releases the key, so the request may be retried with it. A claim left
/// without an answer for longer than any request runs (the server stopped
/// between the request's commit and storing its answer) is never run again
/// under that key: the retry is told `409 request_interrupted`, to check what
/// happened before sending it again with a new key.
public struct IdempotencyMiddleware<Context: RequestContext>: RouterMiddleware {
    /// How long an answer is kept for a retry.
    public static var retention: TimeInterval { 24 * 3600 }
    /// How long a retry waits for the first request to finish.
    static var wait: Duration { .seconds(10) }
    /// After this long without an answer, the first request is known to have been cut short.
    static var abandonedAfter: TimeInterval { 120 }
    static var header: HTTPField.Name { HTTPField.Name("Idempotency-Key")! }
    static var replayed: HTTPField.Name { HTTPField.Name("Idempotent-Replayed")! }

    let database: any SQLDatabase
    let clock: any WallClock
    let caller: @Sendable (Context) -> Caller?

    public init(database: any SQLDatabase, clock: any WallClock, caller: @escaping @Sendable (Context) -> Caller?) {
        self.database = database
        self.clock = clock
        self.caller = caller
    }

    public func handle(_ request: Request, context: Context, next: (Request, Context) async throws -> Response) async throws -> Response {
        guard request.method != .get, request.method != .head, let key = request.headers[Self.header] else {
            return try await next(request, context)
        }
        return try await handle(request, key: key, context: context, next: next)
    }

    /// Runs `request` once under `key` (the `Idempotency-Key` header, or a form's `idempotency` field).
    func handle(
        _ request: Request, key: String, context: Context, next: (Request, Context) async throws -> Response
    ) async throws -> Response {
        guard let user = caller(context)?.userID else { return try await next(request, context) }
        guard (1...200).contains(key.count), key.allSatisfy({ $0.isASCII && !$0.isWhitespace }) else {
            throw KernelError.invalid(field: "Idempotency-Key", message: "Idempotency-Key is 1 to 200 visible ASCII characters")
        }
        var request = request
        let body = try await request.collectBody(upTo: context.maxUploadSize)
        var hasher = SHA256()
        hasher.update(data: Data("\(request.method.rawValue) \(request.uri.path)?\(request.uri.query ?? "")\n".utf8))
        hasher.update(data: Data(body.readableBytesView))
        let fingerprint = hasher.finalize().map { String(format: "%02x", $0) }.joined()

        if let stored = try await claim(user: user, key: key, fingerprint: fingerprint) { return stored }
        let response: Response
        do {
            response = try await next(request, context)
        } catch let error as any DomainError {
            let answer = try APIError(error).response(from: request, context: context)
            return try await remember(answer, user: user, key: key)
        } catch {
            try await release(user: user, key: key)
            throw error
        }
        guard response.status.code < 500 else {
            try await release(user: user, key: key)
            return response
        }
        return try await remember(response, user: user, key: key)
    }

    /// Claims the key for this request, or answers from what the key already holds.
    private func claim(user: UUID, key: String, fingerprint: String) async throws -> Response? {
        let deadline = ContinuousClock.now + Self.wait
        while true {
            let now = clock.now()
            let found: SQLRow?
            do {
                found = try await claimOrRead(user: user, key: key, fingerprint: fingerprint, now: now)
            } catch StorageError.constraintViolation {
                // Another instance claimed the key between our read and our insert: read its claim.
                continue
            }
            guard let found else { return nil }
            guard try found.string("request_hash") == fingerprint else {
                throw KernelError.conflict(
                    code: "idempotency_key_reused", message: "this Idempotency-Key was used for another request: use a new key")
            }
            if let status = try found.optionalInt("status") {
                var headers: HTTPFields = [Self.replayed: "true"]
                if let type = try found.optionalString("content_type") { headers[.contentType] = type }
                if let location = try found.optionalString("location") { headers[.location] = location }
                return Response(
                    status: HTTPResponse.Status(code: status), headers: headers,
                    body: .init(byteBuffer: ByteBuffer(string: try found.optionalString("body") ?? "")))
            }
            if now.timeIntervalSince(try found.instant("created_at")) > Self.abandonedAfter {
                throw KernelError.conflict(
                    code: "request_interrupted",
                    message:
                        "the server stopped while the first request with this Idempotency-Key ran, so it may have been applied: "
                        + "check, then send it again with a new key")
            }
            guard ContinuousClock.now < deadline else {
                throw KernelError.conflict(
                    code: "request_in_progress",
                    message: "a request with this Idempotency-Key is still running; ask again in a moment to get its answer")
            }
            try await Task.sleep(for: .milliseconds(100))
        }
    }

    /// The key's row if it is taken, after claiming it (and forgetting the caller's keys past their retention) when it is not.
    private func claimOrRead(user: UUID, key: String, fingerprint: String, now: Date) async throws -> SQLRow? {
        try await database.transaction { db -> SQLRow? in
            try await db.execute(
                "DELETE FROM kernel_idempotency_keys WHERE user_id = ? AND created_at < ?", [user, now.addingTimeInterval(-Self.retention)])
            if let row = try await db.queryFirst(
                "SELECT * FROM kernel_idempotency_keys WHERE user_id = ? AND key = ?", [user, key])
            {
                return row
            }
            try await db.execute(
                "INSERT INTO kernel_idempotency_keys (user_id, key, request_hash, created_at) VALUES (?, ?, ?, ?)",
                [user, key, fingerprint, now])
            return nil
        }
    }

    /// Keeps the answer for the key's retries and sends it.
    private func remember(_ response: Response, user: UUID, key: String) async throws -> Response {
        let collector = BodyCollector()
        try await response.body.write(CollectingWriter(collector: collector))
        let body = collector.buffer
        _ = try await database.transaction { db in
            try await db.execute(
                """
                UPDATE kernel_idempotency_keys SET status = ?, content_type = ?, body = ?, location = ?, completed_at = ?
                WHERE user_id = ? AND key = ?
                """,
                [
                    Int(response.status.code), response.headers[.contentType], String(buffer: body), response.headers[.location],
                    clock.now(), user, key,
                ])
        }
        var answer = response
        answer.body = .init(byteBuffer: body)
        return answer
    }

    private func release(user: UUID, key: String) async throws {
        _ = try await database.transaction { db in
            try await db.execute("DELETE FROM kernel_idempotency_keys WHERE user_id = ? AND key = ? AND status IS NULL", [user, key])
        }
    }
}

/// Gathers a response body to store it.
private final class BodyCollector: @unchecked Sendable {
    var buffer = ByteBuffer()
}

private struct CollectingWriter: ResponseBodyWriter {
    let collector: BodyCollector

    mutating func write(_ buffer: ByteBuffer) async throws {
        var buffer = buffer
        collector.buffer.writeBuffer(&buffer)
    }

    consuming func finish(_ trailingHeaders: HTTPFields?) async throws {}
}
