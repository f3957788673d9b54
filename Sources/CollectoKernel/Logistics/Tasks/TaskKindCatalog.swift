import Synchronization

/// The task kinds the kernel and the enabled modules declared, by id, with
/// the module that owns each. Filled once at start-up, read afterwards.
public final class TaskKindCatalog: Sendable {
    private let kinds = Mutex<[String: (kind: TaskKind, owner: String)]>([:])

    public init() {}

    func set(_ value: [String: (kind: TaskKind, owner: String)]) {
        kinds.withLock { $0 = value }
    }

    public var all: [String: (kind: TaskKind, owner: String)] {
        kinds.withLock { $0 }
    }
}
