import CollectoKernel
import Foundation
import MicroTransform

/// The scheduler beside an exact optimum: writes generated instances for the
/// CP-SAT model of `scripts/bench-workshop-cpsat`, then reads its answers
/// back, checks them with ``PlanCheck`` like the scheduler's own plans, and
/// prints both sides' spoiled kilograms and times in one table, with the gap
/// and whether the scheduler meets its goal (within 2 % of a proved optimum,
/// or 1 kg, in at most a tenth of CP-SAT's time).
struct BenchWorkshopComparison {
    let days: Int
    let seed: UInt64
    let lotsPerKettle: Int
    let repeats: Int
    var details = false

    static func problemFile(_ size: Int, in folder: String) -> URL {
        URL(fileURLWithPath: folder).appendingPathComponent("problem-\(size).json")
    }

    static func answerFile(_ size: Int, in folder: String) -> URL {
        URL(fileURLWithPath: folder).appendingPathComponent("answer-\(size).json")
    }

    /// Writes each instance in slots.
    static func export(sizes: [Int], days: Int, seed: UInt64, lotsPerKettle: Int, to folder: String) throws {
        try FileManager.default.createDirectory(atPath: folder, withIntermediateDirectories: true)
        let encoder = JSONEncoder()
        encoder.outputFormatting = [.sortedKeys]
        for size in sizes {
            let problem = WorkshopInstances.make(lots: size, days: days, seed: seed, lotsPerKettle: lotsPerKettle)
            try encoder.encode(SlotProblem(problem)).write(to: problemFile(size, in: folder))
        }
    }

    /// Prints the table and fails when a plan breaks a rule.
    func run(sizes: [Int], answers folder: String) throws {
        print(
            "Workshop scheduler against CP-SAT — \(days) days, seed \(seed), \(lotsPerKettle) lots per kettle; "
                + "scheduler time: median of \(repeats)")
        let columns: [(String, Int)] = [
            ("lots", 6), ("kg in", 9), ("sched. kg", 11), ("sched. ms", 11), ("CP-SAT", 10), ("CP-SAT kg", 11), ("CP-SAT s", 10),
            ("bound kg", 10), ("gap", 16), ("time ratio", 12), ("goal", 6),
        ]
        print(columns.map { $0.0.padding(toLength: $0.1, withPad: " ", startingAt: 0) }.joined())
        var broken: [String] = []
        for size in sizes {
            let problem = WorkshopInstances.make(lots: size, days: days, seed: seed, lotsPerKettle: lotsPerKettle)
            let (plan, milliseconds) = BenchWorkshopCommand.timedPlan(problem, repeats: repeats)
            broken += PlanCheck.violations(of: plan, for: problem).map { "scheduler, \(size) lots: \($0)" }
            let data = try Data(contentsOf: Self.answerFile(size, in: folder))
            let answer = try JSONDecoder().decode(SlotPlan.self, from: data)
            var exactKg: Double?
            if !answer.batches.isEmpty || answer.status == "optimal" {
                let exact = try answer.plan(for: problem)
                broken += PlanCheck.violations(of: exact, for: problem).map { "CP-SAT, \(size) lots: \($0)" }
                exactKg = Double(exact.spoiledGrams) / 1000
            }
            let oursKg = Double(plan.spoiledGrams) / 1000
            let boundKg = Double(max(answer.capacityBoundGrams, answer.provedBoundGrams ?? 0)) / 1000
            let (gap, goal) = Self.gap(ours: oursKg, exact: answer.status == "optimal" ? exactKg : nil, bound: boundKg)
            let ratio = answer.status == "skipped" ? "—" : String(format: "1/%.0f", answer.seconds * 1000 / max(0.001, milliseconds))
            let timeGoal = answer.status == "skipped" || milliseconds * 10 <= answer.seconds * 1000
            let row = [
                "\(size)", Self.kg(Double(problem.lots.reduce(0) { $0 + $1.grams }) / 1000), Self.kg(oursKg),
                String(format: "%.1f", milliseconds), answer.status, exactKg.map(Self.kg) ?? "—",
                answer.status == "skipped" ? "—" : String(format: "%.1f", answer.seconds), Self.kg(boundKg), gap, ratio,
                goal.map { $0 && timeGoal ? "met" : "MISSED" } ?? "—",
            ]
            print(zip(row, columns).map { $0.padding(toLength: $1.1, withPad: " ", startingAt: 0) }.joined())
            if details, let exact = try? answer.plan(for: problem) {
                print(Self.describe(plan, problem, as: "scheduler") + Self.describe(exact, problem, as: "CP-SAT"), terminator: "")
            }
        }
        print(
            "gap: the scheduler's spoiled kg over CP-SAT's proved optimum; where none is proved, at most this far over the best lower bound (≤)."
        )
        guard broken.isEmpty else { throw CommandFailure("plans break rules:\n" + broken.joined(separator: "\n")) }
    }

    /// Each day's batches, as `recipe@start produce kg`, and the produce left to spoil.
    static func describe(_ plan: SchedulingPlan, _ problem: SchedulingProblem, as name: String) -> String {
        let names = Dictionary(problem.recipes.map { ($0.id, $0.name) }, uniquingKeysWith: { first, _ in first })
        var text = "  \(name):\n"
        for (day, batches) in Dictionary(grouping: plan.batches, by: \.day).sorted(by: { $0.key < $1.key }) {
            let list = batches.sorted { $0.startMinute < $1.startMinute }.map {
                "\(names[$0.recipeId]?.prefix(6) ?? "?")@\($0.startMinute / 60)h\($0.startMinute % 60) \(kg(Double($0.produceGrams) / 1000))"
            }
            text += "    \(day): " + list.joined(separator: ", ") + "\n"
        }
        let lots = Dictionary(problem.lots.map { ($0.id, $0) }, uniquingKeysWith: { first, _ in first })
        let spoiled = plan.unused.filter(\.spoils).compactMap { unused in lots[unused.lotId].map { (unused, $0) } }
            .sorted { ($0.1.spoilDate, $0.1.kind.rawValue) < ($1.1.spoilDate, $1.1.kind.rawValue) }
            .map { "\($0.1.kind.rawValue.prefix(3)) \($0.1.availableFrom.day)→\($0.1.spoilDate.day) \(kg(Double($0.0.grams) / 1000))" }
        text += "    spoiled: " + spoiled.joined(separator: ", ") + "\n"
        return text
    }

    static func kg(_ value: Double) -> String { String(format: "%.1f", value) }

    /// The gap as printed, and whether the goal is met (nil when no optimum is known).
    static func gap(ours: Double, exact: Double?, bound: Double) -> (String, Bool?) {
        if let exact {
            let over = ours - exact
            let text = exact > 0 ? String(format: "%+.1f %%", over / exact * 100) : String(format: "%+.1f kg", over)
            return (text, over <= max(1, exact * 0.02) + 0.000_5)
        }
        guard bound > 0 else { return (String(format: "≤ +%.1f kg", ours - bound), nil) }
        return (String(format: "≤ %+.1f %%", (ours - bound) / bound * 100), nil)
    }
}
