import CollectoKernel
import Foundation

/// Where processed food came from and where produce went: every output lot
/// knows the input lots of its batch and, through their intakes, the origin
/// the kernel event gave (a food-bank pickup) or the declaring site. A recall
/// of an input lot, or of everything from one origin, finds and blocks every
/// output lot made from it, and tells food-aid stock through a kernel event.
enum Genealogy {
    /// One input of a batch, traced to its origin.
    struct Source: Sendable, Codable, Hashable {
        var lotId: UUID
        var usedKg: Double
        var intakeId: UUID
        var source: String
        var sourceModule: String?
        var sourceReference: String?
        var sourceSiteId: UUID
        var sourceOrganisationId: UUID
        var productName: String?

        /// The origin as one string: `module:reference`, or the intake for declared produce.
        var reference: String {
            if let module = sourceModule, let reference = sourceReference { return "\(module):\(reference)" }
            return "microtransform.intake:\(intakeId.uuidString.lowercased())"
        }
    }

    /// An output lot, its batch and its sources.
    struct Tree: Sendable, Codable {
        var outputLot: OutputLot
        var batch: Batch
        var sources: [Source]
    }

    struct RecallRequest: Sendable, Codable, StrictBody {
        enum Field: String, CodingKey, CaseIterable { case inputLotId, sourceReference, reason }
        var inputLotId: UUID?
        /// Everything that came from this origin (e.g. `foodaid:<pickup id>`).
        var sourceReference: String?
        var reason: String
    }

    struct RecallReport: Sendable, Codable {
        var inputLotIds: [UUID]
        var outputLots: [OutputLot]
        var droppedPlannedBatches: Int
        /// Batches cooking with a recalled lot: they end recalled when the cooks finish them.
        var runningBatchIds: [UUID]
    }

    static func sources(ofBatch batch: UUID, in db: any SQLExecutor) async throws -> [Source] {
        try await db.query(
            """
            SELECT i.lot_id, i.used_grams, i.planned_grams, n.* FROM microtransform_batch_inputs i
            JOIN microtransform_input_lots l ON l.id = i.lot_id JOIN microtransform_intakes n ON n.id = l.intake_id
            WHERE i.batch_id = ? ORDER BY i.lot_id
            """, [batch]
        ).map { row in
            Source(
                lotId: try row.uuid("lot_id"), usedKg: WorkshopRows.kg(try row.optionalInt("used_grams") ?? row.int("planned_grams")),
                intakeId: try row.uuid("id"), source: try row.string("source"), sourceModule: try row.optionalString("source_module"),
                sourceReference: try row.optionalString("source_reference"), sourceSiteId: try row.uuid("source_site_id"),
                sourceOrganisationId: try row.uuid("source_organisation_id"), productName: try row.optionalString("product_name"))
        }
    }

    static func tree(outputLot id: UUID, in db: any SQLExecutor) async throws -> Tree {
        guard let lot = try await db.queryFirst("SELECT * FROM microtransform_output_lots WHERE id = ?", [id]).map(WorkshopRows.outputLot)
        else { throw KernelError.notFound(entity: "output lot", id: id.uuidString) }
        return Tree(
            outputLot: lot, batch: try await PlanStore.batch(lot.batchId, in: db), sources: try await sources(ofBatch: lot.batchId, in: db))
    }

    /// Output lots made (at least partly) from these input lots.
    static func outputs(from lots: [UUID], in db: any SQLExecutor) async throws -> [OutputLot] {
        var found: [UUID: OutputLot] = [:]
        for lot in lots {
            for row in try await db.query(
                """
                SELECT o.* FROM microtransform_output_lots o JOIN microtransform_batch_inputs i ON i.batch_id = o.batch_id
                WHERE i.lot_id = ? AND i.used_grams IS NOT NULL
                """, [lot])
            {
                let output = try WorkshopRows.outputLot(row)
                found[output.id] = output
            }
        }
        return found.values.sorted { ($0.createdAt, $0.id.uuidString) < ($1.createdAt, $1.id.uuidString) }
    }

