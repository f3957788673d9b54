import ArgumentParser
import CollectoKernel
import Foundation
import MicroTransform

/// `collectod bench-workshop`: the batch scheduler on generated workshop
/// instances of growing size (fixed seed), printing kilograms spoiled, output
/// and planning time for each, and checking every plan against the hard rules.
struct BenchWorkshopCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "bench-workshop", abstract: "Benchmark the workshop batch scheduler on generated instances.")

    @Option(name: .long, parsing: .upToNextOption, help: "Instance sizes, in input lots.")
    var lots: [Int] = [20, 100, 500]

    @Option(name: .long, help: "Planning horizon in days.")
    var days: Int = 14

    @Option(name: .long, help: "Seed of the instance generator.")
    var seed: UInt64 = 2026

    @Option(name: .long, help: "Produce lots per kettle (and autoclave, table): more makes a tighter workshop.")
    var lotsPerKettle: Int = 60

    @Option(name: .long, help: "Runs per size; the median time is printed.")
    var repeats: Int = 3

    @Option(name: .long, help: "Write each instance, in slots, to DIR/problem-<lots>.json for an outside solver.")
    var export: String?

    @Option(
        name: .long,
        help: "Compare with an outside solver's answers in DIR/answer-<lots>.json (scripts/bench-workshop-cpsat writes them).")
    var compare: String?

    @Flag(name: .long, help: "With --compare: print each day's batches of both plans.")
    var details = false

    func validate() throws {
        guard lots.allSatisfy({ (1...100_000).contains($0) }) else { throw ValidationError("--lots must be between 1 and 100000") }
        guard (1...60).contains(days) else { throw ValidationError("--days must be between 1 and 60") }
        guard (5...10_000).contains(lotsPerKettle) else { throw ValidationError("--lots-per-kettle must be between 5 and 10000") }
        guard (1...50).contains(repeats) else { throw ValidationError("--repeats must be between 1 and 50") }
    }

    func run() async throws {
        if let export {
            try BenchWorkshopComparison.export(sizes: lots, days: days, seed: seed, lotsPerKettle: lotsPerKettle, to: export)
            return
        }
        if let compare {
            try BenchWorkshopComparison(days: days, seed: seed, lotsPerKettle: lotsPerKettle, repeats: repeats, details: details).run(
                sizes: lots, answers: compare)
            return
        }
        print("Workshop batch scheduler — \(days) days, seed \(seed), \(lotsPerKettle) lots per kettle, median of \(repeats) run(s)")
        print(
            [
                "lots", "kg in", "kg spoiled", "unavoidable", "spoiled %", "kg output", "batches", "equip. %", "cooks %", "kg kept",
                "plan ms",
                "violations",
            ].map {
                $0.padding(toLength: 12, withPad: " ", startingAt: 0)
            }.joined())
        for size in lots {
            let problem = WorkshopInstances.make(lots: size, days: days, seed: seed, lotsPerKettle: lotsPerKettle)
            let (plan, milliseconds) = Self.timedPlan(problem, repeats: repeats)
            let totalKg = Double(problem.lots.reduce(0) { $0 + $1.grams }) / 1000
            let spoiledKg = Double(plan.spoiledGrams) / 1000
            // Produce with no open day between its arrival and its spoil date: no plan could save it.
            let unavoidableKg =
                Double(
                    plan.unused.filter { $0.spoils && ($0.reason == .workshopClosed || $0.reason == .arrivesTooLate) }
                        .reduce(0) { $0 + $1.grams }) / 1000
            let keptKg = Double(plan.unused.filter { !$0.spoils }.reduce(0) { $0 + $1.grams }) / 1000
            let violations = PlanCheck.violations(of: plan, for: problem).count
            let row = [
                "\(size)", String(format: "%.1f", totalKg), String(format: "%.1f", spoiledKg), String(format: "%.1f", unavoidableKg),
                String(format: "%.1f", totalKg > 0 ? spoiledKg / totalKg * 100 : 0),
                String(format: "%.1f", Double(plan.outputGrams) / 1000),
                "\(plan.batches.count)", String(format: "%.0f", Self.busiestUse(plan, problem) * 100),
                String(format: "%.0f", Self.cookUse(plan, problem) * 100), String(format: "%.1f", keptKg),
                String(format: "%.1f", milliseconds),
                "\(violations)",
            ]
            print(row.map { $0.padding(toLength: 12, withPad: " ", startingAt: 0) }.joined())
            if violations > 0 { throw CommandFailure("the plan for \(size) lots breaks \(violations) rule(s)") }
        }
    }

    /// The scheduler's plan and its median planning time in milliseconds over `repeats` runs.
    static func timedPlan(_ problem: SchedulingProblem, repeats: Int) -> (SchedulingPlan, Double) {
        var times: [Double] = []
        var plan = BatchScheduler().plan(problem)
        for _ in 0..<repeats {
            let clock = ContinuousClock()
            let elapsed = clock.measure { plan = BatchScheduler().plan(problem) }
            times.append(Double(elapsed.components.seconds) * 1000 + Double(elapsed.components.attoseconds) / 1e15)
        }
        return (plan, times.sorted()[times.count / 2])
    }

    /// The share of its open time the busiest kind of equipment is used: near 100 %, spoilage is a matter of capacity.
    static func busiestUse(_ plan: SchedulingPlan, _ problem: SchedulingProblem) -> Double {
        var openMinutes = 0
        for index in 0..<problem.days {
            let day = problem.firstDay.adding(days: index)
            guard !problem.closedDays.contains(day) else { continue }
            openMinutes += problem.openingHours.ranges(on: day.weekday).reduce(0) {
                $0 + $1.until.minutesSinceMidnight - $1.from.minutesSinceMidnight
            }
        }
        let typeOf = Dictionary(problem.equipment.map { ($0.id, $0.type) }, uniquingKeysWith: { first, _ in first })
        let countOf = Dictionary(grouping: problem.equipment, by: \.type).mapValues(\.count)
        var used: [String: Int] = [:]
        for step in plan.batches.flatMap(\.steps) {
            used[typeOf[step.equipmentId] ?? "", default: 0] += step.endMinute - step.startMinute
        }
        return used.map { type, minutes in Double(minutes) / Double(max(1, openMinutes * (countOf[type] ?? 1))) }.max() ?? 0
    }

    /// The share of the cooks' shift time that batches hold.
    static func cookUse(_ plan: SchedulingPlan, _ problem: SchedulingProblem) -> Double {
        let onShift = problem.shifts.reduce(0) { $0 + ($1.until.minutesSinceMidnight - $1.from.minutesSinceMidnight) * $1.cooks }
        let held = plan.batches.reduce(0) { $0 + ($1.endMinute - $1.startMinute) * $1.staff }
        return Double(held) / Double(max(1, onShift))
    }
}
