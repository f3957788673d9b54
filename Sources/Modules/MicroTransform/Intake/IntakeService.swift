import CollectoKernel
import Foundation

/// Produce coming to the workshop: offers from sorting (kernel events) and
/// direct declarations, the workshop's decision, the trip in (a kernel
/// logistics task, chilled, before the produce spoils) and the weigh-in that
/// makes an input lot.
struct IntakeService: Sendable {
    static let taskKind = "microtransform.produce_intake"

    /// A direct declaration: a farm or a market brings produce.
    struct Declaration: Sendable, Codable, StrictBody {
        enum Field: String, CodingKey, CaseIterable { case sourceSiteId, produceKind, productName, kg, spoilDate }
        static let ranges: [FieldRange] = [.kilograms("kg", 0.1...20_000)]
        var sourceSiteId: UUID
        var produceKind: ProduceKind?
        var productName: String
        var kg: Double
        var spoilDate: CalendarDate
    }

    /// The workshop's yes, confirming the kind and, if it knows better, the spoil date.
    struct Acceptance: Sendable, Codable, StrictBody {
        enum Field: String, CodingKey, CaseIterable { case produceKind, spoilDate }
        var produceKind: ProduceKind?
        var spoilDate: CalendarDate?
    }

    let tasks: TaskService
    let timeZone: TimeZone

    /// Offers from sorting become proposed intakes at the nearest workshop.
    static func offers(timeZone: TimeZone) -> EventHandler {
        EventHandler.on(EndOfLifeProduceAvailable.self, name: "microtransform.produce_offers") { event, envelope, tx in
            guard let workshop = try await Workshop.nearest(to: event.siteId, in: tx) else { return }
            let spoil = CalendarDate(event.sortedAt, in: timeZone).adding(days: event.remainingShelfLifeDays)
            // Produce that spoiled before the offer was handled is recorded, but never proposed.
            let spoiled = spoil < CalendarDate(tx.now, in: timeZone)
            // Produce from a source recalled before its offer was handled is recorded recalled, never proposed.
            let recalled = try await SourceRecalls.recall(
                module: event.sourceModule, reference: event.sourceReference, category: event.category, in: tx)
            let status = recalled != nil ? "recalled" : spoiled ? "refused" : "proposed"
            let reason = recalled ?? (spoiled ? "spoiled on \(spoil), before the offer reached the workshop" : nil)
            try await tx.execute(
                """
                INSERT INTO microtransform_intakes (id, workshop_id, source, event_id, source_module, source_reference, source_site_id,
                    source_organisation_id, produce_kind, category, product_name, grams, spoil_date, status, reason, created_at)
                VALUES (?, ?, 'event', ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)
                """,
                [
                    UUID(), workshop.organisationId, envelope.id, event.sourceModule, event.sourceReference, event.siteId,
                    event.organisationId, ProduceKind.guess(from: event.productName)?.rawValue, event.category, event.productName,
                    WorkshopRows.grams(event.kg), spoil, status, reason, tx.now,
                ])
        }
    }

    /// When the round drops the produce at the workshop, the driver's weight makes the input lot.
    static func arrivals(timeZone: TimeZone) -> EventHandler {
        EventHandler.on(TaskStopRecorded.self, name: "microtransform.arrivals") { event, _, tx in
            guard event.ownerModule == MicroTransformModule.id.rawValue, event.kind == taskKind,
                let intakeID = UUID(uuidString: event.reference),
                let intake = try await tx.queryFirst("SELECT * FROM microtransform_intakes WHERE id = ?", [intakeID]).map(
                    WorkshopRows.intake),
                intake.status == .accepted
            else { return }
            if event.outcome == .failed && event.action == .pickup {
                try await markLost(intake, note: event.note, in: tx)
            } else if event.outcome == .done && event.action == .drop {
                try await weighIn(intake, kg: event.actualKg ?? intake.kg, in: tx)
            }
        }
    }

    func declare(_ declaration: Declaration, workshop: Workshop, in tx: Transaction) async throws -> Intake {
        try Validate.nonEmpty(declaration.productName, field: "productName", maxLength: 200)
        try Validate.range(declaration.kg, 0.1...20_000, field: "kg")
        guard let site = try await SiteService().get(declaration.sourceSiteId, in: tx) else {
            throw KernelError.invalid(field: "sourceSiteId", message: "no site \(declaration.sourceSiteId)")
        }
        guard declaration.spoilDate >= CalendarDate(tx.now, in: timeZone) else {
            throw KernelError.invalid(field: "spoilDate", message: "this produce has already spoiled")
        }
        let id = UUID()
        try await tx.execute(
            """
            INSERT INTO microtransform_intakes (id, workshop_id, source, source_site_id, source_organisation_id, produce_kind, category,
                product_name, grams, spoil_date, status, created_at)
            VALUES (?, ?, 'declared', ?, ?, ?, 'fruit_vegetables', ?, ?, ?, 'proposed', ?)
            """,
            [
                id, workshop.organisationId, site.id, site.organisationId,
                (declaration.produceKind ?? ProduceKind.guess(from: declaration.productName))?.rawValue, declaration.productName,
                WorkshopRows.grams(declaration.kg), declaration.spoilDate, tx.now,
            ])
        return try await Self.load(id, in: tx)
    }

