import CollectoKernel
import Foundation

/// Plans the workshop: gathers lots on hand and expected, recipes, equipment,
/// shifts and closures into a ``SchedulingProblem``, runs the
/// ``BatchScheduler`` around locked and running batches, and stores the plan
/// with an explanation for every lot it leaves. Also moves a batch by hand.
struct PlanningService: Sendable {
    /// How far ahead a plan reaches, and a batch may be moved: four weeks.
    static let horizonDays = 28

    struct PlanRequest: Sendable, Codable, StrictBody {
        enum Field: String, CodingKey, CaseIterable { case from, days }
        static let ranges: [FieldRange] = [.integer("days", 1...PlanningService.horizonDays)]
        var from: CalendarDate?
        var days: Int?
    }

    struct Move: Sendable, Codable, StrictBody {
        enum Field: String, CodingKey, CaseIterable { case day, start }
        var day: CalendarDate
        var start: LocalTime
    }

    /// A lot the plan leaves, and why.
    struct UnusedView: Sendable, Codable {
        var lotId: UUID
        var productName: String?
        var spoilDate: CalendarDate?
        var kg: Double
        var spoils: Bool
        var code: String
        var message: String
    }

    /// The plan for a period, as the manager reads it.
    struct PlanView: Sendable, Codable {
        var from: CalendarDate
        var until: CalendarDate
        var batches: [Batch]
        var unused: [UnusedView]
        var processedKg: Double
        var expectedOutputKg: Double
        var spoilingKg: Double
        var keptForLaterKg: Double
    }

    let timeZone: TimeZone

    func today(_ tx: Transaction) -> CalendarDate { CalendarDate(tx.now, in: timeZone) }

    /// `now` decides what is already past on the first day.
    func problem(workshop: Workshop, from: CalendarDate, days: Int, fixed: [PlannedBatch], now: Date, in db: any SQLExecutor)
        async throws -> SchedulingProblem
    {
        let today = CalendarDate(now, in: timeZone)
        let local = Calendar(identifier: .gregorian).dateComponents(in: timeZone, from: now)
        let minutesNow = (local.hour ?? 0) * 60 + (local.minute ?? 0)
        let lots = try await db.query(
            """
            SELECT * FROM microtransform_input_lots WHERE workshop_id = ? AND status IN ('available', 'expected') AND left_grams > 0
                AND spoil_date >= ? ORDER BY spoil_date, id
            """, [workshop.organisationId, from]
        ).map { row in
            let lot = try WorkshopRows.inputLot(row)
            return SchedulingProblem.Lot(
                id: lot.id, kind: lot.produceKind, productName: lot.productName, grams: try row.int("left_grams"),
                availableFrom: lot.status == .expected ? from.adding(days: 1) : from, spoilDate: lot.spoilDate)
        }
        let until = from.adding(days: days - 1)
        let site = try await SiteService().get(workshop.siteId, in: db)
        return SchedulingProblem(
            firstDay: from, days: days, openingHours: site?.openingHours ?? OpeningHours(),
            closedDays: Set(try await ResourceService.closures(workshop: workshop.organisationId, in: db).map(\.day)), lots: lots,
            recipes: try await RecipeService.list(workshop: workshop.organisationId, activeOnly: true, in: db).map(\.forScheduling),
            equipment: try await ResourceService.equipment(workshop: workshop.organisationId, in: db).map {
                .init(
                    id: $0.id, name: $0.name, type: $0.type, capacityGrams: WorkshopRows.grams($0.capacityKg), unavailable: $0.unavailable)
            },
            shifts: try await ResourceService.shifts(workshop: workshop.organisationId, from: from, until: until, in: db).map {
                .init(day: $0.day, from: $0.from, until: $0.until, cooks: $0.cooks)
            },
            fixed: fixed, firstDayStartMinute: from == today ? minutesNow : 0)
    }

    /// Batches to plan around: locked planned ones, and running ones (whose produce is already taken from their lots).
    func fixedBatches(workshop: Workshop, from: CalendarDate, excluding: UUID? = nil, lockedOnly: Bool, in db: any SQLExecutor)
        async throws -> [PlannedBatch]
    {
        let running = Set(
            try await db.query(
                "SELECT id FROM microtransform_batches WHERE workshop_id = ? AND status = 'running'", [workshop.organisationId]
            ).map { try $0.uuid("id") })
        return try await PlanStore.planned(workshop: workshop.organisationId, from: from, in: db).compactMap { batch in
            guard batch.id != excluding, !lockedOnly || batch.locked else { return nil }
            var copy = batch
            if running.contains(batch.id!) { copy.inputs = [] }
            return copy
        }
    }

