/// Tells the event relay that a transaction committed events, so that it
/// delivers them now rather than at its next poll.
public final class OutboxSignal: Sendable {
    let stream: AsyncStream<Void>
    let continuation: AsyncStream<Void>.Continuation

    public init() {
        (stream, continuation) = AsyncStream.makeStream(of: Void.self, bufferingPolicy: .bufferingNewest(1))
    }

    public func ring() {
        continuation.yield()
    }

    func finish() {
        continuation.finish()
    }
}
