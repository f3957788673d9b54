import CollectoKernel
import Foundation

/// How far the sorting's total may be from the driver's weighing without a
/// word: 2% of the driver's weight or 500 g, whichever is larger. Beyond it
/// the coordinator says why (a box left in the van, a wet load), and both
/// weights are kept: a discrepancy is information, not noise.
enum WeighingTolerance {
    static func grams(driverGrams: Int) -> Int {
        max(500, driverGrams * 2 / 100)
    }

    /// The reason to keep (nil when none is given); throws when the two
    /// weighings differ by more than the tolerance and no reason is given.
    static func reason(_ reason: String?, driverGrams: Int?, sortedGrams: Int) throws -> String? {
        let given = reason?.trimmingCharacters(in: .whitespacesAndNewlines).nilIfEmpty
        if let given { try Validate.nonEmpty(given, field: "weightDifferenceReason", maxLength: 500) }
        if let driverGrams, given == nil {
            let tolerance = grams(driverGrams: driverGrams)
            if abs(driverGrams - sortedGrams) > tolerance {
                throw FoodAidError.weightDifferenceUnexplained(
                    driverGrams: driverGrams, sortedGrams: sortedGrams, toleranceGrams: tolerance)
            }
        }
        return given
    }
}

extension String {
    fileprivate var nilIfEmpty: String? { isEmpty ? nil : self }
}