    /// Replaces the unlocked planned batches from `from` on with a new plan.
    func replan(workshop: Workshop, request: PlanRequest, in tx: Transaction) async throws -> PlanView {
        let today = today(tx)
        let from = max(request.from ?? today, today)
        let days = request.days ?? 7
        try Validate.range(days, 1...Self.horizonDays, field: "days")
        _ = try await InputLotStore.writeOffSpoiled(workshop: workshop, today: today, in: tx)
        // Unlocked plans from `from` on are replaced; planned batches of past days never ran and go too.
        for row in try await tx.query(
            "SELECT id FROM microtransform_batches WHERE workshop_id = ? AND status = 'planned' AND ((locked = 0 AND day >= ?) OR day < ?)",
            [workshop.organisationId, from, today])
        {
            try await PlanStore.delete(try row.uuid("id"), in: tx)
        }
        // What stays is fixed: locked and running batches, and every batch planned between today and `from`
        // (a plan from a later day keeps the days before it), so their produce and equipment are never planned twice.
        let fixed = try await fixedBatches(workshop: workshop, from: today, lockedOnly: false, in: tx)
        let plan = BatchScheduler().plan(try await problem(workshop: workshop, from: from, days: days, fixed: fixed, now: tx.now, in: tx))
        for batch in plan.batches where batch.id == nil {
            _ = try await PlanStore.insert(batch, workshop: workshop.organisationId, in: tx)
        }
        try await tx.execute("DELETE FROM microtransform_plan_notes WHERE workshop_id = ?", [workshop.organisationId])
        for unused in plan.unused {
            try await tx.execute(
                """
                INSERT INTO microtransform_plan_notes (workshop_id, lot_id, grams, spoils, code, message, planned_at)
                VALUES (?, ?, ?, ?, ?, ?, ?)
                """,
                [workshop.organisationId, unused.lotId, unused.grams, unused.spoils, unused.reason.code, unused.reason.description, tx.now])
        }
        return try await view(workshop: workshop.organisationId, from: from, until: from.adding(days: days - 1), in: tx)
    }

    func view(workshop: UUID, from: CalendarDate, until: CalendarDate, in db: any SQLExecutor) async throws -> PlanView {
        let batches = try await PlanStore.batches(workshop: workshop, from: from, until: until, status: nil, in: db).items
        let unused = try await db.query(
            """
            SELECT n.*, l.product_name, l.spoil_date FROM microtransform_plan_notes n
            LEFT JOIN microtransform_input_lots l ON l.id = n.lot_id WHERE n.workshop_id = ? ORDER BY n.spoils DESC, l.spoil_date, n.lot_id
            """, [workshop]
        ).map {
            UnusedView(
                lotId: try $0.uuid("lot_id"), productName: try $0.optionalString("product_name"),
                spoilDate: try $0.optionalCalendarDate("spoil_date"), kg: WorkshopRows.kg(try $0.int("grams")),
                spoils: try $0.bool("spoils"),
                code: try $0.string("code"), message: try $0.string("message"))
        }
        let planned = batches.filter { $0.status == .planned || $0.status == .running }
        return PlanView(
            from: from, until: until, batches: batches, unused: unused,
            processedKg: Self.rounded(planned.reduce(0) { $0 + $1.inputs.reduce(0) { $0 + $1.plannedKg } }),
            expectedOutputKg: Self.rounded(planned.reduce(0) { $0 + $1.expectedOutputKg }),
            spoilingKg: Self.rounded(unused.filter(\.spoils).reduce(0) { $0 + $1.kg }),
            keptForLaterKg: Self.rounded(unused.filter { !$0.spoils }.reduce(0) { $0 + $1.kg }))
    }

    /// Kilograms to the gram, without binary noise.
    static func rounded(_ kg: Double) -> Double {
        (kg * 1000).rounded() / 1000
    }

    /// Moves a planned batch to a day and start the manager chooses, and locks it there.
    func move(_ id: UUID, _ move: Move, in tx: Transaction) async throws -> Batch {
        let current = try await PlanStore.batch(id, in: tx)
        guard current.status == .planned else {
            throw MicroTransformError.batchStatus(batch: id, status: current.status, action: .move)
        }
        let today = today(tx)
        guard move.day >= today else { throw KernelError.invalid(field: "day", message: "a batch cannot be moved into the past") }
        guard move.start.minutesSinceMidnight % WorkshopTimeline.slotMinutes == 0 else {
            throw KernelError.invalid(field: "start", message: "batches start on the quarter hour")
        }
        let workshop = try await Workshop.get(current.workshopId, in: tx)
        let recipe = try await RecipeService.load(current.recipeId, in: tx)
        let days = today.days(until: move.day) + 1
        guard days <= PlanningService.horizonDays else {
            throw KernelError.invalid(field: "day", message: "a batch is planned at most \(PlanningService.horizonDays) days ahead")
        }
        let fixed = try await fixedBatches(workshop: workshop, from: today, excluding: id, lockedOnly: false, in: tx)
        let problem = try await problem(workshop: workshop, from: today, days: days, fixed: fixed, now: tx.now, in: tx)
        let lots = Dictionary(problem.lots.map { ($0.id, $0) }, uniquingKeysWith: { first, _ in first })
        for input in current.inputs {
            guard let lot = lots[input.lotId] else { continue }
            if move.day > lot.spoilDate {
                throw KernelError.invalid(field: "day", message: "its produce spoils on \(lot.spoilDate)")
            }
            if move.day < lot.availableFrom {
                throw KernelError.invalid(field: "day", message: "its produce is not in the workshop before \(lot.availableFrom)")
            }
        }
        var timeline = WorkshopTimeline(problem)
        for batch in fixed { timeline.book(batch) }
        let grams = WorkshopRows.grams(current.inputs.reduce(0) { $0 + $1.plannedKg } + current.plannedAddedKg)
        guard
            let steps = timeline.placement(
                steps: recipe.forScheduling.steps, grams: grams, staff: current.staff, dayIndex: days - 1,
                firstSlot: move.start.minutesSinceMidnight / WorkshopTimeline.slotMinutes)
        else {
            throw MicroTransformError.batchConflict(batch: id, day: move.day, start: move.start)
        }
        try await tx.execute(
            "UPDATE microtransform_batches SET day = ?, start_minute = ?, end_minute = ?, locked = 1 WHERE id = ?",
            [move.day, steps.map(\.startMinute).min() ?? 0, steps.map(\.endMinute).max() ?? 0, id])
        try await PlanStore.writeSteps(steps, batch: id, in: tx)
        return try await PlanStore.batch(id, in: tx)
    }
}
