import CollectoKernel
import Foundation

/// A year of demo history, so that reports and receipts show true-looking
/// figures: donors with usual pickup days, weekly pickups sorted into stock,
/// processing and biowaste, a monthly ordering window allocated, shipped
/// and received, and emergency parcels handed over. Each step is written as
/// it would have been, at its own past instant.
enum DemoHistory {
    /// Where last month's orders stand, in turn: the first partner (a demo log-in) has one delivered to confirm.
    static let lastMonthStages: [OrderStatus] = [.shipped, .allocated, .validated, .prepared, .shipped, .received, .closed, .closed]

    static func load(_ network: DemoNetwork, products: [Product], tasks: TaskService, tx: Transaction) async throws {
        var random = SeededGenerator(seed: 77)
        let warehouse = network.foodBank.site
        let types: [DonorType] = [.supermarket, .supermarket, .producer, .wholesaler, .manufacturer]
        let donors = Array(network.donors.prefix(40))
        for (index, donor) in donors.enumerated() {
            _ = try await DonorProfileStore().save(
                donor.organisation.id,
                .init(
                    donorType: types[index % types.count],
                    usualPickupDays: [[.monday], [.wednesday], [.friday], [.tuesday, .thursday]][index % 4], siteId: donor.site.id),
                in: tx)
        }
        let byCategory = Dictionary(grouping: products, by: \.category)
        let stock = StockService(rules: ShelfLifeRules())
        let parcelStaples = Array((byCategory[.dryGrocery] ?? []).prefix(20))
        let referrers = network.partners.filter { $0.organisation.name.hasPrefix("CCAS") }
        try await DemoParcels.defineCompositions(
            staples: parcelStaples,
            tx: Transaction(
                sql: tx.sql, now: network.today.adding(days: -366).instant(at: LocalTime(hour: 9, minute: 0)!, in: network.timeZone),
                caller: nil))
        for monthsAgo in stride(from: 12, through: 1, by: -1) {
            let monthStart = network.today.adding(days: -30 * monthsAgo)
            // Pickups through the month, each sorted the day it came in.
            for week in 0..<4 {
                for donor in donors.shuffled(using: &random).prefix(4) {
                    let day = monthStart.adding(days: week * 7 + Int.random(in: 0...4, using: &random))
                    let at = Transaction(
                        sql: tx.sql, now: day.instant(at: LocalTime(hour: 10, minute: 0)!, in: network.timeZone), caller: nil)
                    try await sortedPickup(
                        donor: donor, warehouse: warehouse, day: day, byCategory: byCategory, stock: stock, tasks: tasks,
                        timeZone: network.timeZone,
                        random: &random, tx: at)
                }
            }
            try await DemoParcels.month(
                day: monthStart.adding(days: 12), warehouse: warehouse.id, referrers: referrers, staples: parcelStaples,
                timeZone: network.timeZone, random: &random,
                tx: tx)
            // The month's window: orders from 20 partners, allocated, shipped and received.
            let opens = Transaction(
                sql: tx.sql, now: monthStart.adding(days: 20).instant(at: LocalTime(hour: 9, minute: 0)!, in: network.timeZone), caller: nil
            )
            let window = try await WindowService(timeZone: network.timeZone).open(
                .init(
                    name: "Commandes \(monthStart.description.prefix(7))", warehouseSiteId: warehouse.id, opensAt: opens.now,
                    cutoffAt: opens.now.addingTimeInterval(2 * 86_400), deliveryDay: monthStart.adding(days: 24), fulfilment: .delivery,
                    maxKg: nil, maxOrders: nil, partnerIds: nil),
                in: opens)
            let staples = (byCategory[.dryGrocery] ?? []).prefix(20) + (byCategory[.fruitAndVegetables] ?? []).prefix(6)
            // The first partner (a demo log-in) orders every month, so that its user sees a history of orders and statements.
            let ordering = network.partners.prefix(1) + network.partners.dropFirst(2).shuffled(using: &random).prefix(19)
            for partner in ordering {
                let lines = staples.shuffled(using: &random).prefix(6).map {
                    OrderService.Draft.Line(productId: $0.id, quantity: Int.random(in: 5...30, using: &random))
                }
                let order = try await OrderService().saveDraft(
                    .init(organisationId: partner.organisation.id, lines: Array(lines), collectionSlot: nil), window: window.id, in: opens)
                _ = try await OrderService().submit(order.id, in: opens)
            }
            let cutoff = Transaction(sql: tx.sql, now: window.cutoffAt.addingTimeInterval(600), caller: nil)
            let orders = try await AllocationService(stock: stock).allocate(window: window.id, in: cutoff)
            let shipping = Transaction(
                sql: tx.sql, now: window.deliveryDay.instant(at: LocalTime(hour: 8, minute: 0)!, in: network.timeZone), caller: nil)
            let fulfilment = FulfilmentService(stock: stock, tasks: tasks, timeZone: network.timeZone)
            // Allocation answers in no set order: the others' stages follow their rank among the others, so the counts hold.
            var others = 0
            for order in orders {
                // Last month's window is still under way: its orders stop at every stage, so that each step can be tried.
                // The first demo partner's own order is on its way, for its volunteer to confirm on arrival.
                let ownOrder = order.organisationId == network.partners[0].organisation.id
                if !ownOrder { others += 1 }
                let stage = monthsAgo == 1 ? (ownOrder ? .shipped : lastMonthStages[(others - 1) % lastMonthStages.count]) : .closed
                guard stage != .allocated else { continue }
                _ = try await fulfilment.advance(order.id, from: .allocated, to: .validated, in: shipping)
                guard stage != .validated else { continue }
                _ = try await fulfilment.advance(order.id, from: .validated, to: .prepared, in: shipping)
                guard stage != .prepared else { continue }
                let shipped = try await fulfilment.ship(order.id, in: shipping)
                guard stage != .shipped else { continue }
                let receipt = FulfilmentService.Receipt(
                    lines: shipped.lines.map {
                        .init(productId: $0.productId, received: $0.shipped ?? 0, receivedKg: $0.shippedKg, discrepancy: nil)
                    })
                _ = try await fulfilment.receive(order.id, receipt, in: shipping)
                if let task = shipped.taskId {
                    try await tasks.recordDone(task, actualKg: nil, in: shipping)
                }
                guard stage != .received else { continue }
                _ = try await fulfilment.advance(order.id, from: .received, to: .closed, in: shipping)
            }
        }
        // What expired on the shelves was written off as it expired.
        for row in try await tx.query(
            "SELECT id, use_by, on_hand - reserved AS left FROM foodaid_lots WHERE use_by < ? AND on_hand > reserved", [network.today])
        {
            let expiry = try row.calendarDate("use_by").adding(days: 1)
            let at = Transaction(sql: tx.sql, now: expiry.instant(at: LocalTime(hour: 8, minute: 0)!, in: network.timeZone), caller: nil)
            try await stock.record(
                try row.uuid("id"), .loss, onHand: -(try row.int("left")), reserved: 0, reason: "use-by date passed", order: nil, in: at)
        }
    }

