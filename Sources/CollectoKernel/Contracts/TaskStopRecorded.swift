import Foundation

/// Published when a driver records a task's pickup or drop at a stop, with the
/// weight actually moved (proof of delivery). The module that owns the task
/// handles it to move its own state on (an order delivered, a pickup received).
///
/// Contract version 1: fields are only ever added (the carrier fields were:
/// events recorded before them decode with them nil).
public struct TaskStopRecorded: KernelEvent, Hashable {
    public static let eventType = "kernel.task_stop_recorded"
    public static let version = 1

    public var taskId: UUID
    public var kind: String
    public var ownerModule: String
    public var reference: String
    public var roundId: UUID
    public var siteId: UUID
    public var action: Round.Action
    /// `done` or `failed` (nothing to collect, refused, nobody there).
    public var outcome: StopOutcome
    public var actualKg: Double?
    public var note: String?
    public var recordedAt: Date
    /// Who carried it: the round's organisation, its vehicle and its driver.
    public var carrier: TaskCarrier?

    public init(
        taskId: UUID, kind: String, ownerModule: String, reference: String, roundId: UUID, siteId: UUID, action: Round.Action,
        outcome: StopOutcome, actualKg: Double?, note: String?, recordedAt: Date, carrier: TaskCarrier? = nil
    ) {
        self.taskId = taskId
        self.kind = kind
        self.ownerModule = ownerModule
        self.reference = reference
        self.roundId = roundId
        self.siteId = siteId
        self.action = action
        self.outcome = outcome
        self.actualKg = actualKg
        self.note = note
        self.recordedAt = recordedAt
        self.carrier = carrier
    }
}

/// How a task's action at a stop went.
public enum StopOutcome: String, Sendable, AcceptedValues, Hashable {
    case done
    case failed
}
