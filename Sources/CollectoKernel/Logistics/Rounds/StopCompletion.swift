import Foundation

/// What a driver records at a stop: for each task handled there, whether it
/// went through and the weight actually moved.
public struct StopCompletion: Sendable, Codable {
    /// One task's record at the stop.
    public struct Entry: Sendable, Codable {
        public var taskId: UUID
        public var action: Round.Action
        public var outcome: StopOutcome?
        public var actualKg: Double?
        public var note: String?

        public init(taskId: UUID, action: Round.Action, outcome: StopOutcome? = nil, actualKg: Double? = nil, note: String? = nil) {
            self.taskId = taskId
            self.action = action
            self.outcome = outcome
            self.actualKg = actualKg
            self.note = note
        }
    }

    public var entries: [Entry]

    public init(entries: [Entry]) {
        self.entries = entries
    }
}
