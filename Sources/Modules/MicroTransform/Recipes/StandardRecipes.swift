import CollectoKernel
import Foundation

/// The four recipes a small processing workshop starts with — vegetable soup,
/// fruit compote, jam and ratatouille — with realistic proportions, yields,
/// steps and HACCP limits. Used by the demo data and the benchmark.
public enum StandardRecipes {
    static func step(_ name: String, _ type: String, _ minutes: Int) -> Recipe.Step {
        Recipe.Step(name: name, equipmentType: type, minutes: minutes)
    }

    static let all: [RecipeInput] = [
        RecipeInput(
            name: "Soupe de légumes", produceKind: .vegetables, productName: nil, minProduceShare: 0.6, maxProduceShare: 0.8,
            addedIngredients: "eau, sel, huile", yield: 0.95,
            output: .init(
                name: "Soupe de légumes 1 L", productCode: "ATELIER-SOUPE-1L", packaging: "bocal verre 1 L", unitKg: 1.0,
                shelfLifeDays: 365, dateKind: .bestBefore, temperature: .ambient),
            minBatchKg: 30, maxBatchKg: 120,
            steps: [
                step("épluchage", "prep_table", 45), step("cuisson", "kettle", 90), step("mixage", "blender", 20),
                step("stérilisation", "autoclave", 75),
            ],
            staff: 2,
            limits: .init(minCookingCelsius: 90, minCookingMinutes: 30, minCoreCelsius: 110, maxCoolingMinutes: 120, maxPH: nil),
            active: true),
        RecipeInput(
            name: "Compote de fruits", produceKind: .fruit, productName: nil, minProduceShare: 0.85, maxProduceShare: 1.0,
            addedIngredients: "sucre, jus de citron", yield: 0.8,
            output: .init(
                name: "Compote de fruits 500 g", productCode: "ATELIER-COMPOTE-500G", packaging: "bocal verre 500 g", unitKg: 0.5,
                shelfLifeDays: 365, dateKind: .bestBefore, temperature: .ambient),
            minBatchKg: 20, maxBatchKg: 100,
            steps: [
                step("épluchage", "prep_table", 60), step("cuisson", "kettle", 45), step("mixage", "blender", 15),
                step("pasteurisation", "autoclave", 45),
            ],
            staff: 2,
            limits: .init(minCookingCelsius: 85, minCookingMinutes: 15, minCoreCelsius: 85, maxCoolingMinutes: 120, maxPH: 4.2),
            active: true),
        RecipeInput(
            name: "Confiture", produceKind: .fruit, productName: nil, minProduceShare: 0.5, maxProduceShare: 0.6,
            addedIngredients: "sucre, pectine", yield: 0.85,
            output: .init(
                name: "Confiture 370 g", productCode: "ATELIER-CONFITURE-370G", packaging: "pot verre 370 g", unitKg: 0.37,
                shelfLifeDays: 540, dateKind: .bestBefore, temperature: .ambient),
            minBatchKg: 15, maxBatchKg: 60,
            steps: [step("préparation", "prep_table", 45), step("cuisson", "kettle", 60), step("mise en pots", "prep_table", 30)],
            staff: 2,
            limits: .init(minCookingCelsius: 103, minCookingMinutes: 20, minCoreCelsius: nil, maxCoolingMinutes: 180, maxPH: 3.6),
            active: true),
        RecipeInput(
            name: "Ratatouille", produceKind: .vegetables, productName: nil, minProduceShare: 0.9, maxProduceShare: 1.0,
            addedIngredients: "huile d'olive, herbes, sel", yield: 0.75,
            output: .init(
                name: "Ratatouille 1 L", productCode: "ATELIER-RATATOUILLE-1L", packaging: "bocal verre 1 L", unitKg: 0.9,
                shelfLifeDays: 365, dateKind: .bestBefore, temperature: .ambient),
            minBatchKg: 30, maxBatchKg: 100,
            steps: [step("découpe", "prep_table", 60), step("cuisson", "kettle", 120), step("stérilisation", "autoclave", 75)],
            staff: 3,
            limits: .init(minCookingCelsius: 90, minCookingMinutes: 60, minCoreCelsius: 110, maxCoolingMinutes: 120, maxPH: nil),
            active: true),
    ]

    /// The standard recipes as the scheduler sees them, with ids drawn from `random`.
    public static func forScheduling(using random: inout SeededGenerator) -> [SchedulingProblem.Recipe] {
        all.map { input in
            SchedulingProblem.Recipe(
                id: UUID(using: &random), name: input.name, kind: input.produceKind, productName: input.productName,
                produceShare: input.minProduceShare...input.maxProduceShare, yield: input.yield,
                minBatchGrams: Int(input.minBatchKg * 1000), maxBatchGrams: Int(input.maxBatchKg * 1000),
                steps: input.steps.map { .init(equipmentType: $0.equipmentType, minutes: $0.minutes) }, staff: input.staff)
        }
    }
}

extension UUID {
    /// A UUID drawn from a seeded generator, so generated instances are the same on every run.
    init(using random: inout SeededGenerator) {
        var bytes = (0..<16).map { _ in UInt8.random(in: 0...255, using: &random) }
        bytes[6] = (bytes[6] & 0x0F) | 0x40
        bytes[8] = (bytes[8] & 0x3F) | 0x80
        self = UUID(
            uuid: (
                bytes[0], bytes[1], bytes[2], bytes[3], bytes[4], bytes[5], bytes[6], bytes[7], bytes[8], bytes[9], bytes[10], bytes[11],
                bytes[12], bytes[13], bytes[14], bytes[15]
            ))
    }
}
