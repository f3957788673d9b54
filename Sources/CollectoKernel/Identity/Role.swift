/// A user's role within one organisation.
public enum Role: String, Sendable, AcceptedValues, CaseIterable, Comparable {
    /// Manages the organisation, its users and its data.
    case admin
    /// Plans and changes the organisation's operations (sites, vehicles, rounds).
    case coordinator
    /// Drives rounds: sees the rounds assigned to them and records stops.
    case driver
    /// Uses the organisation's data (a partner's volunteer placing orders).
    case member
    /// Reads, never writes.
    case readOnly = "read_only"

    /// Writes that change an organisation's operations need this much.
    public var canManage: Bool { self == .admin || self == .coordinator }

    private var rank: Int {
        switch self {
        case .admin: 4
        case .coordinator: 3
        case .member: 2
        case .driver: 1
        case .readOnly: 0
        }
    }

    public static func < (lhs: Role, rhs: Role) -> Bool { lhs.rank < rhs.rank }
}
