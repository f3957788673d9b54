import Foundation

/// Building rounds by hand (checked by ``RoundFeasibility``), reading them,
/// and recording what happened at each stop.
public struct RoundService: Sendable {
    let feasibility: RoundFeasibility

    public init(feasibility: RoundFeasibility) {
        self.feasibility = feasibility
    }

    /// Creates a round after checking who asks, the tasks, and every rule of the road.
    public func create(_ request: RoundRequest, by caller: Caller, in tx: Transaction) async throws -> Round {
        try caller.require(caller.canManage(request.organisationId), "you cannot plan rounds for this organisation")
        guard let vehicle = try await VehicleService().get(request.vehicleId, in: tx) else {
            throw KernelError.invalid(field: "vehicleId", message: "no vehicle \(request.vehicleId)")
        }
        guard vehicle.isUsable(by: request.organisationId) else {
            throw KernelError.invalid(field: "vehicleId", message: "the vehicle is neither owned by nor shared with this organisation")
        }
        if let driver = request.driverUserId {
            try await requireDriver(driver, for: vehicle, in: tx)
        }
        guard !request.stops.isEmpty else { throw KernelError.invalid(field: "stops", message: "a round has at least one stop") }
        let stops = try await resolve(request.stops, by: caller, in: tx)
        var outcome = feasibility.check(vehicle: vehicle, day: request.day, start: request.startTime, stops: stops)
        outcome.violations += try await doubleBookings(
            vehicle: vehicle.id, driver: request.driverUserId, from: outcome.start, until: outcome.end, in: tx)
        guard outcome.isFeasible else {
            throw RoundRulesBroken.building(outcome.violations)
        }
        let round = Round(
            id: UUID(), organisationId: request.organisationId, day: request.day, startTime: request.startTime,
            vehicleId: vehicle.id, driverUserId: request.driverUserId, plannedStart: outcome.start, plannedEnd: outcome.end,
            status: .planned,
            stops: zip(stops, outcome.arrivals).enumerated().map { index, pair in
                Round.Stop(
                    id: UUID(), sequence: index + 1, siteId: pair.0.site.id, plannedArrival: pair.1, completedAt: nil,
                    actions: pair.0.drops.map { .init(taskId: $0.id, action: .drop) }
                        + pair.0.pickups.map { .init(taskId: $0.id, action: .pickup) })
            },
            createdAt: tx.now)
        try await insert(round, in: tx)
        return round
    }

    /// Rounds that keep the vehicle or the driver busy during [from, until].
    private func doubleBookings(vehicle: UUID, driver: UUID?, from: Date, until: Date, in tx: Transaction) async throws -> [RoundViolation]
    {
        let rows = try await tx.query(
            """
            SELECT id, vehicle_id, driver_user_id FROM kernel_rounds
            WHERE status IN ('planned', 'in_progress') AND planned_start < ? AND planned_end > ?
              AND (vehicle_id = ? OR driver_user_id = ?) ORDER BY planned_start, id
            """, [until, from, vehicle, driver])
        var violations: [RoundViolation] = []
        for row in rows {
            let other = try row.uuid("id")
            if try row.uuid("vehicle_id") == vehicle { violations.append(.vehicleDoubleBooked(otherRound: other)) }
            if let driver, try row.optionalUUID("driver_user_id") == driver { violations.append(.driverDoubleBooked(otherRound: other)) }
        }
        return violations
    }

    private func requireDriver(_ driver: UUID, for vehicle: Vehicle, in tx: Transaction) async throws {
        let rows = try await tx.query(
            "SELECT organisation_id FROM kernel_memberships WHERE user_id = ? AND role IN ('driver', 'coordinator', 'admin')", [driver])
        let organisations = try rows.map { try $0.uuid("organisation_id") }
        guard organisations.contains(where: vehicle.isUsable(by:)) else {
            throw KernelError.invalid(
                field: "driverUserId", message: "the driver is not a driver of an organisation that may use the vehicle")
        }
    }