    /// Accepts an intake: produce already at the workshop waits to be weighed; produce elsewhere gets a trip in.
    func accept(_ id: UUID, _ acceptance: Acceptance, in tx: Transaction) async throws -> Intake {
        var intake = try await Self.load(id, in: tx)
        try Self.require(intake, is: .proposed)
        guard let kind = acceptance.produceKind ?? intake.produceKind else {
            throw KernelError.invalid(field: "produceKind", message: "say whether this produce is vegetables or fruit")
        }
        let spoil = acceptance.spoilDate ?? intake.spoilDate
        let today = CalendarDate(tx.now, in: timeZone)
        guard spoil >= today else {
            throw MicroTransformError.produceSpoiled(intake: id, spoilDate: spoil)
        }
        let workshop = try await Workshop.get(intake.workshopId, in: tx)
        var taskID: UUID?
        if intake.sourceSiteId != workshop.siteId {
            let window = TimeWindow(
                from: tx.now, until: spoil.instant(at: LocalTime(hour: 18, minute: 0)!, in: timeZone))
            let task = try await tasks.create(
                .init(
                    kind: Self.taskKind, reference: id.uuidString.lowercased(), organisationId: workshop.organisationId,
                    pickup: .init(siteId: intake.sourceSiteId, window: window), drop: .init(siteId: workshop.siteId, window: window),
                    kg: intake.kg, temperature: .chilled, isFood: true),
                in: tx)
            taskID = task.id
        }
        let lotID = UUID()
        try await tx.execute(
            """
            INSERT INTO microtransform_input_lots (id, workshop_id, intake_id, produce_kind, product_name, grams, left_grams, spoil_date,
                status) VALUES (?, ?, ?, ?, ?, ?, ?, ?, 'expected')
            """,
            [
                lotID, workshop.organisationId, id, kind.rawValue, intake.productName, WorkshopRows.grams(intake.kg),
                WorkshopRows.grams(intake.kg), spoil,
            ])
        try await tx.execute(
            """
            UPDATE microtransform_intakes SET status = 'accepted', produce_kind = ?, spoil_date = ?, task_id = ?, lot_id = ?,
                decided_at = ? WHERE id = ?
            """, [kind.rawValue, spoil, taskID, lotID, tx.now, id])
        intake = try await Self.load(id, in: tx)
        return intake
    }

    func refuse(_ id: UUID, reason: String, in tx: Transaction) async throws -> Intake {
        try Validate.nonEmpty(reason, field: "reason", maxLength: 500)
        let intake = try await Self.load(id, in: tx)
        try Self.require(intake, is: .proposed)
        try await tx.execute(
            "UPDATE microtransform_intakes SET status = 'refused', reason = ?, decided_at = ? WHERE id = ?", [reason, tx.now, id])
        return try await Self.load(id, in: tx)
    }

    /// An input lot weighed in by hand, and what became of the trip that was to bring it.
    struct WeighedIn: Sendable, Codable {
        /// The intake's trip task: cancelled when no round carried it yet, left as it is (and said) when one does.
        struct TripTask: Sendable, Codable, Hashable {
            var id: UUID
            var status: TaskStatus
            var cancelled: Bool
            var note: String?
        }
        var lot: InputLot
        var tripTask: TripTask?

        private enum Keys: String, CodingKey { case tripTask }
        init(lot: InputLot, tripTask: TripTask?) {
            self.lot = lot
            self.tripTask = tripTask
        }
        init(from decoder: any Decoder) throws {
            lot = try InputLot(from: decoder)
            tripTask = try decoder.container(keyedBy: Keys.self).decodeIfPresent(TripTask.self, forKey: .tripTask)
        }
        /// The lot's fields, and `tripTask` beside them: what the weigh-in always answered, plus the trip.
        func encode(to encoder: any Encoder) throws {
            try lot.encode(to: encoder)
            var container = encoder.container(keyedBy: Keys.self)
            try container.encodeIfPresent(tripTask, forKey: .tripTask)
        }
    }

