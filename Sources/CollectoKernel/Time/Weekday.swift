/// A day of the week, ISO order (Monday first), spelled in lowercase English in JSON.
public enum Weekday: String, Sendable, AcceptedValues, CaseIterable, Hashable {
    case monday, tuesday, wednesday, thursday, friday, saturday, sunday

    /// From Foundation's Gregorian weekday index (1 = Sunday).
    init(gregorianIndex: Int) {
        self = [.sunday, .monday, .tuesday, .wednesday, .thursday, .friday, .saturday][gregorianIndex - 1]
    }
}
