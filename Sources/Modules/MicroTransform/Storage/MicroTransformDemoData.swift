import CollectoKernel
import Foundation

/// The demo workshop: its equipment, the four standard recipes, cooks on
/// weekdays, three months of history run through the real services (produce
/// weighed in, planned each morning, batches cooked with HACCP records, a few
/// out of limits then released or discarded, the last two still waiting for
/// the decision), produce on hand and offered today, and a plan for the
/// coming week, its first batch running and the next two locked.
enum MicroTransformDemoData {
    static func loader(tasks: TaskService) -> DemoDataLoader {
        DemoDataLoader(name: "microtransform.workshop") { network, tx in
            try await load(network, tasks: tasks, tx: tx)
        }
    }

    static func load(_ network: DemoNetwork, tasks: TaskService, tx: Transaction) async throws {
        let workshopID = network.workshop.organisation.id
        let workshop = try await WorkshopRegistry().register(
            .init(organisationId: workshopID, siteId: network.workshop.site.id, dailyCapacityKg: 400), in: tx
        ).workshop
        let start = network.today.adding(days: -91)
        let setUp = Transaction(sql: tx.sql, now: start.instant(at: LocalTime(hour: 7, minute: 0)!, in: network.timeZone), caller: nil)
        let resources = ResourceService()
        for (name, type, capacity) in [
            ("Table de préparation 1", "prep_table", 150.0), ("Table de préparation 2", "prep_table", 150.0),
            ("Marmite 150 L n°1", "kettle", 120.0), ("Marmite 150 L n°2", "kettle", 120.0), ("Mixeur plongeant", "blender", 150.0),
            ("Autoclave 110 L", "autoclave", 110.0), ("Chambre froide", "cold_room", 2_000.0),
        ] {
            _ = try await resources.addEquipment(.init(name: name, type: type, capacityKg: capacity), workshop: workshopID, in: setUp)
        }
        for recipe in StandardRecipes.all {
            _ = try await RecipeService().create(recipe, workshop: workshopID, in: setUp)
        }
        for offset in 0..<(91 + 21) {
            let day = start.adding(days: offset)
            guard ![Weekday.saturday, .sunday].contains(day.weekday) else { continue }
            _ = try await resources.addShift(
                .init(day: day, from: LocalTime("08:00")!, until: LocalTime("16:30")!, cooks: 4), workshop: workshopID, in: setUp)
        }
        let autoclave = try await ResourceService.equipment(workshop: workshopID, in: setUp).first { $0.type == "autoclave" }!
        try await resources.addUnavailability(
            .init(
                day: nextWeekday(after: network.today.adding(days: 2)), from: LocalTime("08:00"), until: LocalTime("12:00"),
                reason: "contrôle annuel de l'autoclave"),
            equipment: autoclave.id, in: setUp)
        var random = SeededGenerator(seed: 55)
        let intake = IntakeService(tasks: tasks, timeZone: network.timeZone)
        let planning = PlanningService(timeZone: network.timeZone)
        let running = BatchRunService(timeZone: network.timeZone)
        var batchNumber = 0
        var quarantined: [(id: UUID, number: Int, decidedAt: Date)] = []
        for offset in 0..<91 {
            let day = start.adding(days: offset)
            guard ![Weekday.saturday, .sunday].contains(day.weekday) else { continue }
            let morning = Transaction(sql: tx.sql, now: day.instant(at: LocalTime(hour: 7, minute: 30)!, in: network.timeZone), caller: nil)
            try await bringIn(
                count: Int.random(in: 2...4, using: &random), on: day, network: network, workshop: workshop, intake: intake,
                random: &random, tx: morning)
            _ = try await planning.replan(workshop: workshop, request: .init(from: day, days: 1), in: morning)
            for batch in try await PlanStore.batches(workshop: workshopID, from: day, until: day, status: .planned, in: morning).items {
                batchNumber += 1
                let recipe = try await RecipeService.load(batch.recipeId, in: morning)
                let begin = Transaction(
                    sql: tx.sql, now: day.instant(at: batch.start, in: network.timeZone), caller: nil)
                let started = try await running.start(batch.id, .init(inputs: nil, addedKg: nil), in: begin)
                let produce = started.inputs.reduce(0) { $0 + ($1.usedKg ?? 0) }
                let total = produce + (started.addedKg ?? 0)
                let made = total * recipe.yield * Double.random(in: 0.9...0.99, using: &random)
                let units = Int(made / recipe.output.unitKg)
                let waste = min(produce * Double.random(in: 0.04...0.09, using: &random), total - Double(units) * recipe.output.unitKg)
                let faulty = batchNumber % 13 == 0
                let limits = recipe.limits
                let record = HACCPRecord(
                    cookingCelsius: (limits.minCookingCelsius ?? 90) + Double(Int.random(in: 1...5, using: &random)),
                    cookingMinutes: (limits.minCookingMinutes ?? 30) + Int.random(in: 5...20, using: &random),
                    coreCelsius: limits.minCoreCelsius.map { $0 + (faulty ? -6 : Double(Int.random(in: 1...4, using: &random))) },
                    coolingMinutes: (limits.maxCoolingMinutes ?? 120) - Int.random(in: 10...40, using: &random),
                    ph: limits.maxPH.map { (($0 - 0.3) * 10).rounded() / 10 })
                let end = Transaction(sql: tx.sql, now: day.instant(at: batch.end, in: network.timeZone), caller: nil)
                let finished = try await running.finish(
                    batch.id, .init(outputUnits: units, wasteKg: (max(0, waste) * 1000).rounded(.down) / 1000, haccp: record), in: end)
                if finished.status == .quarantined {
                    quarantined.append((batch.id, batchNumber, end.now.addingTimeInterval(3_600)))
                }
            }
        }
        // Batches out of limits were released or discarded an hour after; the last two still wait for the decision.
        for batch in quarantined.dropLast(2) {
            let release = batch.number % 2 == 0
            _ = try await running.decide(
                batch.id, release: release, reason: release ? "recontrôle à cœur conforme après second cycle" : "stérilisation incomplète",
                in: Transaction(sql: tx.sql, now: batch.decidedAt, caller: nil))
        }
        // Today: produce on hand, some offered (the first accepted, arriving this afternoon), and the week's plan,
        // its first batch started and the next two locked.
        let today = Transaction(
            sql: tx.sql, now: network.today.instant(at: LocalTime(hour: 7, minute: 30)!, in: network.timeZone), caller: nil)
        try await bringIn(count: 6, on: network.today, network: network, workshop: workshop, intake: intake, random: &random, tx: today)
        for index in 0..<3 {
            let donor = network.donors[(index * 17 + 3) % network.donors.count]
            let offered = try await intake.declare(
                .init(
                    sourceSiteId: donor.site.id, produceKind: nil, productName: ["pommes", "courgettes", "tomates"][index],
                    kg: Double(Int.random(in: 20...60, using: &random)), spoilDate: network.today.adding(days: 3 + index)),
                workshop: workshop, in: today)
            if index == 0 { _ = try await intake.accept(offered.id, .init(produceKind: nil, spoilDate: nil), in: today) }
        }
        _ = try await planning.replan(workshop: workshop, request: .init(from: network.today, days: 7), in: today)
        let planned = try await PlanStore.batches(
            workshop: workshopID, from: network.today, until: network.today.adding(days: 7), status: .planned, in: today
        ).items
        if let first = planned.first {
            _ = try await running.start(first.id, .init(inputs: nil, addedKg: nil), in: today)
        }
        for batch in planned.dropFirst().prefix(2) {
            try await PlanStore.setLocked(batch.id, true, in: today)
        }
    }

