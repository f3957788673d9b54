import Foundation

/// Published when food from some sources must not be eaten: the food bank
/// recalls (or quarantines) a donation or lots of it, or processed food it
/// holds. Whoever took produce from those sources (a workshop that received
/// produce at sorting) blocks it and every output made from it, and whoever
/// made the processed food blocks those output lots.
///
/// Blocking downstream is for good even when the source is only quarantined:
/// a jar made from suspect produce is not released again by a later decision
/// on the produce.
///
/// Contract version 1: fields are only ever added.
public struct SourceRecalled: KernelEvent, Hashable {
    public static let eventType = "kernel.source_recalled"
    public static let version = 1

    /// The module whose sources these are, as it named them in ``EndOfLifeProduceAvailable/sourceModule``.
    public var sourceModule: String
    /// The sources, as in ``EndOfLifeProduceAvailable/sourceReference`` (a pickup's id).
    public var sourceReferences: [String]
    /// Only produce of these categories (`fruit_vegetables`…); every category when nil.
    public var categories: [String]?
    /// Processed output lots (``ProcessedFoodAvailable/outputLotId``) recalled where they are held.
    public var outputLotIds: [UUID]
    /// Recalled for good, rather than quarantined pending a decision.
    public var final: Bool
    public var reason: String
    public var recalledAt: Date

    public init(
        sourceModule: String, sourceReferences: [String], categories: [String]?, outputLotIds: [UUID], final: Bool, reason: String,
        recalledAt: Date
    ) {
        self.sourceModule = sourceModule
        self.sourceReferences = sourceReferences
        self.categories = categories
        self.outputLotIds = outputLotIds
        self.final = final
        self.reason = reason
        self.recalledAt = recalledAt
    }
}
