import Foundation

/// The actions on rounds, each one unit of work with its audit entry: built
/// by coordinators, seen by drivers only when assigned to them, recorded stop
/// by stop. ``RoundService`` holds the rules; this is what the API and the
/// pages call.
public struct RoundUseCases: Sendable {
    let units: UnitOfWorkRunner
    let rounds: RoundService

    public init(units: UnitOfWorkRunner, rounds: RoundService) {
        self.units = units
        self.rounds = rounds
    }

    public func list(day: CalendarDate?, page: PageRequest, by caller: Caller) async throws -> [Round] {
        let rounds = self.rounds
        return try await units.read { db in try await rounds.list(visibleTo: caller, day: day, page: page, in: db) }
    }

    public func create(_ request: RoundRequest, by caller: Caller) async throws -> Round {
        let rounds = self.rounds
        return try await units.write(by: caller) { tx in
            let round = try await rounds.create(request, by: caller, in: tx)
            try await tx.audit(
                "create", entity: "round", id: round.id.uuidString, organisation: round.organisationId,
                details: "\(round.day) \(round.stops.count) stop(s)")
            return round
        }
    }

    public func round(_ id: UUID, by caller: Caller) async throws -> Round {
        let rounds = self.rounds
        guard let round = try await units.read({ db in try await rounds.get(id, in: db) }), rounds.isVisible(round, to: caller)
        else { throw KernelError.notFound(entity: "round", id: id.uuidString) }
        return round
    }

    public func completeStop(_ id: UUID, sequence: Int, _ completion: StopCompletion, by caller: Caller) async throws -> Round {
        let rounds = self.rounds
        return try await units.write(by: caller) { tx in
            let round = try await rounds.completeStop(round: id, sequence: sequence, completion, by: caller, in: tx)
            try await tx.audit(
                "complete_stop", entity: "round", id: id.uuidString, organisation: round.organisationId, details: "stop \(sequence)")
            return round
        }
    }

    public func cancel(_ id: UUID, by caller: Caller) async throws -> Round {
        let rounds = self.rounds
        return try await units.write(by: caller) { tx in
            let round = try await rounds.cancel(id, by: caller, in: tx)
            try await tx.audit("cancel", entity: "round", id: id.uuidString, organisation: round.organisationId)
            return round
        }
    }
}