    /// Resolves sites and tasks, and checks that each task is pending, visible,
    /// handled at its own sites, and picked up and dropped where it has ends.
    private func resolve(_ requested: [RoundRequest.Stop], by caller: Caller, in tx: Transaction) async throws -> [RoundFeasibility.Stop] {
        var stops: [RoundFeasibility.Stop] = []
        var pickedUp: Set<UUID> = []
        var dropped: Set<UUID> = []
        var tasks: [UUID: LogisticsTask] = [:]
        for (index, stop) in requested.enumerated() {
            let field = "stops[\(index)]"
            guard let site = try await SiteService().get(stop.siteId, in: tx) else {
                throw KernelError.invalid(field: "\(field).siteId", message: "no site \(stop.siteId)")
            }
            var resolved = RoundFeasibility.Stop(site: site, pickups: [], drops: [])
            for (action, ids) in [(Round.Action.drop, stop.drops ?? []), (.pickup, stop.pickups ?? [])] {
                for id in ids {
                    let taskField = "\(field).\(action == .drop ? "drops" : "pickups")"
                    let task: LogisticsTask
                    if let known = tasks[id] {
                        task = known
                    } else {
                        guard let loaded = try await TaskService.load(id, in: tx), caller.canRead(loaded.organisationId) else {
                            throw KernelError.invalid(field: taskField, message: "no task \(id)")
                        }
                        guard loaded.status == .pending else {
                            throw KernelError.invalid(field: taskField, message: "task \(id) is \(loaded.status.rawValue), not pending")
                        }
                        tasks[id] = loaded
                        task = loaded
                    }
                    let end = action == .drop ? task.drop : task.pickup
                    guard let end, end.siteId == site.id else {
                        throw KernelError.invalid(field: taskField, message: "task \(id) has no \(action.rawValue) at site \(site.id)")
                    }
                    if action == .drop {
                        guard dropped.insert(id).inserted else {
                            throw KernelError.invalid(field: taskField, message: "task \(id) is dropped twice")
                        }
                        resolved.drops.append(task)
                    } else {
                        guard pickedUp.insert(id).inserted else {
                            throw KernelError.invalid(field: taskField, message: "task \(id) is picked up twice")
                        }
                        resolved.pickups.append(task)
                    }
                }
            }
            stops.append(resolved)
        }
        for task in tasks.values {
            if task.pickup != nil && !pickedUp.contains(task.id) {
                throw KernelError.invalid(field: "stops", message: "task \(task.id) is dropped but never picked up")
            }
            if task.drop != nil && !dropped.contains(task.id) {
                throw KernelError.invalid(field: "stops", message: "task \(task.id) is picked up but never dropped")
            }
        }
        return stops
    }

    private func insert(_ round: Round, in tx: Transaction) async throws {
        try await tx.execute(
            """
            INSERT INTO kernel_rounds (id, organisation_id, day, start_time, vehicle_id, driver_user_id, planned_start, planned_end,
                status, created_at)
            VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?)
            """,
            [
                round.id, round.organisationId, round.day, round.startTime.description, round.vehicleId, round.driverUserId,
                round.plannedStart, round.plannedEnd, round.status.rawValue, round.createdAt,
            ])
        for stop in round.stops {
            try await tx.execute(
                "INSERT INTO kernel_round_stops (id, round_id, sequence, site_id, planned_arrival) VALUES (?, ?, ?, ?, ?)",
                [stop.id, round.id, stop.sequence, stop.siteId, stop.plannedArrival])
            for action in stop.actions {
                try await tx.execute(
                    "INSERT INTO kernel_stop_actions (stop_id, task_id, action) VALUES (?, ?, ?)",
                    [stop.id, action.taskId, action.action.rawValue])
                // Only a pending task may be planned: a concurrent round taking it first makes this update miss.
                let changed = try await tx.execute(
                    "UPDATE kernel_tasks SET status = 'planned', round_id = ?, updated_at = ? WHERE id = ? AND (status = 'pending' OR round_id = ?)",
                    [round.id, tx.now, action.taskId, round.id])
                if changed == 0 {
                    throw KernelError.conflict(code: "task_taken", message: "task \(action.taskId) was planned on another round meanwhile")
                }
            }
        }
    }

