import Foundation

/// How instants are written in storage and JSON: ISO 8601 in UTC with
/// milliseconds (`2026-11-24T08:30:00.000Z`), which sorts as text and reads
/// the same on both engines.
public enum Instant {
    public static func format(_ date: Date) -> String {
        date.formatted(style)
    }

    public static func parse(_ text: String) -> Date? {
        if let date = try? style.parse(text) { return date }
        return try? Date.ISO8601FormatStyle(timeZone: .gmt).parse(text)
    }

    private static let style = Date.ISO8601FormatStyle(includingFractionalSeconds: true, timeZone: .gmt)
}
