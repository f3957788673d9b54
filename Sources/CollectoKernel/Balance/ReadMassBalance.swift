import Foundation

/// Reads the mass balance: food-bank staff (who answer for the figures to
/// funders and the State) see the whole network's, for a period of days and
/// optionally one source (`foodaid:<pickup id>`).
public struct ReadMassBalance: Sendable {
    let units: UnitOfWorkRunner
    let contributors: [BalanceContributor]
    let timeZone: TimeZone

    public init(units: UnitOfWorkRunner, contributors: [BalanceContributor], timeZone: TimeZone) {
        self.units = units
        self.contributors = contributors
        self.timeZone = timeZone
    }

    /// The balance of days `from` to `until` inclusive.
    public func callAsFunction(from: CalendarDate, until: CalendarDate, source: String?, by caller: Caller) async throws -> MassBalance {
        try caller.require(caller.seesEverything, "only the food bank's staff read the network's mass balance")
        guard from <= until else { throw KernelError.invalid(field: "until", message: "the period ends before it starts") }
        guard from.days(until: until) <= 3_660 else {
            throw KernelError.invalid(field: "until", message: "a balance covers at most ten years")
        }
        var scoped: (module: String, reference: String)?
        if let source {
            let parts = source.split(separator: ":", maxSplits: 1).map(String.init)
            guard parts.count == 2, !parts[0].isEmpty, !parts[1].isEmpty else {
                throw KernelError.invalid(field: "source", message: "a source is written module:reference, e.g. foodaid:<pickup id>")
            }
            scoped = (parts[0], parts[1].lowercased())
        }
        let scope = BalanceScope(from: from, until: until, timeZone: timeZone, source: scoped)
        let contributors = self.contributors
        let sections = try await units.read { db in
            var sections: [BalanceSection] = []
            for contributor in contributors { sections += try await contributor.compute(scope, db) }
            return sections
        }
        return MassBalance(from: from, until: until, source: source, sections: sections)
    }
}