    static func sortedPickup(
        donor: DemoNetwork.Member, warehouse: Site, day: CalendarDate, byCategory: [ProductCategory: [Product]], stock: StockService,
        tasks: TaskService, timeZone: TimeZone, random: inout SeededGenerator, tx: Transaction
    ) async throws {
        let pickup = try await PickupService(tasks: tasks, timeZone: timeZone).create(
            donor: donor.organisation.id, site: donor.site.id, warehouse: warehouse.id, offer: nil,
            window: TimeWindow(from: tx.now, until: tx.now.addingTimeInterval(7200)), kg: 80, temperature: .chilled, in: tx)
        var stockLines: [SortingService.Sorting.StockLine] = []
        var grams = 0
        for category in [ProductCategory.dryGrocery, .fruitAndVegetables, .dairy] {
            guard let product = byCategory[category]?.randomElement(using: &random) else { continue }
            let quantity = Int.random(in: 10...60, using: &random)
            // What the scale shows: the label's weight, give or take a few percent.
            let weight = Grams.kg(Grams.of(kg: Double(quantity) * product.unitWeightKg * Double.random(in: 0.97...1.03, using: &random)))
            grams += Grams.of(kg: weight)
            let fresh = category != .dryGrocery
            stockLines.append(
                .init(
                    productId: product.id, quantity: quantity, kg: weight,
                    useBy: fresh ? day.adding(days: Int.random(in: 2...12, using: &random)) : nil,
                    bestBefore: fresh ? nil : day.adding(days: 180)))
        }
        let processing = Double(Int.random(in: 2_000...15_000, using: &random)) / 1000
        let unfit = Double(Int.random(in: 500...6_000, using: &random)) / 1000
        let received = Grams.kg(grams + Grams.of(kg: processing) + Grams.of(kg: unfit))
        // The driver's scale is not the warehouse's: now and then a few hundred grams apart.
        let driverKg = Grams.kg(Grams.of(kg: received) + (Bool.random(using: &random) ? 0 : Int.random(in: -400...400, using: &random)))
        try await PickupService.recordArrival(pickup.id, driverKg: driverKg, in: tx)
        if let task = pickup.taskId { try await tasks.recordDone(task, actualKg: driverKg, in: tx) }
        _ = try await SortingService(stock: stock, timeZone: timeZone).sort(
            pickup.id,
            .init(
                receivedKg: received, stock: stockLines,
                processing: [
                    .init(category: .fruitAndVegetables, productName: "fruits et légumes mûrs", kg: processing, remainingShelfLifeDays: 3)
                ],
                unfit: [.init(kg: unfit, reason: "abîmé au transport")]),
            in: tx)
    }
}
