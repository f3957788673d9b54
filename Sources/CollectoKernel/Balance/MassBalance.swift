import CSV
import Foundation

/// The whole mass balance of the network for a period, or for one donation:
/// each enabled module fills its own sections from its own records (the
/// kernel knows no module; a disabled module's lines are simply absent).
/// Every figure is in whole grams, and every equation shows its difference:
/// a difference between two weighings is information, not noise.
public struct MassBalance: Sendable, Codable {
    public var from: CalendarDate
    public var until: CalendarDate
    /// The donation or pickup the balance is restricted to (`foodaid:<pickup id>`), if any.
    public var source: String?
    public var sections: [BalanceSection]
    /// True when every equation of every section closes to the gram (weighing differences are shown, not required to be 0).
    public var closes: Bool
    /// When the period's figures last changed after the period ended (a correction written later to one of its
    /// entries), if they did: figures reported before then are restated.
    public var restatedAt: Date?

    public init(from: CalendarDate, until: CalendarDate, source: String?, sections: [BalanceSection]) {
        self.from = from
        self.until = until
        self.source = source
        self.sections = sections
        closes = sections.allSatisfy { $0.checks.allSatisfy { $0.kind == .weighing || $0.differenceGrams == 0 } }
        restatedAt = sections.compactMap(\.restatedAt).max()
    }

    /// The balance flattened to `module,section,kind,account,key,grams,kg` rows: lines, then checks, then
    /// `restated` rows (the instant in `key`) for sections whose figures changed after the period.
    public func csv() throws -> String {
        let writer = try CSVExport(header: ["module", "section", "kind", "account", "key", "grams", "kg"])
        for section in sections {
            for line in section.lines {
                try writer.row([
                    section.module, section.title, "line", line.account, line.key ?? "", String(line.grams), Grams.text(line.grams),
                ])
            }
            for check in section.checks {
                try writer.row([
                    section.module, section.title, check.kind == .equation ? "difference" : "weighing_difference", check.name,
                    check.equation,
                    String(check.differenceGrams),
                    Grams.text(check.differenceGrams),
                ])
            }
            if let restated = section.restatedAt {
                try writer.row([section.module, section.title, "restated", "restated_at", Instant.format(restated), "", ""])
            }
        }
        return writer.text()
    }
}

/// One module's part of the balance: its lines and the equations they must satisfy.
public struct BalanceSection: Sendable, Codable {
    public var module: String
    public var title: String
    public var lines: [BalanceLine]
    public var checks: [BalanceCheck]
    /// The latest correction written after the period to an entry of the period, if any: the section is restated.
    public var restatedAt: Date?

    public init(module: String, title: String, lines: [BalanceLine], checks: [BalanceCheck], restatedAt: Date? = nil) {
        self.module = module
        self.title = title
        self.lines = lines
        self.checks = checks
        self.restatedAt = restatedAt
    }
}

/// One figure of the balance: an account (`received`, `to_stock`…), an optional key (a category, a destination).
public struct BalanceLine: Sendable, Codable, Hashable {
    public var account: String
    public var key: String?
    public var grams: Int
    /// The same weight in kilograms, exact to the gram.
    public var kg: Double

    public init(_ account: String, key: String? = nil, grams: Int) {
        self.account = account
        self.key = key
        self.grams = grams
        kg = Grams.kg(grams)
    }
}

/// An equation between lines, computed from their own records: left minus right is its difference.
public struct BalanceCheck: Sendable, Codable, Hashable {
    /// Whether the difference must be 0.
    public enum Kind: String, Sendable, Codable, Hashable {
        /// Bookkeeping that must close: a difference is an error somewhere in the records.
        case equation
        /// Two weighings of the same goods (the driver's and the sorting's): a difference is information.
        case weighing
    }

    public var name: String
    public var kind: Kind
    /// The equation in words: `received = to_stock + to_processing + unfit`.
    public var equation: String
    public var leftGrams: Int
    public var rightGrams: Int
    public var differenceGrams: Int
    public var differenceKg: Double

    public init(_ name: String, equation: String, left: Int, right: Int, kind: Kind = .equation) {
        self.name = name
        self.kind = kind
        self.equation = equation
        leftGrams = left
        rightGrams = right
        differenceGrams = left - right
        differenceKg = Grams.kg(left - right)
    }
}

/// What a balance is asked for: instants in the deployment's zone, and an optional source.
public struct BalanceScope: Sendable, Hashable {
    public var from: CalendarDate
    public var until: CalendarDate
    /// Midnight starting `from`, and midnight after `until`.
    public var start: Date
    public var end: Date
    /// A source reference as modules publish it: its module, and the module's own reference.
    public var source: (module: String, reference: String)?

    public init(from: CalendarDate, until: CalendarDate, timeZone: TimeZone, source: (module: String, reference: String)?) {
        self.from = from
        self.until = until
        start = from.instant(at: LocalTime(hour: 0, minute: 0)!, in: timeZone)
        end = until.adding(days: 1).instant(at: LocalTime(hour: 0, minute: 0)!, in: timeZone)
        self.source = source
    }

    public static func == (lhs: BalanceScope, rhs: BalanceScope) -> Bool {
        lhs.from == rhs.from && lhs.until == rhs.until && lhs.source?.module == rhs.source?.module
            && lhs.source?.reference == rhs.source?.reference
    }

    public func hash(into hasher: inout Hasher) {
        hasher.combine(from)
        hasher.combine(until)
        hasher.combine(source?.module)
        hasher.combine(source?.reference)
    }
}

/// How a module fills its sections of the balance, registered with
/// ``ModuleRegistrar/massBalance(_:)``: read-only, from its own tables.
public struct BalanceContributor: Sendable {
    public let compute: @Sendable (BalanceScope, any SQLExecutor) async throws -> [BalanceSection]

    public init(_ compute: @escaping @Sendable (BalanceScope, any SQLExecutor) async throws -> [BalanceSection]) {
        self.compute = compute
    }
}
