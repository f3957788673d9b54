import CollectoKernel
import Foundation
import Hummingbird
import Synchronization

/// A small module used only by tests to prove the module contract: it owns a
/// table, mounts routes, declares a task kind and a permission, publishes an
/// event and handles kernel events (and can be told to fail).
public struct ProbeModule: CollectoModule {
    public static let id: ModuleID = "probe"
    public var version: String { "9.9.9" }

    /// Whether the handler should throw (to test retries); shared by every copy of the module.
    public let failures: FailureSwitch

    public init(failures: FailureSwitch = FailureSwitch()) {
        self.failures = failures
    }

    public var migrations: [Migration] {
        [
            Migration("001_seen", ["CREATE TABLE probe_seen (event_id BIGINT NOT NULL, handler TEXT NOT NULL, payload TEXT NOT NULL)"]),
            Migration("002_notes", ["CREATE TABLE probe_notes (id TEXT PRIMARY KEY, text TEXT NOT NULL)"]),
        ]
    }

    /// A note, the probe's own entity.
    public struct Note: Codable, Sendable, StrictBody {
        public enum Field: String, CodingKey, CaseIterable { case text }
        public var text: String
    }

    /// The event the probe publishes.
    public struct NoteWritten: KernelEvent {
        public static let eventType = "probe.note_written"
        public static let version = 1
        public var text: String
        public init(text: String) {
            self.text = text
        }
    }

    public func register(with registrar: inout ModuleRegistrar, context: ModuleContext) throws {
        let failures = self.failures
        registrar.taskKind(TaskKind("probe.parcel", summary: "A test parcel", isFood: true))
        registrar.permission(Permission("probe.write", summary: "Write notes", roles: [.admin, .coordinator]))
        registrar.publishes(NoteWritten.self)
        registrar.handle(
            .on(TaskStopRecorded.self, name: "probe.stops") { event, envelope, tx in
                if failures.isOn { throw ProbeFailure() }
                try await tx.execute(
                    "INSERT INTO probe_seen (event_id, handler, payload) VALUES (?, ?, ?)", [envelope.id, "probe.stops", envelope.payload])
            })
        registrar.handle(
            .on(NoteWritten.self, name: "probe.notes") { event, envelope, tx in
                try await tx.execute(
                    "INSERT INTO probe_seen (event_id, handler, payload) VALUES (?, ?, ?)", [envelope.id, "probe.notes", event.text])
            })
        let units = context.units
        let endpoints = Endpoints<AuthenticatedContext>(tag: "probe")
        endpoints.get("ping", summary: "Answers pong") { _, _ in ["pong": true] }
        endpoints.post("notes", summary: "Write a note", body: Note.self) { request, context in
            let note = try await request.decodeJSON(Note.self, context: context)
            let caller = context.caller
            return try await units.write(by: caller) { tx in
                let id = UUID()
                try await tx.execute("INSERT INTO probe_notes (id, text) VALUES (?, ?)", [id, note.text])
                try await tx.publish(NoteWritten(text: note.text))
                try await tx.audit("create", entity: "probe.note", id: id.uuidString, organisation: caller.roles.keys.first)
                return note
            }
        }
        // Writes its event and audit row first, then the note under the id it is given: a second note with the same id
        // violates the table's key, and nothing of the request may stay written.
        endpoints.put("notes/{id}", summary: "Write a note under a given id", body: Note.self) { request, context in
            let note = try await request.decodeJSON(Note.self, context: context)
            let id = try context.uuid("id")
            let caller = context.caller
            return try await units.write(by: caller) { tx in
                try await tx.publish(NoteWritten(text: note.text))
                try await tx.audit("create", entity: "probe.note", id: id.uuidString, organisation: caller.roles.keys.first)
                try await tx.execute("INSERT INTO probe_notes (id, text) VALUES (?, ?)", [id, note.text])
                return note
            }
        }
        registrar.routes(endpoints)
        registrar.demoData(
            DemoDataLoader(name: "probe.demo") { network, tx in
                try await tx.execute(
                    "INSERT INTO probe_notes (id, text) VALUES (?, ?)", [UUID(), "demo for \(network.partners.count) partners"])
            })
    }
}

/// An on/off switch shared between a test and the module it configures.
public final class FailureSwitch: Sendable {
    private let on = Mutex(false)
    public init() {}
    public var isOn: Bool { on.withLock { $0 } }
    public func set(_ value: Bool) { on.withLock { $0 = value } }
}

/// The error the probe throws when told to fail.
public struct ProbeFailure: Error, CustomStringConvertible {
    public var description: String { "probe told to fail" }
}
