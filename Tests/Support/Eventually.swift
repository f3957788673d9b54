import Foundation

/// Waits until `condition` holds, checking every 50 ms for up to `seconds`:
/// for effects of event handlers that a live server's own relay may be
/// delivering concurrently (on PostgreSQL a second deliverer skips a cursor
/// another one holds, so `deliverPending()` alone does not wait for it).
/// Returns whether the condition came true.
@discardableResult
public func eventually(seconds: Double = 5, _ condition: @Sendable () async throws -> Bool) async rethrows -> Bool {
    let deadline = Date().addingTimeInterval(seconds)
    while Date() < deadline {
        if try await condition() { return true }
        try? await Task.sleep(for: .milliseconds(50))
    }
    return try await condition()
}
