import Foundation

/// Published when food or peelings cannot be eaten and must go to biowaste
/// collection (unfit food from sorting, losses from processing). Whoever
/// tracks biowaste (a biowaste module) may plan its pickup.
///
/// Contract version 1: fields are only ever added.
public struct BiowasteProduced: KernelEvent, Hashable {
    public static let eventType = "kernel.biowaste_produced"
    public static let version = 1

    public var sourceModule: String
    public var sourceReference: String
    /// The site where the waste waits, and its organisation (the producer).
    public var siteId: UUID
    public var organisationId: UUID
    public var kg: Double
    /// What it is: `unfit_food`, `peelings`, `processing_losses`…
    public var nature: String
    public var reason: String?
    public var producedAt: Date

    public init(
        sourceModule: String, sourceReference: String, siteId: UUID, organisationId: UUID, kg: Double, nature: String, reason: String?,
        producedAt: Date
    ) {
        self.sourceModule = sourceModule
        self.sourceReference = sourceReference
        self.siteId = siteId
        self.organisationId = organisationId
        self.kg = kg
        self.nature = nature
        self.reason = reason
        self.producedAt = producedAt
    }
}
