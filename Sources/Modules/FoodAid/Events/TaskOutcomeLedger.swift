import CollectoKernel
import Foundation

/// FoodAid's ledger of what its rounds actually moved: every pickup at a donor
/// and every delivery to a partner, with the weight the driver recorded. It is
/// filled from the kernel's ``TaskStopRecorded`` events for FoodAid's own task
/// kinds, and read by partners (their deliveries) and the food bank.
enum TaskOutcomeLedger {
    static let handler = EventHandler.on(TaskStopRecorded.self, name: "foodaid.task_outcomes") { event, envelope, tx in
        guard event.ownerModule == FoodAidModule.id.rawValue else { return }
        try await tx.execute(
            """
            INSERT INTO foodaid_task_outcomes (event_id, task_id, kind, reference, organisation_id, site_id, action, outcome,
                actual_grams, note, recorded_at) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)
            """,
            [
                envelope.id, event.taskId, event.kind, event.reference, envelope.organisationId, event.siteId, event.action.rawValue,
                event.outcome.rawValue, event.actualKg.map(Grams.of), event.note, event.recordedAt,
            ])
    }

    /// One line of the ledger.
    struct Entry: Codable, Sendable {
        var taskId: UUID
        var kind: String
        var reference: String
        var siteId: UUID
        var action: String
        var outcome: String
        var actualKg: Double?
        var note: String?
        var recordedAt: Date
    }

    /// An organisation's ledger, newest first.
    static func entries(for organisation: UUID, limit: Int, in db: any SQLExecutor) async throws -> [Entry] {
        try await db.query(
            "SELECT * FROM foodaid_task_outcomes WHERE organisation_id = ? ORDER BY recorded_at DESC, event_id DESC LIMIT ?",
            [organisation, limit]
        ).map { row in
            Entry(
                taskId: try row.uuid("task_id"), kind: try row.string("kind"), reference: try row.string("reference"),
                siteId: try row.uuid("site_id"), action: try row.string("action"), outcome: try row.string("outcome"),
                actualKg: try row.optionalInt("actual_grams").map(Grams.kg), note: try row.optionalString("note"),
                recordedAt: try row.instant("recorded_at"))
        }
    }
}
