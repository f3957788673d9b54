import CollectoKernel
import Foundation

/// An outside solver's answer to a ``SlotProblem``: its batches in slots, how
/// sure it is (proved optimal or only feasible), the bounds it proved, and its
/// time. ``plan(for:)`` turns the batches into a ``SchedulingPlan`` of the
/// original problem, so that ``PlanCheck`` judges them by the same rules as the
/// scheduler's plans and spoiled grams are counted the same way.
public struct SlotPlan: Sendable, Codable, Hashable {
    /// One batch: a recipe on a day, each step's first slot and equipment, and what goes in.
    public struct Batch: Sendable, Codable, Hashable {
        public var recipeId: UUID
        public var day: Int
        public var stepStartSlots: [Int]
        public var equipmentIds: [UUID]
        public var inputs: [PlannedBatch.Input]
        public var addedGrams: Int
    }

    /// `optimal` (proved), `feasible` (stopped by its time limit), `infeasible`, `unknown` or `skipped` (not run on this size).
    public var status: String
    /// Wall-clock seconds the exact model took, building included.
    public var seconds: Double
    /// Spoiled grams of its best plan, as the solver counts them.
    public var spoiledGrams: Int?
    /// The lowest spoilage the exact model proved no plan can beat.
    public var provedBoundGrams: Int?
    /// The capacity bound: spoilage no plan can beat, whatever the order of batches (a linear relaxation of the workshop's capacity).
    public var capacityBoundGrams: Int
    public var capacityBoundSeconds: Double
    public var batches: [Batch]

    /// Why a batch of the answer could not be read back.
    public struct Unreadable: Error, CustomStringConvertible {
        public var description: String
    }

    /// The batches as a plan of `problem`, with every lot's unused grams; throws when a batch names an unknown recipe or day.
    public func plan(for problem: SchedulingProblem) throws -> SchedulingPlan {
        let recipes = Dictionary(problem.recipes.map { ($0.id, $0) }, uniquingKeysWith: { first, _ in first })
        var left = Dictionary(problem.lots.map { ($0.id, $0.grams) }, uniquingKeysWith: +)
        for batch in problem.fixed {
            for input in batch.inputs where left[input.lotId] != nil { left[input.lotId]! -= input.grams }
        }
        var planned: [PlannedBatch] = []
        for (number, batch) in batches.enumerated() {
            guard let recipe = recipes[batch.recipeId] else { throw Unreadable(description: "batch \(number + 1): unknown recipe") }
            guard (0..<problem.days).contains(batch.day), batch.stepStartSlots.count == recipe.steps.count,
                batch.equipmentIds.count == recipe.steps.count
            else { throw Unreadable(description: "batch \(number + 1): its day or steps do not match its recipe") }
            let lengths = WorkshopTimeline.lengths(of: recipe.steps)
            let steps = zip(zip(batch.stepStartSlots, lengths), batch.equipmentIds).map { slot, equipment in
                PlannedBatch.StepUse(
                    equipmentId: equipment, startMinute: slot.0 * WorkshopTimeline.slotMinutes,
                    endMinute: (slot.0 + slot.1) * WorkshopTimeline.slotMinutes)
            }
            let total = batch.inputs.reduce(0) { $0 + $1.grams } + batch.addedGrams
            planned.append(
                PlannedBatch(
                    recipeId: recipe.id, day: problem.firstDay.adding(days: batch.day), steps: steps, inputs: batch.inputs,
                    addedGrams: batch.addedGrams, expectedOutputGrams: Int((Double(total) * recipe.yield).rounded()), staff: recipe.staff,
                    locked: false))
            for input in batch.inputs { left[input.lotId, default: 0] -= input.grams }
        }
        let unused: [SchedulingPlan.Unused] = problem.lots.compactMap { lot in
            guard let grams = left[lot.id], grams > 0 else { return nil }
            let spoils = lot.spoilDate <= problem.lastDay
            return .init(lotId: lot.id, grams: grams, spoils: spoils, reason: spoils ? .noFreeResources : .keptForLater)
        }
        let all = (problem.fixed + planned).sorted {
            ($0.day, $0.startMinute, $0.recipeId.uuidString) < ($1.day, $1.startMinute, $1.recipeId.uuidString)
        }
        return SchedulingPlan(batches: all, unused: unused)
    }
}
