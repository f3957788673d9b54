import CollectoKernel
import Foundation

/// A catalogue reference partners order from: one unit (a 1 kg bag of pasta,
/// a pack of 6 yogurts) with its weight, cold chain and funding origin.
public struct Product: Sendable, Codable, Hashable {
    public var id: UUID
    /// The food bank's own reference, unique (e.g. `DRY-PASTA-1KG`).
    public var code: String
    public var name: String
    public var category: ProductCategory
    /// What one unit is (`bag 1 kg`, `pack of 6`).
    public var unit: String
    public var unitWeightKg: Double
    public var temperature: TemperatureClass
    public var fundingOrigin: FundingOrigin
    public var active: Bool
    /// The most units of this product one order may ask for (hard limit), if any.
    public var maxPerOrder: Int?
    public var createdAt: Date
    public var updatedAt: Date
}
