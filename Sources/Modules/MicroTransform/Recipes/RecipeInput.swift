import CollectoKernel
import Foundation

/// What the workshop manager sends to define or change a recipe.
struct RecipeInput: Sendable, Codable, StrictBody {
    enum Field: String, CodingKey, CaseIterable {
        case name, produceKind, productName, minProduceShare, maxProduceShare, addedIngredients, yield, output, minBatchKg,
            maxBatchKg, steps, staff, limits, active
    }
    static let ranges: [FieldRange] = [
        .number("minProduceShare", 0.01...1), .number("maxProduceShare", 0.01...1), .number("yield", 0.05...3),
        .kilograms("output.unitKg", 0.01...50), .integer("output.shelfLifeDays", 1...1_500), .kilograms("minBatchKg", 0.5...5_000),
        .kilograms("maxBatchKg", 0.5...5_000), .integer("steps[].minutes", 1...720), .integer("staff", 1...20),
        .number("limits.minCookingCelsius", -50...400), .integer("limits.minCookingMinutes", 0...1_440),
        .number("limits.minCoreCelsius", -50...400), .integer("limits.maxCoolingMinutes", 0...2_880), .number("limits.maxPH", 1...14),
    ]
    var name: String
    var produceKind: ProduceKind
    var productName: String?
    var minProduceShare: Double
    var maxProduceShare: Double
    var addedIngredients: String?
    var yield: Double
    var output: Recipe.Output
    var minBatchKg: Double
    var maxBatchKg: Double
    var steps: [Recipe.Step]
    var staff: Int
    var limits: Recipe.Limits?
    var active: Bool?

    func validate() throws {
        try Validate.nonEmpty(name, field: "name", maxLength: 200)
        try Validate.range(minProduceShare, 0.01...1, field: "minProduceShare")
        try Validate.range(maxProduceShare, minProduceShare...1, field: "maxProduceShare")
        try Validate.range(yield, 0.05...3, field: "yield")
        try Validate.nonEmpty(output.name, field: "output.name", maxLength: 200)
        try Validate.nonEmpty(output.productCode, field: "output.productCode", maxLength: 40)
        try Validate.range(output.unitKg, 0.01...50, field: "output.unitKg")
        try Validate.range(output.shelfLifeDays, 1...1_500, field: "output.shelfLifeDays")
        try Validate.range(minBatchKg, 0.5...5_000, field: "minBatchKg")
        try Validate.range(maxBatchKg, minBatchKg...5_000, field: "maxBatchKg")
        guard !steps.isEmpty else { throw KernelError.invalid(field: "steps", message: "a recipe has at least one step") }
        for (index, step) in steps.enumerated() {
            try Validate.nonEmpty(step.name, field: "steps[\(index)].name", maxLength: 100)
            try Validate.nonEmpty(step.equipmentType, field: "steps[\(index)].equipmentType", maxLength: 60)
            try Validate.range(step.minutes, 1...720, field: "steps[\(index)].minutes")
        }
        guard steps.reduce(0, { $0 + $1.minutes }) <= 720 else {
            throw KernelError.invalid(field: "steps", message: "a batch must fit in one working day (12 hours at most)")
        }
        try Validate.range(staff, 1...20, field: "staff")
        if let ph = limits?.maxPH { try Validate.range(ph, 1...14, field: "limits.maxPH") }
    }
}