    /// Records a stop: every task planned there, its outcome and actual weight.
    /// Tells owning modules through ``TaskStopRecorded`` events.
    public func completeStop(round roundID: UUID, sequence: Int, _ completion: StopCompletion, by caller: Caller, in tx: Transaction)
        async throws -> Round
    {
        guard let round = try await get(roundID, in: tx), isVisible(round, to: caller) else {
            throw KernelError.notFound(entity: "round", id: roundID.uuidString)
        }
        try caller.require(
            round.driverUserId == caller.userID || caller.canManage(round.organisationId),
            "only the round's driver or a coordinator records stops")
        guard round.status == .planned || round.status == .inProgress else {
            throw KernelError.conflict(code: "round_closed", message: "the round is \(round.status.rawValue)")
        }
        guard let stop = round.stops.first(where: { $0.sequence == sequence }) else {
            throw KernelError.notFound(entity: "stop", id: String(sequence))
        }
        guard stop.completedAt == nil else {
            throw KernelError.conflict(code: "stop_completed", message: "stop \(sequence) is already recorded")
        }
        let planned = Set(stop.actions.map { "\($0.taskId)|\($0.action.rawValue)" })
        let given = completion.entries.map { "\($0.taskId)|\($0.action.rawValue)" }
        guard Set(given) == planned, given.count == planned.count else {
            throw KernelError.invalid(
                field: "entries", message: "record each task planned at this stop exactly once (\(planned.count) expected)")
        }
        for (index, entry) in completion.entries.enumerated() {
            if let kg = entry.actualKg { try Validate.range(kg, 0...40_000, field: "entries[\(index)].actualKg") }
            if (entry.outcome ?? .done) == .done && entry.actualKg == nil {
                throw KernelError.invalid(field: "entries[\(index)].actualKg", message: "a task done at a stop needs its actual weight")
            }
        }
        if let vehicle = try await VehicleService().get(round.vehicleId, in: tx) {
            try VehicleLoad(capacityKg: vehicle.capacityKg).check(completion, at: stop, of: round)
        }
        try await tx.execute(
            "UPDATE kernel_round_stops SET completed_at = ?, completed_by = ? WHERE id = ?", [tx.now, caller.userID, stop.id])
        for entry in completion.entries {
            guard let task = try await TaskService.load(entry.taskId, in: tx) else { continue }
            let outcome = entry.outcome ?? .done
            let actualGrams = entry.actualKg.map { Grams.of(kg: $0) }
            try await tx.execute(
                "UPDATE kernel_stop_actions SET actual_grams = ? WHERE stop_id = ? AND task_id = ? AND action = ?",
                [actualGrams, stop.id, entry.taskId, entry.action.rawValue])
            let status: TaskStatus = outcome == .failed ? .failed : (entry.action == .drop || task.drop == nil ? .done : .inProgress)
            try await tx.execute(
                "UPDATE kernel_tasks SET status = ?, actual_grams = COALESCE(?, actual_grams), updated_at = ? WHERE id = ?",
                [status.rawValue, actualGrams, tx.now, task.id])
            try await tx.publish(
                TaskStopRecorded(
                    taskId: task.id, kind: task.kind, ownerModule: task.ownerModule, reference: task.reference, roundId: round.id,
                    siteId: stop.siteId, action: entry.action, outcome: outcome, actualKg: actualGrams.map(Grams.kg), note: entry.note,
                    recordedAt: tx.now,
                    carrier: TaskCarrier(organisationId: round.organisationId, vehicleId: round.vehicleId, driverUserId: round.driverUserId)
                ),
                organisation: task.organisationId)
        }
        let remaining = round.stops.filter { $0.completedAt == nil && $0.id != stop.id }.count
        let status: RoundStatus = remaining == 0 ? .completed : .inProgress
        try await tx.execute("UPDATE kernel_rounds SET status = ? WHERE id = ?", [status.rawValue, round.id])
        return try await get(round.id, in: tx)!
    }

