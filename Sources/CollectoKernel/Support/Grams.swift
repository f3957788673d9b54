import Foundation

/// Weights kept as whole grams: what is stored, summed and balanced, so that
/// a mass balance closes exactly and a total prints as the scale showed it.
/// The API speaks kilograms with at most three decimals; these are the only
/// conversions between the two.
public enum Grams {
    /// The largest weight any field may hold: a thousand tonnes.
    public static let maximum = 1_000_000_000

    /// `kg` rounded to the gram. A value beyond ±``maximum`` grams (or not a
    /// number) is clamped, never trapped on: ranges are checked before this,
    /// and a conversion must not be able to stop the server.
    public static func of(kg: Double) -> Int {
        guard kg.isFinite else { return 0 }
        let grams = (kg * 1000).rounded()
        return Int(min(max(grams, -Double(maximum)), Double(maximum)))
    }

    /// Grams as kilograms: the nearest `Double` to the decimal, which prints with at most three decimals.
    public static func kg(_ grams: Int) -> Double {
        Double(grams) / 1000
    }

    /// A whole number from a floating value, clamped to `bounds` (never traps).
    public static func whole(_ value: Double, rounding rule: FloatingPointRoundingRule, in bounds: ClosedRange<Int>) -> Int {
        guard value.isFinite else { return value > 0 ? bounds.upperBound : bounds.lowerBound }
        let rounded = value.rounded(rule)
        if rounded <= Double(bounds.lowerBound) { return bounds.lowerBound }
        if rounded >= Double(bounds.upperBound) { return bounds.upperBound }
        return Int(rounded)
    }
}

extension Grams {
    /// Grams as kilograms in text, exactly: `210.432`, `-0.5`, `12`.
    public static func text(_ grams: Int) -> String {
        let sign = grams < 0 ? "-" : ""
        let whole = abs(grams) / 1000
        let rest = abs(grams) % 1000
        guard rest != 0 else { return sign + String(whole) }
        var decimals = String(rest)
        decimals = String(repeating: "0", count: 3 - decimals.count) + decimals
        while decimals.hasSuffix("0") { decimals.removeLast() }
        return "\(sign)\(whole).\(decimals)"
    }
}