    /// The weigh-in at the workshop, for produce that came without a round (or whose driver did not weigh it).
    /// The produce is here, so no van goes for it: its trip task is cancelled while it is pending. A task a
    /// round already carries is the coordinator's (the round may be on its way): the weigh-in still holds —
    /// the produce is on the scale — and its answer says the task is on a round, to take it off.
    func receive(_ id: UUID, kg: Double, in tx: Transaction) async throws -> WeighedIn {
        try Validate.range(kg, 0.001...20_000, field: "kg")
        let intake = try await Self.load(id, in: tx)
        try Self.require(intake, is: .accepted)
        let lot = try await Self.weighIn(intake, kg: kg, in: tx)
        guard let taskID = intake.taskId, let task = try await tasks.get(taskID, in: tx) else {
            return WeighedIn(lot: lot, tripTask: nil)
        }
        switch task.status {
        case .pending:
            let cancelled = try await tasks.cancel(taskID, in: tx)
            return WeighedIn(
                lot: lot,
                tripTask: .init(id: taskID, status: cancelled.status, cancelled: true, note: "weighed in by hand: no trip needed"))
        case .planned, .inProgress:
            return WeighedIn(
                lot: lot,
                tripTask: .init(
                    id: taskID, status: task.status, cancelled: false,
                    note: "the trip is on a round (\(task.status.rawValue)): take it off the round, the produce is already here"))
        case .done, .failed, .cancelled:
            return WeighedIn(lot: lot, tripTask: .init(id: taskID, status: task.status, cancelled: false, note: nil))
        }
    }

    @discardableResult
    static func weighIn(_ intake: Intake, kg: Double, in tx: Transaction) async throws -> InputLot {
        guard let lotID = intake.lotId else { throw MicroTransformError.intakeWithoutLot(intake: intake.id, status: intake.status) }
        let grams = WorkshopRows.grams(kg)
        // The weight on the scale is the lot's weight in: nothing is used or written off yet.
        try await tx.execute(
            """
            UPDATE microtransform_input_lots SET grams = ?, left_grams = ?, written_off_grams = 0, status = 'available', received_at = ?
            WHERE id = ?
            """,
            [grams, grams, tx.now, lotID])
        try await tx.execute("UPDATE microtransform_intakes SET status = 'arrived' WHERE id = ?", [intake.id])
        // Batches planned on the estimate keep their places; the next plan uses the real weight.
        try await tx.execute(
            """
            UPDATE microtransform_batch_inputs SET planned_grams = ? WHERE lot_id = ? AND planned_grams > ?
                AND batch_id IN (SELECT id FROM microtransform_batches WHERE status = 'planned')
            """, [grams, lotID, grams])
        return try await InputLotStore.load(lotID, in: tx)
    }

    static func markLost(_ intake: Intake, note: String?, in tx: Transaction) async throws {
        try await tx.execute(
            "UPDATE microtransform_intakes SET status = 'lost', reason = ? WHERE id = ?", [note ?? "not collected", intake.id])
        if let lot = intake.lotId {
            try await tx.execute(
                """
                UPDATE microtransform_input_lots SET status = 'spoiled', written_off_grams = written_off_grams + left_grams, left_grams = 0
                WHERE id = ?
                """, [lot])
            try await PlanStore.dropPlannedBatches(using: [lot], in: tx)
        }
    }

    static func load(_ id: UUID, in db: any SQLExecutor) async throws -> Intake {
        guard let intake = try await db.queryFirst("SELECT * FROM microtransform_intakes WHERE id = ?", [id]).map(WorkshopRows.intake)
        else {
            throw KernelError.notFound(entity: "intake", id: id.uuidString)
        }
        return intake
    }

    static func require(_ intake: Intake, is status: IntakeStatus) throws {
        guard intake.status == status else {
            throw MicroTransformError.intakeStatus(intake: intake.id, status: intake.status, expected: status)
        }
    }

    /// A workshop's intakes, filtered and paged in SQL (first to spoil first within a status, newest first otherwise),
    /// with how many match.
    static func list(workshop: UUID, status: IntakeStatus?, page: PageRequest? = nil, in db: any SQLExecutor) async throws
        -> Page<Intake>
    {
        var query = SQLListQuery("SELECT * FROM microtransform_intakes")
        query.filter("workshop_id = ?", workshop)
        query.filter("status = ?", status?.rawValue)
        query.order(by: status == nil ? "created_at DESC, id" : "spoil_date, created_at, id", page: page)
        return try await query.page(in: db, each: WorkshopRows.intake)
    }
}