    /// Cancels a round that has not started; its tasks become pending again.
    public func cancel(_ roundID: UUID, by caller: Caller, in tx: Transaction) async throws -> Round {
        guard let round = try await get(roundID, in: tx), isVisible(round, to: caller) else {
            throw KernelError.notFound(entity: "round", id: roundID.uuidString)
        }
        try caller.require(caller.canManage(round.organisationId), "you cannot cancel this round")
        guard round.status == .planned else {
            throw KernelError.conflict(
                code: "round_started", message: "only a planned round can be cancelled; this one is \(round.status.rawValue)")
        }
        try await tx.execute("UPDATE kernel_rounds SET status = 'cancelled' WHERE id = ?", [round.id])
        try await tx.execute(
            "UPDATE kernel_tasks SET status = 'pending', round_id = NULL, updated_at = ? WHERE round_id = ? AND status = 'planned'",
            [tx.now, round.id])
        return try await get(round.id, in: tx)!
    }

    /// Whether a caller may see a round: its driver, or a reader of its organisation.
    public func isVisible(_ round: Round, to caller: Caller) -> Bool {
        round.driverUserId == caller.userID || caller.canRead(round.organisationId)
    }

    /// Rounds a caller may see on a day (or all days), filtered and paged in
    /// SQL: the rounds of organisations the caller reads, and the rounds the caller drives.
    public func list(visibleTo caller: Caller, day: CalendarDate?, page: PageRequest? = nil, in db: any SQLExecutor) async throws
        -> Page<Round>
    {
        var query = SQLListQuery("SELECT id FROM kernel_rounds")
        query.filter("day = ?", day)
        if let readable = caller.readableOrganisations {
            let marks = Array(repeating: "?", count: readable.count).joined(separator: ", ")
            let own = readable.isEmpty ? "" : " OR organisation_id IN (\(marks))"
            query.filter(
                "(driver_user_id = ?\(own))",
                values: [caller.userID] + readable.sorted { $0.uuidString < $1.uuidString } as [any SQLBindable])
        }
        query.order(by: "day, start_time, id", page: page)
        return try await query.page(in: db) { rows in
            var rounds: [Round] = []
            for row in rows {
                if let round = try await get(try row.uuid("id"), in: db) { rounds.append(round) }
            }
            return rounds
        }
    }

    public func get(_ id: UUID, in db: any SQLExecutor) async throws -> Round? {
        guard let row = try await db.queryFirst("SELECT * FROM kernel_rounds WHERE id = ?", [id]) else { return nil }
        var stops: [Round.Stop] = []
        for stopRow in try await db.query("SELECT * FROM kernel_round_stops WHERE round_id = ? ORDER BY sequence", [id]) {
            let stopID = try stopRow.uuid("id")
            let actions = try await db.query(
                "SELECT task_id, action, actual_grams FROM kernel_stop_actions WHERE stop_id = ? ORDER BY action, task_id", [stopID]
            ).map {
                Round.StopAction(
                    taskId: try $0.uuid("task_id"), action: try $0.value(Round.Action.self, "action"),
                    actualKg: try $0.optionalInt("actual_grams").map(Grams.kg))
            }
            stops.append(
                Round.Stop(
                    id: stopID, sequence: try stopRow.int("sequence"), siteId: try stopRow.uuid("site_id"),
                    plannedArrival: try stopRow.optionalInstant("planned_arrival"),
                    completedAt: try stopRow.optionalInstant("completed_at"),
                    actions: actions))
        }
        guard let day = CalendarDate(try row.string("day")), let start = LocalTime(try row.string("start_time")) else {
            throw StorageError.unexpectedValue(column: "day/start_time", expected: "date and time")
        }
        return Round(
            id: id, organisationId: try row.uuid("organisation_id"), day: day, startTime: start, vehicleId: try row.uuid("vehicle_id"),
            driverUserId: try row.optionalUUID("driver_user_id"), plannedStart: try row.instant("planned_start"),
            plannedEnd: try row.instant("planned_end"), status: try row.value(RoundStatus.self, "status"),
            stops: stops, createdAt: try row.instant("created_at"))
    }
}

extension TaskService {
    /// Loads a task without the kind registry (for kernel internals).
    static func load(_ id: UUID, in db: any SQLExecutor) async throws -> LogisticsTask? {
        try await db.queryFirst("SELECT * FROM kernel_tasks WHERE id = ?", [id]).map(task)
    }
}
