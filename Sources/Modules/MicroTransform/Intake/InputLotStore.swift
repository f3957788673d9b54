import CollectoKernel
import Foundation

/// Input lots: reading them, and writing off what spoiled (to biowaste). A
/// lot written off keeps what it lost in `written_off_grams`, so that its
/// weight in is always what batches used, plus what is left, plus that.
enum InputLotStore {
    static func load(_ id: UUID, in db: any SQLExecutor) async throws -> InputLot {
        guard let lot = try await find(id, in: db) else { throw KernelError.notFound(entity: "input lot", id: id.uuidString) }
        return lot
    }

    /// The input lot, or nil when there is none with this id.
    static func find(_ id: UUID, in db: any SQLExecutor) async throws -> InputLot? {
        try await db.queryFirst("SELECT * FROM microtransform_input_lots WHERE id = ?", [id]).map(WorkshopRows.inputLot)
    }

    /// A workshop's input lots, first to spoil first, filtered and paged in SQL, with how many match.
    static func list(workshop: UUID, status: InputLotStatus?, page: PageRequest? = nil, in db: any SQLExecutor) async throws
        -> Page<InputLot>
    {
        var query = SQLListQuery("SELECT * FROM microtransform_input_lots")
        query.filter("workshop_id = ?", workshop)
        query.filter("status = ?", status?.rawValue)
        query.order(by: "spoil_date, id", page: page)
        return try await query.page(in: db, each: WorkshopRows.inputLot)
    }

    /// A workshop's output lots, newest first, filtered and paged in SQL, with how many match.
    static func outputLots(workshop: UUID, status: OutputLotStatus?, page: PageRequest?, in db: any SQLExecutor) async throws
        -> Page<OutputLot>
    {
        var query = SQLListQuery("SELECT * FROM microtransform_output_lots")
        query.filter("workshop_id = ?", workshop)
        query.filter("status = ?", status?.rawValue)
        query.order(by: "created_at DESC, id", page: page)
        return try await query.page(in: db, each: WorkshopRows.outputLot)
    }

    /// Lots whose spoil date has passed with produce left: written off, and the produce goes to biowaste.
    static func writeOffSpoiled(workshop: Workshop, today: CalendarDate, in tx: Transaction) async throws -> [InputLot] {
        let spoiled = try await tx.query(
            """
            SELECT * FROM microtransform_input_lots WHERE workshop_id = ? AND status IN ('available', 'expected') AND spoil_date < ?
            ORDER BY spoil_date, id
            """, [workshop.organisationId, today]
        ).map(WorkshopRows.inputLot)
        for lot in spoiled {
            try await tx.execute(
                """
                UPDATE microtransform_input_lots SET status = 'spoiled', written_off_grams = written_off_grams + left_grams, left_grams = 0
                WHERE id = ?
                """, [lot.id])
            try await PlanStore.dropPlannedBatches(using: [lot.id], in: tx)
            guard lot.status == .available, lot.leftKg > 0 else { continue }
            try await tx.publish(
                BiowasteProduced(
                    sourceModule: MicroTransformModule.id.rawValue, sourceReference: "input-lot:\(lot.id.uuidString.lowercased())",
                    siteId: workshop.siteId, organisationId: workshop.organisationId, kg: lot.leftKg, nature: "spoiled_produce",
                    reason: "spoiled on \(lot.spoilDate) before it could be processed", producedAt: tx.now),
                organisation: workshop.organisationId)
        }
        return spoiled
    }
}
