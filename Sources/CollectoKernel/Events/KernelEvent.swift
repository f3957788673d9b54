import Foundation

/// A fact that crosses module boundaries. Its type name and version are part of
/// the public contract: a module handles events by type, never by importing
/// the module that published them. Change a payload only by adding a new version.
public protocol KernelEvent: Codable, Sendable {
    /// A stable dotted name, e.g. `kernel.stop_completed`.
    static var eventType: String { get }
    static var version: Int { get }
}

/// An event as stored in the outbox and handed to handlers.
public struct EventEnvelope: Sendable, Hashable {
    /// Position in the outbox: handlers see events in this order.
    public let id: Int64
    public let type: String
    public let version: Int
    /// The event as JSON text.
    public let payload: String
    public let organisationId: UUID?
    public let occurredAt: Date

    /// Decodes the payload as a typed event.
    public func decode<E: KernelEvent>(_ type: E.Type) throws -> E {
        try EventCoding.decoder.decode(E.self, from: Data(payload.utf8))
    }
}

/// JSON coding of event payloads: the API's (ISO 8601 instants, sorted keys).
enum EventCoding {
    static var encoder: JSONEncoder { JSONBody.encoder }
    static var decoder: JSONDecoder { JSONBody.decoder }
}
