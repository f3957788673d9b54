import CollectoKernel
import Foundation

/// A donor's yearly receipt for its in-kind food gifts, numbered in sequence
/// per year. Once issued it never changes: a correction is a new receipt that
/// cancels it.
public struct TaxReceipt: Sendable, Codable, Hashable {
    /// The gifts of one category over the year.
    public struct Line: Sendable, Codable, Hashable {
        public var category: String
        public var kg: Double
        /// Kilograms valued in full, at half (given within 3 days of their use-by date), and at zero (past it).
        public var fullValueKg: Double
        public var halfValueKg: Double
        public var zeroValueKg: Double
        public var valuePerKg: Double
        public var value: Double
    }

    public var id: UUID
    public var year: Int
    public var number: Int
    /// `2026-0007`.
    public var reference: String
    public var donorId: UUID
    public var issuedAt: Date
    public var totalKg: Double
    public var totalValue: Double
    public var lines: [Line]
    /// The receipt this one corrects and cancels.
    public var cancelsId: UUID?
    /// The receipt that cancelled this one, if any.
    public var cancelledById: UUID?
}
