/// When a site can be served, per weekday, as local time ranges
/// (`{"monday": [{"from": "08:00", "until": "12:00"}], ...}`).
/// A weekday that is absent is closed; an empty value means the site keeps no hours (always open).
public struct OpeningHours: Sendable, Hashable, Codable {
    /// One opening range on one day.
    public struct Range: Sendable, Hashable, Codable {
        public var from: LocalTime
        public var until: LocalTime
        public init(from: LocalTime, until: LocalTime) {
            self.from = from
            self.until = until
        }
    }

    public var days: [Weekday: [Range]]

    public init(_ days: [Weekday: [Range]] = [:]) {
        self.days = days
    }

    /// Always open: the site declares no hours.
    public var isUnrestricted: Bool { days.isEmpty }

    /// The ranges open on a weekday (empty when closed).
    public func ranges(on weekday: Weekday) -> [Range] {
        (days[weekday] ?? []).sorted { $0.from < $1.from }
    }

    /// Ranges where `until` is not after `from`.
    public var invalidRanges: [(Weekday, Range)] {
        days.flatMap { day, ranges in ranges.filter { $0.until <= $0.from }.map { (day, $0) } }
    }

    public init(from decoder: any Decoder) throws {
        let container = try decoder.singleValueContainer()
        let raw = try container.decode([String: [Range]].self)
        var days: [Weekday: [Range]] = [:]
        for (key, ranges) in raw {
            guard let day = Weekday(rawValue: key) else {
                throw DecodingError.dataCorruptedError(in: container, debugDescription: "unknown weekday \(key)")
            }
            days[day] = ranges
        }
        self.days = days
    }

    public func encode(to encoder: any Encoder) throws {
        var container = encoder.singleValueContainer()
        try container.encode(Dictionary(uniqueKeysWithValues: days.map { ($0.key.rawValue, $0.value) }))
    }
}
