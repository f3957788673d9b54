import Foundation

/// Creating, reading and cancelling logistics tasks. Modules create tasks in
/// their own transactions; the kernel checks them like any other input.
public struct TaskService: Sendable {
    /// What a module (or a coordinator, for a manual task) asks to be moved.
    public struct Input: Sendable, Codable {
        public var kind: String
        public var reference: String
        public var organisationId: UUID
        public var pickup: LogisticsTask.Endpoint?
        public var drop: LogisticsTask.Endpoint?
        public var kg: Double
        public var litres: Double?
        public var temperature: TemperatureClass?
        public var isFood: Bool?
        /// The last instant the goods may be collected (nil: no limit but the pickup window).
        public var latestPickupAt: Date?

        public init(
            kind: String, reference: String, organisationId: UUID, pickup: LogisticsTask.Endpoint?, drop: LogisticsTask.Endpoint?,
            kg: Double, litres: Double? = nil, temperature: TemperatureClass? = nil, isFood: Bool? = nil, latestPickupAt: Date? = nil
        ) {
            self.latestPickupAt = latestPickupAt
            self.kind = kind
            self.reference = reference
            self.organisationId = organisationId
            self.pickup = pickup
            self.drop = drop
            self.kg = kg
            self.litres = litres
            self.temperature = temperature
            self.isFood = isFood
        }
    }

    /// Task kinds declared by the kernel and the enabled modules.
    let catalogue: TaskKindCatalog

    public init(catalogue: TaskKindCatalog) {
        self.catalogue = catalogue
    }

    /// Every declared kind with its owner.
    public var kinds: [String: (kind: TaskKind, owner: String)] { catalogue.all }

    public func create(_ input: Input, in tx: Transaction) async throws -> LogisticsTask {
        guard let declared = catalogue.all[input.kind] else {
            throw KernelError.invalid(field: "kind", message: "unknown task kind \(input.kind)")
        }
        try Validate.nonEmpty(input.reference, field: "reference", maxLength: 200)
        try Validate.range(input.kg, 0...40_000, field: "kg")
        if let litres = input.litres { try Validate.range(litres, 0...100_000, field: "litres") }
        guard input.pickup != nil || input.drop != nil else {
            throw KernelError.invalid(field: "pickup", message: "a task needs a pickup site, a drop site, or both")
        }
        try await OrganisationService().requireExisting(input.organisationId, in: tx)
        for (field, endpoint) in [("pickup", input.pickup), ("drop", input.drop)] {
            guard let endpoint else { continue }
            guard try await SiteService().get(endpoint.siteId, in: tx) != nil else {
                throw KernelError.invalid(field: "\(field).siteId", message: "no site \(endpoint.siteId)")
            }
            if let window = endpoint.window, window.until <= window.from {
                throw KernelError.invalid(field: "\(field).window", message: "the window ends before it starts")
            }
        }
        if let pickup = input.pickup?.window, let drop = input.drop?.window, drop.until < pickup.from {
            throw KernelError.invalid(field: "drop.window", message: "the drop window closes before the pickup window opens")
        }
        let task = LogisticsTask(
            id: UUID(), kind: input.kind, ownerModule: declared.owner, reference: input.reference,
            organisationId: input.organisationId, pickup: input.pickup, drop: input.drop, kg: Grams.kg(Grams.of(kg: input.kg)),
            litres: Grams.kg(Grams.of(kg: input.litres ?? input.kg)), temperature: input.temperature ?? .ambient,
            isFood: input.isFood ?? declared.kind.isFood,
            status: .pending, roundId: nil, actualKg: nil, createdAt: tx.now, updatedAt: tx.now,
            latestPickupAt: input.pickup == nil ? nil : input.latestPickupAt)
        try await tx.execute(
            """
            INSERT INTO kernel_tasks (id, kind, owner_module, reference, organisation_id, pickup_site_id, pickup_from,
                pickup_until, drop_site_id, drop_from, drop_until, kg, litres, temperature, is_food, status, created_at, updated_at,
                latest_pickup_at)
            VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)
            """,
            [
                task.id, task.kind, task.ownerModule, task.reference, task.organisationId, task.pickup?.siteId,
                task.pickup?.window?.from, task.pickup?.window?.until, task.drop?.siteId, task.drop?.window?.from,
                task.drop?.window?.until, task.kg, task.litres, task.temperature.rawValue, task.isFood, task.status.rawValue,
                task.createdAt, task.updatedAt, task.latestPickupAt,
            ])
        return task
    }

