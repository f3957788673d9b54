import Foundation

/// An interval of instants during which something may happen (a pickup, a delivery).
public struct TimeWindow: Sendable, Hashable, Codable {
    public var from: Date
    public var until: Date

    public init(from: Date, until: Date) {
        self.from = from
        self.until = until
    }

    public func contains(_ instant: Date) -> Bool {
        from <= instant && instant <= until
    }
}
