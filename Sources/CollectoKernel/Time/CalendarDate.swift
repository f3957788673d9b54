import Foundation

/// A day on the calendar (a use-by date, a delivery day), not an instant:
/// it has no time and no time zone, and is written `YYYY-MM-DD`.
public struct CalendarDate: Sendable, Hashable, Comparable, Codable, CustomStringConvertible, SQLBindable {
    public let year: Int
    public let month: Int
    public let day: Int

    public init?(year: Int, month: Int, day: Int) {
        var components = DateComponents()
        (components.year, components.month, components.day) = (year, month, day)
        guard (1...9999).contains(year), components.isValidDate(in: Self.gregorian) else { return nil }
        (self.year, self.month, self.day) = (year, month, day)
    }

    /// The years a written date may fall in: food aid's dates (use-by dates, delivery days, report periods) are all here,
    /// and every computation on them stays far from the calendar's limits.
    public static let writtenYears = 1900...2199

    /// Parses `YYYY-MM-DD` within ``writtenYears``; nil for anything else, including impossible days.
    public init?(_ text: String) {
        let parts = text.split(separator: "-", omittingEmptySubsequences: false)
        guard parts.count == 3, parts[0].count == 4, parts[1].count == 2, parts[2].count == 2,
            let year = Int(parts[0]), let month = Int(parts[1]), let day = Int(parts[2]), Self.writtenYears.contains(year)
        else { return nil }
        self.init(year: year, month: month, day: day)
    }

    /// The first day of the month after this one.
    public var startOfNextMonth: CalendarDate {
        let first = CalendarDate(year: month == 12 ? year + 1 : year, month: month == 12 ? 1 : month + 1, day: 1)
        return first ?? adding(days: 32 - day)
    }

    /// The day an instant falls on in a time zone.
    public init(_ instant: Date, in timeZone: TimeZone) {
        var calendar = Self.gregorian
        calendar.timeZone = timeZone
        let parts = calendar.dateComponents([.year, .month, .day], from: instant)
        (year, month, day) = (parts.year!, parts.month!, parts.day!)
    }

    public var description: String {
        String(format: "%04d-%02d-%02d", year, month, day)
    }

    public var sqlValue: SQLValue { .text(description) }

    /// The day of the week.
    public var weekday: Weekday {
        let components = DateComponents(year: year, month: month, day: day, hour: 12)
        let noon = Self.gregorian.date(from: components)!
        return Weekday(gregorianIndex: Self.gregorian.component(.weekday, from: noon))
    }

    public func adding(days: Int) -> CalendarDate {
        let components = DateComponents(year: year, month: month, day: day, hour: 12)
        let moved = Self.gregorian.date(byAdding: .day, value: days, to: Self.gregorian.date(from: components)!)!
        return CalendarDate(moved, in: .gmt)
    }

    /// Days from `self` to `other` (positive when `other` is later).
    public func days(until other: CalendarDate) -> Int {
        let from = Self.gregorian.date(from: DateComponents(year: year, month: month, day: day, hour: 12))!
        let to = Self.gregorian.date(from: DateComponents(year: other.year, month: other.month, day: other.day, hour: 12))!
        return Self.gregorian.dateComponents([.day], from: from, to: to).day!
    }

    /// The instant at which a local wall-clock time happens on this day in `timeZone`.
    /// A time skipped by a daylight-saving change moves forward to the first valid instant.
    public func instant(at time: LocalTime, in timeZone: TimeZone) -> Date {
        var calendar = Self.gregorian
        calendar.timeZone = timeZone
        let components = DateComponents(year: year, month: month, day: day, hour: time.hour, minute: time.minute)
        if let date = calendar.date(from: components) { return date }
        return calendar.nextDate(
            after: calendar.date(from: DateComponents(year: year, month: month, day: day))!,
            matching: DateComponents(hour: time.hour, minute: time.minute), matchingPolicy: .nextTime)!
    }

    public static func < (lhs: CalendarDate, rhs: CalendarDate) -> Bool {
        (lhs.year, lhs.month, lhs.day) < (rhs.year, rhs.month, rhs.day)
    }

    public init(from decoder: any Decoder) throws {
        let container = try decoder.singleValueContainer()
        let text = try container.decode(String.self)
        guard let date = CalendarDate(text) else {
            throw DecodingError.dataCorruptedError(in: container, debugDescription: "expected a date as YYYY-MM-DD, got \(text)")
        }
        self = date
    }

    public func encode(to encoder: any Encoder) throws {
        var container = encoder.singleValueContainer()
        try container.encode(description)
    }

    static let gregorian: Calendar = {
        var calendar = Calendar(identifier: .gregorian)
        calendar.timeZone = .gmt
        return calendar
    }()
}
