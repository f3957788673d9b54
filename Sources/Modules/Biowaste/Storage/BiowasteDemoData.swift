import CollectoKernel
import Foundation

/// Forty collection points (the food bank's warehouse, the workshop and
/// partner associations) with bins sized to a week or two of their
/// production, a composting platform and a methanisation unit, weekly
/// schedules at a few points, and four months of history: each point fills at
/// its own rate, asks for a pickup when its bins are nearly full, is collected
/// the next working day (the odd bin refused for poor sorting) and delivered
/// and weighed — written through the real services, so the register, the
/// reports and the forecast's accuracy read true.
enum BiowasteDemoData {
    static func loader(tasks: TaskService) -> DemoDataLoader {
        DemoDataLoader(name: "biowaste.collection_points") { network, tx in
            try await load(network, tasks: tasks, tx: tx)
        }
    }

    static let days = 120

    static func load(_ network: DemoNetwork, tasks: TaskService, tx: Transaction) async throws {
        var random = SeededGenerator(seed: 31)
        let start = network.today.adding(days: -days)
        let setUp = Transaction(sql: tx.sql, now: start.instant(at: LocalTime(hour: 7, minute: 0)!, in: network.timeZone), caller: nil)
        let producers = [network.foodBank, network.workshop] + network.partners.prefix(38)
        let service = PointService(timeZone: network.timeZone)
        var rates: [UUID: Double] = [:]
        for (index, producer) in producers.enumerated() {
            let weekly = Double(20 + (index * 37) % 180)
            _ = try await service.addPoint(.init(siteId: producer.site.id, expectedKgPerWeek: weekly), in: setUp)
            let bins = max(1, Int((weekly * Double.random(in: 1.2...2.2, using: &random) / (240 * Biowaste.kgPerLitre)).rounded(.up)))
            _ = try await service.addContainer(
                .init(type: "bac 240 L", volumeLitres: 240, count: bins, handling: .empty), point: producer.site.id, in: setUp)
            if index % 9 == 4 {
                _ = try await service.addContainer(
                    .init(type: "caisse-palette 660 L", volumeLitres: 660, count: 1, handling: .swap), point: producer.site.id, in: setUp)
            }
            rates[producer.site.id] = weekly / 7 * Double.random(in: 0.85...1.15, using: &random)
        }
        for (index, producer) in producers.enumerated() where index % 10 == 0 {
            _ = try await service.setSchedule(
                .init(everyDays: 7, firstDay: network.today.adding(days: 1)), point: producer.site.id, in: setUp)
        }
        let natures = ["biowaste", "unfit_food", "peelings", "spoiled_produce", "discarded_processed_food", "processing_losses"]
        _ = try await DestinationStore.save(
            .init(siteId: network.treatmentSites[0].site.id, treatment: .composting, accepts: natures, dailyCapacityKg: 8_000), in: setUp)
        _ = try await DestinationStore.save(
            .init(siteId: network.treatmentSites[1].site.id, treatment: .methanisation, accepts: ["*"], dailyCapacityKg: 20_000),
            in: setUp)
        let trucks = network.vehicles.filter { $0.name.contains("biodéchets") }.map(\.id)
        let city = network.cityService.organisation.id
        let planner = PickupPlanner(tasks: tasks, timeZone: network.timeZone)
        for producer in producers {
            let site = producer.site.id
            let point = try await PointService.point(site, in: setUp)
            var fill = Double.random(in: 0...0.5, using: &random) * point.capacityKg
            var requestedOn: CalendarDate?
            for offset in 0..<days {
                let day = start.adding(days: offset)
                let weekend = [Weekday.saturday, .sunday].contains(day.weekday)
                fill += rates[site]! * Double.random(in: 0.6...1.4, using: &random) * (weekend ? 0.4 : 1)
                if requestedOn == nil && fill >= 0.92 * point.capacityKg {
                    let at = Transaction(
                        sql: tx.sql, now: day.instant(at: LocalTime(hour: 17, minute: 0)!, in: network.timeZone), caller: nil)
                    _ = try await service.request(
                        .init(containerId: nil, fillLevel: min(1, fill / point.capacityKg), note: nil), point: site, in: at)
                    requestedOn = day
                } else if let asked = requestedOn, day > asked, !weekend {
                    let morning = Transaction(
                        sql: tx.sql, now: day.instant(at: LocalTime(hour: 8, minute: 0)!, in: network.timeZone), caller: nil)
                    guard let pickup = try await planner.plan(day: day, site: site, collector: city, in: morning).pickups.first else {
                        continue
                    }
                    let collecting = Transaction(
                        sql: tx.sql, now: morning.now.addingTimeInterval(Double.random(in: 600...14_400, using: &random)), caller: nil)
                    let refused = Int.random(in: 0..<30, using: &random) == 0
                    let lines = point.containers.enumerated().map { index, container in
                        let share = container.volumeLitres * Double(container.count) * Biowaste.kgPerLitre / point.capacityKg
                        return CollectionService.Recording.Line(
                            containerId: container.id, kg: refused && index == 0 ? nil : ((fill * share) * 10).rounded() / 10,
                            refused: refused && index == 0, reason: refused && index == 0 ? "emballages plastiques dans le bac" : nil)
                    }
                    let carrier = CollectionService.Carrier(
                        organisationId: city, vehicleId: trucks[offset % trucks.count], driverUserId: nil)
                    let recorded = try await CollectionService().record(
                        .init(containers: lines), pickup: pickup.id, carrier: carrier, by: nil, in: collecting)
                    if let task = pickup.taskId {
                        try await tasks.recordDone(task, actualKg: recorded.collectedKg ?? 0, in: collecting)
                    }
                    if recorded.status == "collected" {
                        let delivering = Transaction(sql: tx.sql, now: collecting.now.addingTimeInterval(3_600), caller: nil)
                        let weighed = ((recorded.collectedKg ?? 0) * Double.random(in: 0.985...1.005, using: &random) * 10).rounded() / 10
                        try await CollectionService.deliver(recorded, grams: Grams.of(kg: weighed), carrier: carrier, in: delivering)
                        fill -= recorded.collectedKg ?? 0
                        fill = max(0, fill)
                    }
                    requestedOn = nil
                }
            }
        }
    }
}
