import CollectoKernel
import Foundation

/// Checks a plan against every hard rule of its problem, independently of how
/// the plan was made: what tests and the benchmark use to trust the scheduler.
public enum PlanCheck {
    /// Every rule the plan breaks, in words; empty when it is sound.
    public static func violations(of plan: SchedulingPlan, for problem: SchedulingProblem) -> [String] {
        var problems: [String] = []
        let lots = Dictionary(problem.lots.map { ($0.id, $0) }, uniquingKeysWith: { first, _ in first })
        let recipes = Dictionary(problem.recipes.map { ($0.id, $0) }, uniquingKeysWith: { first, _ in first })
        let equipment = Dictionary(problem.equipment.map { ($0.id, $0) }, uniquingKeysWith: { first, _ in first })
        var used: [UUID: Int] = [:]
        for (number, batch) in plan.batches.enumerated() {
            let name = "batch \(number + 1) (\(batch.day))"
            // A running batch is a fact: it holds its equipment and its cooks (checked below), nothing more is asked of it.
            guard !batch.running else {
                for input in batch.inputs { used[input.lotId, default: 0] += input.grams }
                continue
            }
            guard let recipe = recipes[batch.recipeId] else {
                problems.append("\(name): unknown recipe")
                continue
            }
            if batch.steps.count != recipe.steps.count {
                problems.append("\(name): \(batch.steps.count) steps where the recipe has \(recipe.steps.count)")
            }
            for (index, (use, step)) in zip(batch.steps, recipe.steps).enumerated() {
                if let item = equipment[use.equipmentId], item.type != step.equipmentType {
                    problems.append("\(name): step \(index + 1) needs a \(step.equipmentType), not \(item.name) (\(item.type))")
                }
                if use.endMinute - use.startMinute < step.minutes {
                    problems.append("\(name): step \(index + 1) lasts less than the recipe's \(step.minutes) min")
                }
                if index > 0 && use.startMinute < batch.steps[index - 1].endMinute {
                    problems.append("\(name): step \(index + 1) starts before step \(index) ends")
                }
            }
            if !problem.closedDays.contains(batch.day) {
                let open = WorkshopTimeline.openMinutes(problem.openingHours, on: batch.day.weekday).contains {
                    $0.0 <= batch.startMinute && batch.endMinute <= $0.1
                }
                if !open { problems.append("\(name): outside opening hours") }
                if batch.day == problem.firstDay && batch.startMinute < problem.firstDayStartMinute && !batch.locked {
                    problems.append("\(name): starts before the plan was made")
                }
            } else {
                problems.append("\(name): on a closed day")
            }
            if !batch.locked && (batch.totalGrams < recipe.minBatchGrams || batch.totalGrams > recipe.maxBatchGrams) {
                problems.append("\(name): \(batch.totalGrams) g outside the recipe's batch size")
            }
            let share = Double(batch.produceGrams) / Double(max(1, batch.totalGrams))
            if share < recipe.produceShare.lowerBound - 0.001 || share > recipe.produceShare.upperBound + 0.001 {
                problems.append("\(name): produce share \(share) outside the recipe's range")
            }
            for input in batch.inputs {
                used[input.lotId, default: 0] += input.grams
                guard let lot = lots[input.lotId] else { continue }
                if batch.day > lot.spoilDate { problems.append("\(name): uses a lot after its spoil date") }
                if batch.day < lot.availableFrom { problems.append("\(name): uses a lot before it arrives") }
                if !recipe.accepts(lot) { problems.append("\(name): the recipe does not take this produce") }
            }
            for use in batch.steps {
                guard let item = equipment[use.equipmentId] else {
                    problems.append("\(name): equipment \(use.equipmentId) is unknown or retired")
                    continue
                }
                if item.capacityGrams < batch.totalGrams { problems.append("\(name): \(item.name) is too small") }
                for gap in item.unavailable where gap.day == batch.day {
                    let from = gap.from?.minutesSinceMidnight ?? 0
                    let until = gap.until?.minutesSinceMidnight ?? 24 * 60
                    if use.startMinute < until && from < use.endMinute { problems.append("\(name): \(item.name) is unavailable then") }
                }
            }
        }
        for (lot, grams) in used where grams > (lots[lot]?.grams ?? Int.max) {
            problems.append("lot \(lot) used for \(grams) g, more than it holds")
        }
        let byDay = Dictionary(grouping: plan.batches, by: \.day)
        for (day, batches) in byDay {
            let uses = batches.flatMap(\.steps)
            for (index, first) in uses.enumerated() {
                for second in uses[(index + 1)...] where first.equipmentId == second.equipmentId {
                    if first.startMinute < second.endMinute && second.startMinute < first.endMinute {
                        problems.append("\(day): equipment booked twice at once")
                    }
                }
            }
            for minute in stride(from: 0, to: 24 * 60, by: WorkshopTimeline.slotMinutes) {
                let active = batches.filter { $0.startMinute <= minute && minute < $0.endMinute }
                // Cooks at a running batch are taken; only a planned batch can lack them.
                guard active.contains(where: { !$0.running }) else { continue }
                let busy = active.reduce(0) { $0 + $1.staff }
                let onShift = problem.shifts.filter {
                    $0.day == day && $0.from.minutesSinceMidnight <= minute && minute < $0.until.minutesSinceMidnight
                }.reduce(0) { $0 + $1.cooks }
                if busy > onShift { problems.append("\(day) \(minute / 60)h\(minute % 60): \(busy) cooks needed, \(onShift) on shift") }
            }
        }
        return problems
    }
}
