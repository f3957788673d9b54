import Foundation

/// Published when processed food must be blocked wherever it went, because
/// one of its inputs is recalled or its batch was found unsafe. Whoever
/// received those output lots into stock quarantines them.
///
/// Contract version 1: fields are only ever added.
public struct ProcessedFoodRecalled: KernelEvent, Hashable {
    public static let eventType = "kernel.processed_food_recalled"
    public static let version = 1
    public var sourceModule: String
    public var outputLotIds: [UUID]
    public var reason: String
    public var recalledAt: Date

    public init(sourceModule: String, outputLotIds: [UUID], reason: String, recalledAt: Date) {
        self.sourceModule = sourceModule
        self.outputLotIds = outputLotIds
        self.reason = reason
        self.recalledAt = recalledAt
    }
}
