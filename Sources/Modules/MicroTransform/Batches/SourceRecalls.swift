import CollectoKernel
import Foundation

/// Recalls that start upstream: when the module that sent produce recalls
/// its source (``SourceRecalled``), every workshop blocks the produce it took
/// from there and everything made of it, and stops produce still on its way:
/// an intake not yet weighed in is recalled and its trip cancelled. Output
/// lots recalled where they are held are recalled here too. Recalled sources
/// are kept, so that produce offered from one later arrives recalled.
enum SourceRecalls {
    static func handler(tasks: TaskService) -> EventHandler {
        EventHandler.on(SourceRecalled.self, name: "microtransform.source_recalls") { event, _, tx in
            let reason = "source recalled by \(event.sourceModule): \(event.reason)"
            var lots: [UUID] = []
            for reference in event.sourceReferences {
                try await remember(module: event.sourceModule, reference: reference, categories: event.categories, reason: reason, in: tx)
                let intakes = try await tx.query(
                    """
                    SELECT * FROM microtransform_intakes WHERE source_module = ? AND source_reference = ? ORDER BY id
                    """, [event.sourceModule, reference]
                ).map(WorkshopRows.intake)
                for intake in intakes where event.categories.map({ $0.contains(intake.category) }) ?? true {
                    if let lot = intake.lotId { lots.append(lot) }
                    guard intake.status == .proposed || intake.status == .accepted else { continue }
                    try await tx.execute(
                        "UPDATE microtransform_intakes SET status = 'recalled', reason = ?, decided_at = ? WHERE id = ?",
                        [reason, tx.now, intake.id])
                    if let task = intake.taskId, try await tasks.get(task, in: tx)?.status == .pending {
                        _ = try await tasks.cancel(task, in: tx)
                    }
                }
            }
            if !lots.isEmpty {
                let report = try await Genealogy.block(inputLots: lots, reason: reason, organisation: nil, in: tx)
                try await tx.audit(
                    "recall", entity: "microtransform.input_lot", id: nil, organisation: nil,
                    details: "\(lots.count) input lot(s), \(report.outputLots.count) output lot(s), "
                        + "\(report.runningBatchIds.count) running batch(es): \(reason)")
            }
            if !event.outputLotIds.isEmpty {
                var outputs: [OutputLot] = []
                for id in event.outputLotIds {
                    if let output = try await tx.queryFirst("SELECT * FROM microtransform_output_lots WHERE id = ?", [id]).map(
                        WorkshopRows.outputLot)
                    {
                        outputs.append(output)
                    }
                }
                _ = try await Genealogy.recall(outputLots: outputs, reason: reason, in: tx)
            }
        }
    }

    /// Keeps a recalled source (every category of it when `categories` is nil).
    static func remember(module: String, reference: String, categories: [String]?, reason: String, in tx: Transaction) async throws {
        for category in categories ?? [""] {
            guard
                try await tx.queryFirst(
                    """
                    SELECT reason FROM microtransform_recalled_sources WHERE source_module = ? AND source_reference = ? AND category = ?
                    """, [module, reference, category]) == nil
            else { continue }
            try await tx.execute(
                """
                INSERT INTO microtransform_recalled_sources (source_module, source_reference, category, reason, recalled_at)
                VALUES (?, ?, ?, ?, ?)
                """, [module, reference, category, reason, tx.now])
        }
    }

    /// Why produce of `category` from this source may not be taken, if its source was recalled.
    static func recall(module: String, reference: String, category: String, in db: any SQLExecutor) async throws -> String? {
        try await db.queryFirst(
            """
            SELECT reason FROM microtransform_recalled_sources
            WHERE source_module = ? AND source_reference = ? AND (category = '' OR category = ?) ORDER BY recalled_at LIMIT 1
            """, [module, reference, category]
        ).map { try $0.string("reason") }
    }
}
