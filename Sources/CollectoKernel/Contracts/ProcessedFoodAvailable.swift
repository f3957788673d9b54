import Foundation

/// Published when a processing batch's output is fit to go out (its HACCP
/// records within limits, or released by the workshop manager). Whoever runs
/// food-aid stock (a food-aid module) may receive it as a lot that partners
/// order, keeping the output lot's id as its origin for traceability.
///
/// Contract version 1: fields are only ever added.
public struct ProcessedFoodAvailable: KernelEvent, Hashable {
    public static let eventType = "kernel.processed_food_available"
    public static let version = 1
    public var sourceModule: String
    /// The output lot's id in the processing module.
    public var outputLotId: UUID
    /// Where the jars are, and who made them.
    public var siteId: UUID
    public var organisationId: UUID
    /// The catalogue code the food is received under, and how it is described.
    public var productCode: String
    public var productName: String
    public var packaging: String
    public var units: Int
    public var unitKg: Double
    public var temperature: TemperatureClass
    public var useBy: CalendarDate?
    public var bestBefore: CalendarDate?
    /// Where the produce came from (the references of the sources it was made of).
    public var sourceReferences: [String]
    public var producedAt: Date

    public init(
        sourceModule: String, outputLotId: UUID, siteId: UUID, organisationId: UUID, productCode: String, productName: String,
        packaging: String, units: Int, unitKg: Double, temperature: TemperatureClass, useBy: CalendarDate?, bestBefore: CalendarDate?,
        sourceReferences: [String], producedAt: Date
    ) {
        self.sourceModule = sourceModule
        self.outputLotId = outputLotId
        self.siteId = siteId
        self.organisationId = organisationId
        self.productCode = productCode
        self.productName = productName
        self.packaging = packaging
        self.units = units
        self.unitKg = unitKg
        self.temperature = temperature
        self.useBy = useBy
        self.bestBefore = bestBefore
        self.sourceReferences = sourceReferences
        self.producedAt = producedAt
    }
}
