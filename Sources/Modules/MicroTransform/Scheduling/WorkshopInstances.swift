import CollectoKernel
import Foundation

/// Generated workshop planning instances of a chosen size, the same for the
/// same seed: what the scheduler benchmark runs and what property tests check.
/// The workshop grows with the produce (one kettle, autoclave and preparation
/// table per `lotsPerKettle` lots, 60 by default, a blender per two kettles,
/// three cooks per kettle), so a bigger instance is a bigger workshop with the
/// same tension, not a flood; more lots per kettle makes a tighter workshop.
public enum WorkshopInstances {
    /// `lots` input lots arriving over `days` days from Monday 2 March 2026, some already on hand.
    public static func make(lots count: Int, days: Int = 14, seed: UInt64 = 2026, lotsPerKettle: Int = 60) -> SchedulingProblem {
        var random = SeededGenerator(seed: seed &+ UInt64(count))
        let first = CalendarDate(year: 2026, month: 3, day: 2)!
        let scale = max(1, (count + lotsPerKettle - 1) / max(1, lotsPerKettle))
        var equipment: [SchedulingProblem.Equipment] = []
        func add(_ type: String, _ name: String, _ capacityKg: Int, _ number: Int) {
            for index in 1...number {
                equipment.append(
                    .init(id: UUID(using: &random), name: "\(name) \(index)", type: type, capacityGrams: capacityKg * 1000))
            }
        }
        add("prep_table", "Table", 150, scale)
        add("kettle", "Marmite 150 L", 120, scale)
        add("blender", "Mixeur", 150, max(1, scale / 2))
        add("autoclave", "Autoclave", 110, scale)
        // A maintenance morning on the first autoclave in the second week.
        equipment[equipment.firstIndex { $0.type == "autoclave" }!].unavailable = [
            .init(day: first.adding(days: 8), from: LocalTime(hour: 8, minute: 0), until: LocalTime(hour: 12, minute: 0))
        ]
        let weekdays: [Weekday] = [.monday, .tuesday, .wednesday, .thursday, .friday]
        let hours = OpeningHours(
            Dictionary(
                uniqueKeysWithValues: weekdays.map { ($0, [OpeningHours.Range(from: LocalTime("08:00")!, until: LocalTime("16:30")!)]) }))
        var shifts: [SchedulingProblem.Shift] = []
        for index in 0..<days {
            let day = first.adding(days: index)
            guard weekdays.contains(day.weekday) else { continue }
            shifts.append(.init(day: day, from: LocalTime("08:00")!, until: LocalTime("16:30")!, cooks: 3 * scale))
        }
        let vegetables = ["carottes", "courgettes", "tomates", "poireaux", "potiron", "aubergines", "poivrons", "pommes de terre"]
        let fruit = ["pommes", "poires", "fraises", "abricots", "prunes", "pêches"]
        var lots: [SchedulingProblem.Lot] = []
        for _ in 0..<count {
            let isFruit = Int.random(in: 0..<10, using: &random) < 4
            let arrives = Int.random(in: 0..<10, using: &random) < 3 ? 0 : Int.random(in: 0..<max(1, days - 2), using: &random)
            let day = first.adding(days: arrives)
            lots.append(
                .init(
                    id: UUID(using: &random), kind: isFruit ? .fruit : .vegetables,
                    productName: isFruit ? fruit.randomElement(using: &random) : vegetables.randomElement(using: &random),
                    grams: Int.random(in: 5_000...60_000, using: &random), availableFrom: day,
                    spoilDate: day.adding(days: Int.random(in: 1...5, using: &random))))
        }
        return SchedulingProblem(
            firstDay: first, days: days, openingHours: hours, closedDays: [first.adding(days: 10)], lots: lots,
            recipes: StandardRecipes.forScheduling(using: &random), equipment: equipment, shifts: shifts)
    }
}
