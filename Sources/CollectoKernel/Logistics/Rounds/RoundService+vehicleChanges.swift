import Foundation

extension RoundService {
    /// The vehicle's rounds still to drive (planned or on the road, from `day` on) that would break a rule of the
    /// vehicle (its days, its cold, its capacity) were it `changed`: each with the rules it would break.
    public func roundsBroken(byChanging changed: Vehicle, from day: CalendarDate, in tx: Transaction) async throws
        -> [(round: Round, violations: [RoundViolation])]
    {
        let rows = try await tx.query(
            """
            SELECT id FROM kernel_rounds WHERE vehicle_id = ? AND status IN ('planned', 'in_progress') AND day >= ?
            ORDER BY day, start_time, id
            """, [changed.id, day])
        var broken: [(round: Round, violations: [RoundViolation])] = []
        for row in rows {
            guard let round = try await get(try row.uuid("id"), in: tx) else { continue }
            var stops: [RoundFeasibility.Stop] = []
            for stop in round.stops {
                guard let site = try await SiteService().get(stop.siteId, in: tx) else { continue }
                var resolved = RoundFeasibility.Stop(site: site, pickups: [], drops: [])
                for action in stop.actions {
                    guard let task = try await TaskService.load(action.taskId, in: tx) else { continue }
                    if action.action == .pickup { resolved.pickups.append(task) } else { resolved.drops.append(task) }
                }
                stops.append(resolved)
            }
            let violations = feasibility.check(vehicle: changed, day: round.day, start: round.startTime, stops: stops).violations
                .filter { violation in
                    switch violation {
                    case .vehicleUnavailable, .coldChain, .overCapacity: true
                    default: false
                    }
                }
            if !violations.isEmpty { broken.append((round, violations)) }
        }
        return broken
    }
}
