import Foundation

/// Published when sorting finds fresh produce too ripe to distribute but still
/// safe to process. Whoever runs processing (a workshop module) may take it in.
///
/// Contract version 1: fields are only ever added.
public struct EndOfLifeProduceAvailable: KernelEvent, Hashable {
    public static let eventType = "kernel.end_of_life_produce_available"
    public static let version = 1

    /// The module that sorted it, and its own reference (a pickup).
    public var sourceModule: String
    public var sourceReference: String
    /// Where the produce is now, and who holds it.
    public var siteId: UUID
    public var organisationId: UUID
    /// The product family (`fruit_vegetables`, `dairy`…) and, when known, the product.
    public var category: String
    public var productName: String?
    public var kg: Double
    /// Days it stays safe to process.
    public var remainingShelfLifeDays: Int
    public var sortedAt: Date

    public init(
        sourceModule: String, sourceReference: String, siteId: UUID, organisationId: UUID, category: String, productName: String?,
        kg: Double,
        remainingShelfLifeDays: Int, sortedAt: Date
    ) {
        self.sourceModule = sourceModule
        self.sourceReference = sourceReference
        self.siteId = siteId
        self.organisationId = organisationId
        self.category = category
        self.productName = productName
        self.kg = kg
        self.remainingShelfLifeDays = remainingShelfLifeDays
        self.sortedAt = sortedAt
    }
}
