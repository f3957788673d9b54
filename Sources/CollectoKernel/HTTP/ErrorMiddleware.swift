import Hummingbird
import Logging

/// Turns every error into the JSON error body: domain errors by their kind,
/// Hummingbird's own errors (unknown route, body too large) by their status,
/// and anything else into a logged 500 that tells nothing of the internals.
public struct ErrorMiddleware<Context: RequestContext>: RouterMiddleware {
    public init() {}

    public func handle(_ request: Request, context: Context, next: (Request, Context) async throws -> Response) async throws -> Response {
        do {
            return try await next(request, context)
        } catch let error as APIError {
            throw error
        } catch let error as any DomainError {
            throw APIError(error)
        } catch StorageError.constraintViolation(let detail) {
            // A rule the use case should have checked first: still a refusal, never a 500.
            context.logger.warning("constraint violation", metadata: ["detail": .string(detail), "path": .string(request.uri.path)])
            throw APIError(
                status: .conflict, code: "constraint_violation", message: "the change conflicts with data already recorded")
        } catch let error as HTTPError {
            let code = error.status == .notFound ? "not_found" : "http_\(error.status.code)"
            throw APIError(status: error.status, code: code, message: error.body ?? error.status.reasonPhrase)
        } catch let error as any HTTPResponseError {
            throw APIError(status: error.status, code: "http_\(error.status.code)", message: error.status.reasonPhrase)
        } catch {
            context.logger.error(
                "unhandled error", metadata: ["error": .string(String(describing: error)), "path": .string(request.uri.path)])
            throw APIError(status: .internalServerError, code: "internal", message: "an internal error occurred; it has been logged")
        }
    }
}
