import CollectoKernel
import Foundation
import Testing

@testable import MicroTransform

/// The batch scheduler as a pure function: its hard rules, its priorities and its explanations.
@Suite struct BatchSchedulerTests {
    static let monday = CalendarDate("2026-03-02")!
    static let kettle = UUID()
    static let autoclave = UUID()

    static func hours() -> OpeningHours {
        let range = OpeningHours.Range(from: LocalTime("08:00")!, until: LocalTime("16:00")!)
        return OpeningHours(
            Dictionary(uniqueKeysWithValues: [Weekday.monday, .tuesday, .wednesday, .thursday, .friday].map { ($0, [range]) }))
    }

    static func soup(maxKg: Int = 100, minutes: Int = 240) -> SchedulingProblem.Recipe {
        .init(
            id: UUID(uuidString: "00000000-0000-4000-8000-000000000001")!, name: "Soupe", kind: .vegetables, produceShare: 0.6...0.8,
            yield: 0.95, minBatchGrams: 30_000, maxBatchGrams: maxKg * 1000,
            steps: [.init(equipmentType: "kettle", minutes: minutes), .init(equipmentType: "autoclave", minutes: 60)], staff: 2)
    }

    static func lot(_ kg: Int, _ kind: ProduceKind = .vegetables, from: Int = 0, spoils: Int, name: String? = nil) -> SchedulingProblem.Lot
    {
        .init(
            id: UUID(), kind: kind, productName: name, grams: kg * 1000, availableFrom: monday.adding(days: from),
            spoilDate: monday.adding(days: spoils))
    }

    static func problem(
        _ lots: [SchedulingProblem.Lot], recipes: [SchedulingProblem.Recipe] = [soup()], days: Int = 5, cooks: Int = 2,
        unavailable: [SchedulingProblem.Unavailability] = [], fixed: [PlannedBatch] = []
    ) -> SchedulingProblem {
        SchedulingProblem(
            firstDay: monday, days: days, openingHours: hours(), lots: lots, recipes: recipes,
            equipment: [
                .init(id: kettle, name: "Marmite", type: "kettle", capacityGrams: 120_000),
                .init(id: autoclave, name: "Autoclave", type: "autoclave", capacityGrams: 120_000, unavailable: unavailable),
            ],
            shifts: (0..<days).map {
                .init(day: monday.adding(days: $0), from: LocalTime("08:00")!, until: LocalTime("16:00")!, cooks: cooks)
            },
            fixed: fixed)
    }

    @Test func theProduceThatSpoilsFirstIsCookedFirst() {
        // One long batch a day fits; the lot spoiling on Tuesday must go on Monday or Tuesday.
        let late = Self.lot(70, spoils: 3)
        let early = Self.lot(70, spoils: 1)
        let problem = Self.problem([late, early], recipes: [Self.soup(maxKg: 100, minutes: 400)])
        let plan = BatchScheduler().plan(problem)
        #expect(PlanCheck.violations(of: plan, for: problem).isEmpty)
        #expect(plan.spoiledGrams == 0)
        let earlyDay = plan.batches.first { $0.inputs.contains { $0.lotId == early.id } }?.day
        #expect(earlyDay != nil && earlyDay! <= Self.monday.adding(days: 1))
    }

    @Test func aBatchNeverUsesProduceAfterItsSpoilDateOrBeforeItArrives() {
        let lots = [Self.lot(50, from: 2, spoils: 2), Self.lot(50, from: 0, spoils: 0), Self.lot(50, from: 1, spoils: 4)]
        let problem = Self.problem(lots)
        let plan = BatchScheduler().plan(problem)
        #expect(PlanCheck.violations(of: plan, for: problem).isEmpty)
        let byLot = Dictionary(uniqueKeysWithValues: lots.map { ($0.id, $0) })
        for batch in plan.batches {
            for input in batch.inputs {
                #expect(batch.day >= byLot[input.lotId]!.availableFrom)
                #expect(batch.day <= byLot[input.lotId]!.spoilDate)
            }
        }
        #expect(plan.spoiledGrams == 0)
    }

    @Test func equipmentAndCooksAreNeverBookedTwice() {
        let lots = (0..<12).map { _ in Self.lot(60, spoils: 4) }
        let problem = Self.problem(lots, recipes: [Self.soup(minutes: 120)], cooks: 2)
        let plan = BatchScheduler().plan(problem)
        #expect(PlanCheck.violations(of: plan, for: problem).isEmpty)
        for day in Set(plan.batches.map(\.day)) {
            let kettleUses = plan.batches.filter { $0.day == day }.flatMap(\.steps).filter { $0.equipmentId == Self.kettle }
            for (index, first) in kettleUses.enumerated() {
                for second in kettleUses[(index + 1)...] {
                    #expect(first.endMinute <= second.startMinute || second.endMinute <= first.startMinute)
                }
            }
        }
        // Two cooks on shift and two per batch: batches never overlap at all.
        let sameDay = Dictionary(grouping: plan.batches, by: \.day)
        for batches in sameDay.values {
            for (index, first) in batches.enumerated() {
                for second in batches[(index + 1)...] {
                    #expect(first.endMinute <= second.startMinute || second.endMinute <= first.startMinute)
                }
            }
        }
    }

