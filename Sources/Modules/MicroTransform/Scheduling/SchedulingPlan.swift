import CollectoKernel
import Foundation

/// What the scheduler proposes: batches in time, and for every lot it leaves
/// (wholly or partly) unused, how much and why.
public struct SchedulingPlan: Sendable, Hashable {
    /// Produce the plan does not use.
    public struct Unused: Sendable, Hashable, Encodable {
        public var lotId: UUID
        public var grams: Int
        /// True when it spoils within the horizon; false when it is still good after it.
        public var spoils: Bool
        public var reason: UnusedReason
    }

    /// The fixed batches followed by the new ones, by day and start.
    public var batches: [PlannedBatch]
    public var unused: [Unused]

    public var spoiledGrams: Int { unused.filter(\.spoils).reduce(0) { $0 + $1.grams } }
    public var outputGrams: Int { batches.reduce(0) { $0 + $1.expectedOutputGrams } }
    public var processedGrams: Int { batches.reduce(0) { $0 + $1.produceGrams } }

    /// Equipment minutes per day, for the smoothness of the plan.
    public var loadByDay: [CalendarDate: Int] {
        batches.reduce(into: [:]) { $0[$1.day, default: 0] += $1.equipmentMinutes }
    }
}

/// Why the scheduler left produce unused.
public enum UnusedReason: Sendable, Hashable, Encodable, CustomStringConvertible {
    /// No active recipe takes this produce.
    case noRecipe(kind: ProduceKind)
    /// Too little of it (with what could join it) for the smallest batch.
    case tooLittle(availableGrams: Int, minimumGrams: Int)
    /// Equipment or cooks were booked on every open day it could be cooked.
    case noFreeResources
    /// The workshop is closed on every day between its arrival and its spoil date.
    case workshopClosed
    /// It arrives after the planning horizon, or after its spoil date.
    case arrivesTooLate
    /// Batches that could take it were already at their largest.
    case batchesFull
    /// Still good after the horizon: a later plan will see it.
    case keptForLater

    public var description: String {
        switch self {
        case .noRecipe(let kind): "no active recipe takes \(kind.rawValue)"
        case .tooLittle(let available, let minimum):
            "only \(Self.kg(available)) kg of matching produce on hand; the smallest batch needs \(Self.kg(minimum)) kg"
        case .noFreeResources: "equipment or cooks are booked on every open day before it spoils"
        case .workshopClosed: "the workshop is closed every day it could be cooked"
        case .arrivesTooLate: "it arrives after the planning horizon or after its spoil date"
        case .batchesFull: "the batches that could take it are already at their largest"
        case .keptForLater: "still good after the planning horizon; a later plan will use it"
        }
    }

    static func kg(_ grams: Int) -> String { String(format: "%.1f", Double(grams) / 1000) }

    private enum CodingKeys: String, CodingKey { case code, message }
    public func encode(to encoder: any Encoder) throws {
        var container = encoder.container(keyedBy: CodingKeys.self)
        try container.encode(code, forKey: .code)
        try container.encode(description, forKey: .message)
    }

    /// A stable short name for clients.
    public var code: String {
        switch self {
        case .noRecipe: "no_recipe"
        case .tooLittle: "too_little"
        case .noFreeResources: "no_free_resources"
        case .workshopClosed: "workshop_closed"
        case .arrivesTooLate: "arrives_too_late"
        case .batchesFull: "batches_full"
        case .keptForLater: "kept_for_later"
        }
    }
}
