import Foundation

extension RoundService {
    /// The vehicle's rounds still to drive (planned or on the road, on the days `days` holds, from `first` on) that
    /// `changed` would break where `original` did not: a rule of the vehicle (its days, its cold, its capacity) or
    /// its sharing with the round's organisation. A rule a round already broke before the change is not the
    /// change's doing and does not stop it.
    public func roundsBroken(
        byChanging original: Vehicle, to changed: Vehicle, from first: CalendarDate, through last: CalendarDate? = nil,
        in tx: Transaction
    ) async throws -> [(round: Round, violations: [RoundViolation])] {
        var query = """
            SELECT id FROM kernel_rounds WHERE vehicle_id = ? AND status IN ('planned', 'in_progress') AND day >= ?
            """
        var values: [any SQLBindable] = [original.id, first]
        if let last {
            query += " AND day <= ?"
            values.append(last)
        }
        let rows = try await tx.query(query + " ORDER BY day, start_time, id", values)
        var broken: [(round: Round, violations: [RoundViolation])] = []
        for row in rows {
            guard let round = try await get(try row.uuid("id"), in: tx) else { continue }
            let stops = try await feasibilityStops(of: round, in: tx)
            func vehicleRules(_ vehicle: Vehicle) -> Set<RoundViolation> {
                var found = Set(
                    feasibility.check(vehicle: vehicle, day: round.day, start: round.startTime, stops: stops).violations.filter {
                        switch $0 {
                        case .vehicleUnavailable, .coldChain, .overCapacity: true
                        default: false
                        }
                    })
                if !vehicle.isUsable(by: round.organisationId) { found.insert(.vehicleNotShared(organisation: round.organisationId)) }
                return found
            }
            let before = vehicleRules(original)
            let introduced = vehicleRules(changed).subtracting(before)
            if !introduced.isEmpty {
                broken.append((round, introduced.sorted { $0.description < $1.description }))
            }
        }
        return broken
    }

    /// A recorded round's stops with their sites and tasks, as the rules of the road read them.
    private func feasibilityStops(of round: Round, in tx: Transaction) async throws -> [RoundFeasibility.Stop] {
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
        return stops
    }
}
