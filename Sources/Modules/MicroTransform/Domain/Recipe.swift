import CollectoKernel
import Foundation

/// How the workshop turns one kind of produce into a product with a long
/// shelf life: the produce share of a batch, what is added, the expected
/// yield, the output and its packaging, batch sizes, the steps and the
/// equipment each needs, the cooks, and the HACCP limits a batch must meet
/// for its output to go out.
public struct Recipe: Sendable, Codable, Hashable {
    /// One step, on one piece of equipment of a type, for a time.
    public struct Step: Sendable, Codable, Hashable {
        public var name: String
        public var equipmentType: String
        public var minutes: Int
    }

    /// What a batch makes.
    public struct Output: Sendable, Codable, Hashable {
        public var name: String
        /// The food bank's catalogue code the output is received under.
        public var productCode: String
        public var packaging: String
        public var unitKg: Double
        public var shelfLifeDays: Int
        /// Sterilised jars get a best-before date; pasteurised or chilled food a use-by date.
        public var dateKind: DateKind
        public var temperature: TemperatureClass
    }

    /// Which date an output lot carries.
    public enum DateKind: String, Sendable, AcceptedValues, Hashable, CaseIterable {
        case useBy = "use_by"
        case bestBefore = "best_before"
    }

    /// HACCP limits; a missing limit is not checked for this recipe.
    public struct Limits: Sendable, Codable, Hashable {
        public var minCookingCelsius: Double?
        public var minCookingMinutes: Int?
        /// Core temperature after pasteurisation or sterilisation.
        public var minCoreCelsius: Double?
        public var maxCoolingMinutes: Int?
        public var maxPH: Double?
    }

    public var id: UUID
    public var workshopId: UUID
    public var name: String
    public var produceKind: ProduceKind
    /// Only produce whose name contains this; nil takes any produce of the kind.
    public var productName: String?
    public var minProduceShare: Double
    public var maxProduceShare: Double
    public var addedIngredients: String
    /// Target kg of output per kg of batch input.
    public var yield: Double
    public var output: Output
    public var minBatchKg: Double
    public var maxBatchKg: Double
    public var steps: [Step]
    public var staff: Int
    public var limits: Limits
    public var active: Bool

    /// The recipe as the scheduler sees it.
    public var forScheduling: SchedulingProblem.Recipe {
        SchedulingProblem.Recipe(
            id: id, name: name, kind: produceKind, productName: productName, produceShare: minProduceShare...maxProduceShare,
            yield: yield, minBatchGrams: Int((minBatchKg * 1000).rounded()), maxBatchGrams: Int((maxBatchKg * 1000).rounded()),
            steps: steps.map { .init(equipmentType: $0.equipmentType, minutes: $0.minutes) }, staff: staff)
    }
}
