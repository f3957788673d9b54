import Foundation

/// A round refused, or a vehicle change refused for the rounds it would break,
/// with every rule of the road each round breaks and its values (stops, tasks,
/// instants, loads), so that a page words each one in its own language. The
/// API sends the same rules as `details`, one English line each.
public struct RoundRulesBroken: DomainError {
    /// One round's broken rules: `round` is nil for the round being built.
    public struct Entry: Sendable {
        public let round: Round?
        public let violations: [RoundViolation]
    }

    public let code: String
    public let message: String
    public let entries: [Entry]

    /// A round being built that breaks `violations`.
    static func building(_ violations: [RoundViolation]) -> RoundRulesBroken {
        RoundRulesBroken(
            code: "round_infeasible", message: "the round breaks \(violations.count) rule(s)",
            entries: [Entry(round: nil, violations: violations)])
    }

    /// A vehicle change that would break these planned rounds.
    static func vehicleNeeded(by broken: [(round: Round, violations: [RoundViolation])]) -> RoundRulesBroken {
        RoundRulesBroken(
            code: "vehicle_needed_by_rounds",
            message: "\(broken.count) round(s) still to drive need the vehicle as it is: change or cancel them first",
            entries: broken.map { Entry(round: $0.round, violations: $0.violations) })
    }

    public var kind: ProblemKind { .ruleViolation }

    public var details: [String]? {
        entries.flatMap { entry in
            entry.violations.map { violation in
                entry.round.map { "round \($0.id.uuidString.lowercased()) on \($0.day): " + violation.description } ?? violation.description
            }
        }
    }

    public var values: [String: ErrorValue] { ["violations": .texts(details ?? [])] }
}
