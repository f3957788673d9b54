import Foundation

/// The organisations, sites, vehicles and users the kernel's demo data creates,
/// handed to each module's demo loader so it can build on them.
public struct DemoNetwork: Sendable {
    /// An organisation with its main site.
    public struct Member: Sendable {
        public let organisation: Organisation
        public let site: Site
    }

    public var foodBank: Member
    public var partners: [Member]
    public var donors: [Member]
    public var suppliers: [Member]
    public var workshop: Member
    public var cityService: Member
    public var treatmentSites: [Member]
    public var vehicles: [Vehicle]
    /// Demo log-ins by email, all with ``password``.
    public var users: [String: UUID]
    /// The day the demo is centred on (today in the deployment's time zone).
    public var today: CalendarDate
    /// The deployment's time zone.
    public var timeZone: TimeZone

    public static let password = "collecto-demo"
}

/// A small deterministic pseudo-random generator (SplitMix64), so the demo
/// data and benchmarks are the same on every run.
public struct SeededGenerator: RandomNumberGenerator, Sendable {
    private var state: UInt64

    public init(seed: UInt64) {
        state = seed
    }

    public mutating func next() -> UInt64 {
        state &+= 0x9E37_79B9_7F4A_7C15
        var z = state
        z = (z ^ (z >> 30)) &* 0xBF58_476D_1CE4_E5B9
        z = (z ^ (z >> 27)) &* 0x94D0_49BB_1331_11EB
        return z ^ (z >> 31)
    }
}