    static func recall(workshop: Workshop, _ request: RecallRequest, in tx: Transaction) async throws -> RecallReport {
        try Validate.nonEmpty(request.reason, field: "reason", maxLength: 500)
        var lots: [UUID] = []
        if let id = request.inputLotId {
            let lot = try await InputLotStore.load(id, in: tx)
            guard lot.workshopId == workshop.organisationId else { throw KernelError.notFound(entity: "input lot", id: id.uuidString) }
            lots = [id]
        } else if let reference = request.sourceReference, !reference.isEmpty {
            let parts = reference.split(separator: ":", maxSplits: 1).map(String.init)
            let rows =
                parts.count == 2
                ? try await tx.query(
                    """
                    SELECT l.id FROM microtransform_input_lots l JOIN microtransform_intakes n ON n.id = l.intake_id
                    WHERE l.workshop_id = ? AND ((n.source_module = ? AND n.source_reference = ?) OR n.source_reference = ?)
                    ORDER BY l.id
                    """, [workshop.organisationId, parts[0], parts[1], reference])
                : try await tx.query(
                    """
                    SELECT l.id FROM microtransform_input_lots l JOIN microtransform_intakes n ON n.id = l.intake_id
                    WHERE l.workshop_id = ? AND n.source_reference = ? ORDER BY l.id
                    """, [workshop.organisationId, reference])
            lots = try rows.map { try $0.uuid("id") }
            guard !lots.isEmpty else { throw KernelError.invalid(field: "sourceReference", message: "no produce came from \(reference)") }
        } else {
            throw KernelError.invalid(field: "inputLotId", message: "name an input lot or a source reference")
        }
        return try await block(inputLots: lots, reason: request.reason, organisation: workshop.organisationId, in: tx)
    }

    /// Blocks input lots for good and everything made or being made from
    /// them: planned batches are dropped, running ones are marked to end
    /// recalled, finished ones and their output lots are recalled, and output
    /// that went out is recalled in food-aid stock through ``ProcessedFoodRecalled``.
    static func block(inputLots lots: [UUID], reason: String, organisation: UUID?, in tx: Transaction) async throws -> RecallReport {
        var dropped = 0
        var running: Set<UUID> = []
        for lot in lots {
            dropped += try await tx.scalarInt(
                """
                SELECT COUNT(DISTINCT b.id) FROM microtransform_batches b JOIN microtransform_batch_inputs i ON i.batch_id = b.id
                WHERE i.lot_id = ? AND b.status = 'planned'
                """, [lot])
            // What was left is written off, and kept: weight in = used + left + written off.
            try await tx.execute(
                """
                UPDATE microtransform_input_lots SET status = 'recalled', written_off_grams = written_off_grams + left_grams, left_grams = 0
                WHERE id = ?
                """, [lot])
            for row in try await tx.query(
                """
                SELECT DISTINCT b.id FROM microtransform_batches b JOIN microtransform_batch_inputs i ON i.batch_id = b.id
                WHERE i.lot_id = ? AND b.status = 'running' AND i.used_grams IS NOT NULL
                """, [lot])
            {
                running.insert(try row.uuid("id"))
            }
        }
        for batch in running {
            try await tx.execute(
                "UPDATE microtransform_batches SET recall_reason = COALESCE(recall_reason, ?), recalled_at = COALESCE(recalled_at, ?) WHERE id = ?",
                [reason, tx.now, batch])
        }
        try await PlanStore.dropPlannedBatches(using: lots, in: tx)
        let released = try await recall(outputLots: try await Self.outputs(from: lots, in: tx), reason: reason, in: tx)
        if !released.isEmpty {
            try await tx.publish(
                ProcessedFoodRecalled(
                    sourceModule: MicroTransformModule.id.rawValue, outputLotIds: released, reason: reason, recalledAt: tx.now),
                organisation: organisation)
        }
        return RecallReport(
            inputLotIds: lots, outputLots: try await Self.outputs(from: lots, in: tx), droppedPlannedBatches: dropped,
            runningBatchIds: running.sorted { $0.uuidString < $1.uuidString })
    }

    /// Recalls output lots not yet discarded or recalled, and their batches;
    /// returns those that had been released (and may be in food-aid stock).
    static func recall(outputLots: [OutputLot], reason: String, in tx: Transaction) async throws -> [UUID] {
        let blocked = outputLots.filter { $0.status != .discarded && $0.status != .recalled }
        for output in blocked {
            try await tx.execute("UPDATE microtransform_output_lots SET status = 'recalled' WHERE id = ?", [output.id])
            try await tx.execute(
                """
                UPDATE microtransform_batches SET status = 'recalled', recall_reason = COALESCE(recall_reason, ?),
                    recalled_at = COALESCE(recalled_at, ?) WHERE id = ?
                """, [reason, tx.now, output.batchId])
        }
        return blocked.filter { $0.status == .released }.map(\.id)
    }
}
