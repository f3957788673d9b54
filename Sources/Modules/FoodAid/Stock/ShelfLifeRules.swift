import CollectoKernel
import Foundation

/// When a lot may still go out: never after its use-by date; after its
/// best-before date only for the category's grace days, and then labelled.
public struct ShelfLifeRules: Sendable {
    /// Grace days after the best-before date, per category.
    public var graceDays: [ProductCategory: Int]

    public init(graceDays: [ProductCategory: Int] = [:]) {
        self.graceDays = graceDays
    }

    public func grace(for category: ProductCategory) -> Int {
        graceDays[category] ?? category.defaultBestBeforeGraceDays
    }

    /// Whether the lot may be reserved, picked or shipped on `day`.
    public func mayGoOut(_ lot: Lot, category: ProductCategory, on day: CalendarDate) -> Bool {
        if let useBy = lot.useBy, day > useBy { return false }
        if let bestBefore = lot.bestBefore, day > bestBefore.adding(days: grace(for: category)) { return false }
        return true
    }

    /// Whether the lot goes out past its best-before date (and must say so).
    public func isPastBestBefore(_ lot: Lot, on day: CalendarDate) -> Bool {
        guard let bestBefore = lot.bestBefore else { return false }
        return day > bestBefore
    }

    /// Lots in first-expired-first-out order: earliest date first, undated last, then oldest receipt.
    public static func fefo(_ lots: [Lot]) -> [Lot] {
        lots.sorted { a, b in
            switch (a.expiry, b.expiry) {
            case (let x?, let y?) where x != y: return x < y
            case (.some, .none): return true
            case (.none, .some): return false
            default: return (a.createdAt, a.id.uuidString) < (b.createdAt, b.id.uuidString)
            }
        }
    }
}
