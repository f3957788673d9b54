/// A module's reaction to one type of kernel event. It runs inside a
/// transaction that also advances the handler's cursor, so its writes and the
/// fact that it handled the event commit together.
public struct EventHandler: Sendable {
    /// A stable name, unique across modules (`<module>.<what>`): the cursor is kept under it.
    public let name: String
    public let eventType: String
    public let handle: @Sendable (EventEnvelope, Transaction) async throws -> Void

    public init(name: String, eventType: String, handle: @escaping @Sendable (EventEnvelope, Transaction) async throws -> Void) {
        self.name = name
        self.eventType = eventType
        self.handle = handle
    }

    /// A handler for a typed event.
    public static func on<E: KernelEvent>(
        _ type: E.Type, name: String, _ handle: @escaping @Sendable (E, EventEnvelope, Transaction) async throws -> Void
    ) -> EventHandler {
        EventHandler(name: name, eventType: E.eventType) { envelope, tx in
            try await handle(try envelope.decode(E.self), envelope, tx)
        }
    }
}