    public func get(_ id: UUID, in db: any SQLExecutor) async throws -> LogisticsTask? {
        try await db.queryFirst("SELECT * FROM kernel_tasks WHERE id = ?", [id]).map(Self.task)
    }

    /// Tasks visible to a caller: their organisations' tasks, or all for operator staff.
    /// Filtered and paged in SQL.
    public func list(visibleTo readable: Set<UUID>?, status: TaskStatus?, page: PageRequest? = nil, in db: any SQLExecutor) async throws
        -> Page<LogisticsTask>
    {
        var query = SQLListQuery("SELECT * FROM kernel_tasks")
        query.filter("organisation_id", in: readable)
        query.filter("status = ?", status?.rawValue)
        query.order(by: "created_at, id", page: page)
        return try await query.page(in: db, each: Self.task)
    }

    /// Records a task as done outside any recorded round (history brought in from
    /// before collectod, the demo's past months), with the weight moved.
    public func recordDone(_ id: UUID, actualKg: Double?, in tx: Transaction) async throws {
        guard try await get(id, in: tx) != nil else { throw KernelError.notFound(entity: "task", id: id.uuidString) }
        try await tx.execute(
            "UPDATE kernel_tasks SET status = ?, actual_grams = COALESCE(?, CAST(ROUND(kg * 1000) AS BIGINT)), updated_at = ? WHERE id = ?",
            [TaskStatus.done.rawValue, actualKg.map { Grams.of(kg: $0) }, tx.now, id])
    }

    /// Cancels a task that no round carries yet.
    public func cancel(_ id: UUID, in tx: Transaction) async throws -> LogisticsTask {
        guard var task = try await get(id, in: tx) else { throw KernelError.notFound(entity: "task", id: id.uuidString) }
        guard task.status == .pending else {
            throw KernelError.conflict(
                code: "task_not_pending", message: "only a pending task can be cancelled; this one is \(task.status.rawValue)")
        }
        try await tx.execute(
            "UPDATE kernel_tasks SET status = ?, updated_at = ? WHERE id = ?", [TaskStatus.cancelled.rawValue, tx.now, id])
        task.status = .cancelled
        task.updatedAt = tx.now
        return task
    }

    static func task(_ row: SQLRow) throws -> LogisticsTask {
        func endpoint(_ prefix: String) throws -> LogisticsTask.Endpoint? {
            guard let site = try row.optionalUUID("\(prefix)_site_id") else { return nil }
            var window: TimeWindow?
            if let from = try row.optionalInstant("\(prefix)_from"), let until = try row.optionalInstant("\(prefix)_until") {
                window = TimeWindow(from: from, until: until)
            }
            return .init(siteId: site, window: window)
        }
        return LogisticsTask(
            id: try row.uuid("id"), kind: try row.string("kind"), ownerModule: try row.string("owner_module"),
            reference: try row.string("reference"), organisationId: try row.uuid("organisation_id"),
            pickup: try endpoint("pickup"), drop: try endpoint("drop"), kg: try row.double("kg"), litres: try row.double("litres"),
            temperature: try row.value(TemperatureClass.self, "temperature"), isFood: try row.bool("is_food"),
            status: try row.value(TaskStatus.self, "status"), roundId: try row.optionalUUID("round_id"),
            actualKg: try row.optionalInt("actual_grams").map(Grams.kg), createdAt: try row.instant("created_at"),
            updatedAt: try row.instant("updated_at"), latestPickupAt: try row.optionalInstant("latest_pickup_at"))
    }
}
