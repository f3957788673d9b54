import CollectoKernel
import Foundation

/// What waits on the food bank's desk on the demo's morning, so that every
/// step of the work can be tried at once: donors' offers to decide on (and
/// one declined, with its reason, for the demo donor to read), two pickups
/// weighed in and waiting to be sorted, a window past its cut-off waiting
/// for allocation, two households changes to approve, and emergency parcels
/// asked for, one already prepared. Each is written through the module's
/// own services, at the instant it would have happened.
enum DemoToday {
    static func load(_ network: DemoNetwork, products: [Product], tasks: TaskService, tx: Transaction) async throws {
        var random = SeededGenerator(seed: 303)
        let warehouse = network.foodBank.site
        let morning = network.today.instant(at: LocalTime(hour: 8, minute: 0)!, in: network.timeZone)
        let earlier = Transaction(sql: tx.sql, now: morning.addingTimeInterval(-3_600), caller: nil)
        try await offers(network, tasks: tasks, tx: earlier)
        try await pickupsToSort(network, products: products, tasks: tasks, random: &random, tx: earlier)
        try await windowToAllocate(network, products: products, random: &random, tx: tx)
        try await householdsChanges(network, random: &random, tx: earlier)
        try await parcelRequests(network, warehouse: warehouse.id, tx: earlier)
    }

    /// Three offers waiting for a decision (one from the demo donor) and, from last week, one the food bank declined.
    static func offers(_ network: DemoNetwork, tasks: TaskService, tx: Transaction) async throws {
        let service = OfferService(timeZone: network.timeZone, pickups: PickupService(tasks: tasks, timeZone: network.timeZone))
        let goods: [(DemoNetwork.Member, ProductCategory, String, Double, Int?)] = [
            (network.donors[1], .dairy, "yaourts nature, date courte", 84, 6),
            (network.donors[4], .fruitAndVegetables, "pommes et poires de l'arrière-saison", 160, 9),
            (network.donors[9], .dryGrocery, "pâtes et riz, emballages abîmés", 45, nil),
        ]
        for (donor, category, description, kg, useByDays) in goods {
            _ = try await service.declare(
                .init(
                    donorId: donor.organisation.id, siteId: donor.site.id, availableFrom: tx.now,
                    availableUntil: tx.now.addingTimeInterval(2 * 86_400),
                    lines: [
                        .init(
                            productId: nil, category: category, description: description, estimatedKg: kg,
                            useBy: useByDays.map { network.today.adding(days: $0) }, bestBefore: nil, temperature: nil)
                    ]),
                in: tx)
        }
        let lastWeek = Transaction(sql: tx.sql, now: tx.now.addingTimeInterval(-6 * 86_400), caller: nil)
        let declined = try await service.declare(
            .init(
                donorId: network.donors[1].organisation.id, siteId: network.donors[1].site.id, availableFrom: lastWeek.now,
                availableUntil: lastWeek.now.addingTimeInterval(86_400),
                lines: [
                    .init(
                        productId: nil, category: .preparedMeals, description: "plats cuisinés, rupture de la chaîne du froid",
                        estimatedKg: 30, useBy: network.today.adding(days: -4), bestBefore: nil, temperature: .chilled)
                ]),
            in: lastWeek)
        _ = try await service.decline(
            declined.id, reason: "la chaîne du froid a été rompue : nous ne pouvons pas reprendre ces plats", in: lastWeek)
    }

    /// This morning's pickups, weighed by the driver on arrival and waiting on the sorting table.
    static func pickupsToSort(
        _ network: DemoNetwork, products: [Product], tasks: TaskService, random: inout SeededGenerator, tx: Transaction
    ) async throws {
        let service = PickupService(tasks: tasks, timeZone: network.timeZone)
        for donor in [network.donors[2], network.donors[7]] {
            let pickup = try await service.create(
                donor: donor.organisation.id, site: donor.site.id, warehouse: network.foodBank.site.id, offer: nil,
                window: TimeWindow(from: tx.now.addingTimeInterval(-7_200), until: tx.now), kg: 90, temperature: .chilled, in: tx)
            let driverKg = Double(Int.random(in: 55_000...120_000, using: &random)) / 1000
            try await PickupService.recordArrival(pickup.id, driverKg: driverKg, in: tx)
            if let task = pickup.taskId { try await tasks.recordDone(task, actualKg: driverKg, in: tx) }
        }
    }

    /// A small window for fresh produce whose cut-off passed last night: its orders wait for the allocation.
    static func windowToAllocate(_ network: DemoNetwork, products: [Product], random: inout SeededGenerator, tx: Transaction)
        async throws
    {
        let opened = Transaction(
            sql: tx.sql, now: network.today.adding(days: -3).instant(at: LocalTime(hour: 9, minute: 0)!, in: network.timeZone),
            caller: nil)
        let window = try await WindowService(timeZone: network.timeZone).open(
            .init(
                name: "Frais et laitages", warehouseSiteId: network.foodBank.site.id, opensAt: opened.now,
                cutoffAt: network.today.adding(days: -1).instant(at: LocalTime(hour: 20, minute: 0)!, in: network.timeZone),
                deliveryDay: network.today.adding(days: 1), fulfilment: .delivery, maxKg: nil, maxOrders: nil, partnerIds: nil),
            in: opened)
        let fresh = products.filter { $0.category == .dairy || $0.category == .fruitAndVegetables }.prefix(10)
        // The second demo partner ordered here: once the food bank allocates, its volunteer sees what it gets.
        for partner in [network.partners[1]] + network.partners.dropFirst(40).prefix(5) {
            let lines = fresh.shuffled(using: &random).prefix(4).map {
                OrderService.Draft.Line(productId: $0.id, quantity: Int.random(in: 4...20, using: &random))
            }
            let order = try await OrderService().saveDraft(
                .init(organisationId: partner.organisation.id, lines: Array(lines), collectionSlot: nil), window: window.id, in: opened)
            _ = try await OrderService().submit(order.id, in: opened)
        }
    }

    /// Two partners asked to change their households count; the food bank has not yet approved.
    static func householdsChanges(_ network: DemoNetwork, random: inout SeededGenerator, tx: Transaction) async throws {
        let store = PartnerProfileStore()
        for partner in network.partners.dropFirst(2).prefix(2) {
            guard var profile = try await store.get(partner.organisation.id, in: tx) else { continue }
            profile.pendingHouseholds = (profile.households ?? 100) + Int.random(in: 10...60, using: &random)
            profile.pendingRequestedAt = tx.now
            try await store.save(profile, in: tx)
        }
    }

    /// Emergency parcels the social services asked for this week: three to prepare, one prepared.
    static func parcelRequests(_ network: DemoNetwork, warehouse: UUID, tx: Transaction) async throws {
        let service = ParcelService(stock: StockService(rules: ShelfLifeRules()))
        let referrers = network.partners.filter { $0.organisation.name.hasPrefix("CCAS") }
        guard !referrers.isEmpty else { return }
        for index in 0..<4 {
            let request = try await service.request(
                .init(
                    referrerId: referrers[index % referrers.count].organisation.id, householdSize: [2, 4, 1, 6][index],
                    parcels: [1, 2, 1, 1][index], neededBy: network.today.adding(days: 1 + index)),
                in: tx)
            if index == 0 { _ = try await service.prepare(request.id, in: tx) }
        }
    }
}
