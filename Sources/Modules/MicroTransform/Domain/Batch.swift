import CollectoKernel
import Foundation

/// A transformation batch: planned by the scheduler (or moved and locked by
/// the manager), started and finished by the cooks with their HACCP records,
/// and, when outside its recipe's limits, held until a manager decides.
public struct Batch: Sendable, Codable, Hashable {
    /// One step's equipment and times.
    public struct Step: Sendable, Codable, Hashable {
        public var equipmentId: UUID
        public var start: LocalTime
        public var end: LocalTime
    }
    /// Produce drawn from one input lot.
    public struct Input: Sendable, Codable, Hashable {
        public var lotId: UUID
        public var plannedKg: Double
        public var usedKg: Double?
    }

    public var id: UUID
    public var workshopId: UUID
    public var recipeId: UUID
    public var recipeName: String
    public var day: CalendarDate
    public var start: LocalTime
    public var end: LocalTime
    public var staff: Int
    public var status: BatchStatus
    public var locked: Bool
    public var steps: [Step]
    public var inputs: [Input]
    public var plannedAddedKg: Double
    public var expectedOutputKg: Double
    public var addedKg: Double?
    public var outputUnits: Int?
    public var outputKg: Double?
    public var wasteKg: Double?
    public var evaporationKg: Double?
    public var haccp: HACCPRecord?
    public var deviations: [String]
    public var outputLotId: UUID?
    public var startedAt: Date?
    public var finishedAt: Date?
    /// Why its output is recalled, once one of its inputs is.
    public var recallReason: String? = nil
    /// True when the evaporation is the remainder (input − output − waste), false when the cooks weighed it.
    public var evaporationEstimated: Bool? = nil
    /// With a measured evaporation, what nothing explains: input − output − waste − evaporation (within 2 % of the input).
    public var unaccountedKg: Double? = nil
}

/// Where a batch is.
public enum BatchStatus: String, Sendable, AcceptedValues, CaseIterable, Hashable {
    case planned, running
    /// Finished within its limits: its output went out.
    case done
    /// Finished outside its limits: output held until a manager releases or discards it.
    case quarantined
    case released
    case discarded
    /// One of its inputs was recalled: its output is blocked for good, whatever its HACCP record.
    case recalled
}

/// The HACCP measurements of a batch.
public struct HACCPRecord: Sendable, Codable, Hashable {
    public var cookingCelsius: Double
    public var cookingMinutes: Int
    public var coreCelsius: Double?
    public var coolingMinutes: Int
    public var ph: Double?

    /// Every limit of the recipe this record breaks, in words.
    func deviations(from limits: Recipe.Limits) -> [String] {
        var found: [String] = []
        if let minimum = limits.minCookingCelsius, cookingCelsius < minimum {
            found.append("cooking at \(cookingCelsius) °C, below \(minimum) °C")
        }
        if let minimum = limits.minCookingMinutes, cookingMinutes < minimum {
            found.append("cooked \(cookingMinutes) min, under \(minimum) min")
        }
        if let minimum = limits.minCoreCelsius {
            if let core = coreCelsius {
                if core < minimum { found.append("core at \(core) °C, below \(minimum) °C") }
            } else {
                found.append("no core temperature recorded (at least \(minimum) °C required)")
            }
        }
        if let maximum = limits.maxCoolingMinutes, coolingMinutes > maximum {
            found.append("cooled in \(coolingMinutes) min, over \(maximum) min")
        }
        if let maximum = limits.maxPH {
            if let ph {
                if ph > maximum { found.append("pH \(ph), above \(maximum)") }
            } else {
                found.append("no pH recorded (at most \(maximum) required)")
            }
        }
        return found
    }
}

/// What a batch made: jars with a date, quarantined or released to food-aid stock.
public struct OutputLot: Sendable, Codable, Hashable {
    public var id: UUID
    public var batchId: UUID
    public var workshopId: UUID
    public var productName: String
    public var productCode: String
    public var packaging: String
    public var units: Int
    public var unitKg: Double
    public var kg: Double
    public var useBy: CalendarDate?
    public var bestBefore: CalendarDate?
    public var status: OutputLotStatus
    public var createdAt: Date
    public var releasedAt: Date?
}

/// Where an output lot is.
public enum OutputLotStatus: String, Sendable, AcceptedValues, CaseIterable, Hashable {
    case quarantined, released, discarded, recalled
}