    @Test func equipmentOutsideItsCalendarIsNotUsed() {
        let down = SchedulingProblem.Unavailability(day: Self.monday)
        let problem = Self.problem([Self.lot(60, spoils: 2)], unavailable: [down])
        let plan = BatchScheduler().plan(problem)
        #expect(PlanCheck.violations(of: plan, for: problem).isEmpty)
        #expect(plan.batches.map(\.day) == [Self.monday.adding(days: 1)])
    }

    @Test func everyUnusedLotSaysWhy() {
        let fruit = Self.lot(40, .fruit, spoils: 2)
        let crumbs = Self.lot(5, spoils: 2)
        let weekend = Self.lot(60, from: 5, spoils: 6)
        let later = Self.lot(60, from: 0, spoils: 30)
        let problem = Self.problem([fruit, crumbs, weekend, later], days: 7)
        let plan = BatchScheduler().plan(problem)
        let reasons = Dictionary(uniqueKeysWithValues: plan.unused.map { ($0.lotId, $0.reason) })
        #expect(reasons[fruit.id] == .noRecipe(kind: .fruit))
        #expect(reasons[weekend.id] == .workshopClosed)
        // The crumbs join the 60 kg lot that keeps: nothing left of either to explain.
        #expect(reasons[crumbs.id] == nil)
        #expect(reasons[later.id] == nil)
        let alone = Self.problem([crumbs])
        #expect(BatchScheduler().plan(alone).unused.first?.reason == .tooLittle(availableGrams: 5_000, minimumGrams: 18_000))
        let kept = Self.problem([Self.lot(10, spoils: 30)])
        let unused = BatchScheduler().plan(kept).unused.first
        #expect(unused?.reason == .keptForLater)
        #expect(unused?.spoils == false)
    }

    @Test func lockedBatchesStayAndTheRestIsPlannedAroundThem() {
        let lot = Self.lot(60, spoils: 0)
        let other = Self.lot(60, spoils: 0)
        let locked = PlannedBatch(
            id: UUID(), recipeId: Self.soup().id, day: Self.monday,
            steps: [
                .init(equipmentId: Self.kettle, startMinute: 8 * 60, endMinute: 12 * 60),
                .init(equipmentId: Self.autoclave, startMinute: 12 * 60, endMinute: 13 * 60),
            ],
            inputs: [.init(lotId: lot.id, grams: 60_000)],
            addedGrams: 20_000, expectedOutputGrams: 76_000, staff: 2, locked: true)
        let problem = Self.problem([lot, other], recipes: [Self.soup(minutes: 120)], fixed: [locked])
        let plan = BatchScheduler().plan(problem)
        #expect(PlanCheck.violations(of: plan, for: problem).isEmpty)
        #expect(plan.batches.contains(locked))
        let placed = plan.batches.first { !$0.locked }
        #expect(placed?.inputs.map(\.lotId) == [other.id])
        #expect((placed?.startMinute ?? 0) >= 12 * 60)
    }

    @Test func theSamePlanComesOutWhateverTheInputOrder() {
        let problem = WorkshopInstances.make(lots: 60)
        var shuffled = problem
        var random = SeededGenerator(seed: 9)
        shuffled.lots.shuffle(using: &random)
        shuffled.recipes.shuffle(using: &random)
        #expect(BatchScheduler().plan(problem) == BatchScheduler().plan(shuffled))
    }

    @Test(arguments: [20, 100, 250]) func generatedInstancesGetSoundPlans(lots: Int) {
        let problem = WorkshopInstances.make(lots: lots)
        let plan = BatchScheduler().plan(problem)
        #expect(PlanCheck.violations(of: plan, for: problem) == [])
        let total = problem.lots.reduce(0) { $0 + $1.grams }
        let unused = plan.unused.reduce(0) { $0 + $1.grams }
        #expect(plan.processedGrams + unused == total)
        #expect(plan.spoiledGrams < total / 2)
    }

    @Test func smoothingSpreadsBatchesThatCanWait() {
        // Four lots that keep all week: without smoothing they would all be cooked on Monday.
        let lots = (0..<4).map { _ in Self.lot(70, spoils: 4) }
        let problem = Self.problem(lots, recipes: [Self.soup(minutes: 60)], cooks: 8)
        let plan = BatchScheduler().plan(problem)
        #expect(PlanCheck.violations(of: plan, for: problem).isEmpty)
        #expect(Set(plan.batches.map(\.day)).count >= 3)
        #expect(plan.spoiledGrams == 0)
    }

    @Test func nothingStartsBeforeThePlanIsMadeOnItsFirstDay() {
        var problem = Self.problem([Self.lot(60, spoils: 1)], recipes: [Self.soup(minutes: 120)])
        problem.firstDayStartMinute = 11 * 60 + 5
        let plan = BatchScheduler().plan(problem)
        #expect(PlanCheck.violations(of: plan, for: problem).isEmpty)
        #expect(plan.batches.first?.day == Self.monday)
        #expect(plan.batches.first?.startMinute == 11 * 60 + 15)
    }
}