    /// Produce declared by nearby farms, accepted on site and weighed in.
    static func bringIn(
        count: Int, on day: CalendarDate, network: DemoNetwork, workshop: Workshop, intake: IntakeService, random: inout SeededGenerator,
        tx: Transaction
    ) async throws {
        let vegetables = ["carottes", "courgettes", "tomates", "poireaux", "potiron", "aubergines", "poivrons"]
        let fruit = ["pommes", "poires", "fraises", "abricots", "prunes"]
        for _ in 0..<count {
            let isFruit = Int.random(in: 0..<10, using: &random) < 4
            let name = isFruit ? fruit.randomElement(using: &random)! : vegetables.randomElement(using: &random)!
            let declared = try await intake.declare(
                .init(
                    sourceSiteId: workshop.siteId, produceKind: nil, productName: name,
                    kg: Double(Int.random(in: 15_000...55_000, using: &random)) / 1000,
                    spoilDate: day.adding(days: Int.random(in: 1...4, using: &random))),
                workshop: workshop, in: tx)
            _ = try await intake.accept(declared.id, .init(produceKind: nil, spoilDate: nil), in: tx)
            _ = try await intake.receive(declared.id, kg: declared.kg, in: tx)
        }
    }

    static func nextWeekday(after day: CalendarDate) -> CalendarDate {
        var day = day
        while [Weekday.saturday, .sunday].contains(day.weekday) { day = day.adding(days: 1) }
        return day
    }
}
