import Foundation

/// The compact text form of opening hours used in CSV files:
/// `monday=08:00-12:00|14:00-18:00;tuesday=08:00-12:00`.
public enum OpeningHoursText {
    public static func parse(_ text: String) throws -> OpeningHours {
        var days: [Weekday: [OpeningHours.Range]] = [:]
        for entry in text.split(separator: ";") {
            let parts = entry.split(separator: "=", maxSplits: 1)
            guard parts.count == 2, let day = Weekday(rawValue: parts[0].trimmingCharacters(in: .whitespaces).lowercased()) else {
                throw KernelError.invalid(field: "opening_hours", message: "expected weekday=HH:mm-HH:mm, got \(entry)")
            }
            for range in parts[1].split(separator: "|") {
                let bounds = range.split(separator: "-")
                guard bounds.count == 2, let from = LocalTime(bounds[0].trimmingCharacters(in: .whitespaces)),
                    let until = LocalTime(bounds[1].trimmingCharacters(in: .whitespaces)), from < until
                else { throw KernelError.invalid(field: "opening_hours", message: "bad time range \(range) on \(day.rawValue)") }
                days[day, default: []].append(.init(from: from, until: until))
            }
        }
        return OpeningHours(days)
    }
}
