import CollectoKernel
import Foundation

/// FoodAid's demo data: partner households, the 200-product catalogue, stock
/// in dated lots at the warehouse, this week's ordering window with the
/// first partners' orders already submitted, and what waits on the desk
/// this morning (``DemoToday``).
enum FoodAidDemoData {
    static func loader(tasks: TaskService) -> DemoDataLoader {
        DemoDataLoader(name: "foodaid.demo") { network, tx in
            try await load(network, tasks: tasks, tx: tx)
        }
    }

    static func load(_ network: DemoNetwork, tasks: TaskService, tx: Transaction) async throws {
        var random = SeededGenerator(seed: 4)
        var households: [UUID: Int] = [:]
        for partner in network.partners {
            let count = Int.random(in: 40...600, using: &random)
            households[partner.organisation.id] = count
            try await PartnerProfileStore().save(
                PartnerProfile(
                    organisationId: partner.organisation.id, households: count,
                    beneficiaries: count * Int.random(in: 2...3, using: &random), updatedAt: tx.now),
                in: tx)
        }
        // A solidarity contribution per kg, as many food banks ask (fresh produce free, to encourage it); demo values.
        let contributions: [ProductCategory: Double] = [
            .fruitAndVegetables: 0, .dairy: 0.15, .meatAndFish: 0.2, .dryGrocery: 0.15, .drinks: 0.1, .baby: 0.15, .hygiene: 0.15,
            .preparedMeals: 0.2,
        ]
        for category in ProductCategory.allCases {
            try await CategoryRules().set(
                category,
                .init(
                    bestBeforeGraceDays: category.defaultBestBeforeGraceDays, contributionPerKg: contributions[category] ?? 0,
                    giftValuePerKg: nil),
                in: tx)
        }
        var products: [Product] = []
        for input in DemoCatalogue.products {
            products.append(try await CatalogueService().create(input, in: tx))
        }
        try await DemoHistory.load(network, products: products, tasks: tasks, tx: tx)
        let stock = StockService(rules: ShelfLifeRules())
        for product in products {
            for lotIndex in 0..<Int.random(in: 1...3, using: &random) {
                let days = Int.random(in: 5...240, using: &random) + lotIndex * 10
                let dated = product.category == .dryGrocery || product.category == .drinks || product.category == .hygiene
                _ = try await stock.receive(
                    .init(
                        productId: product.id, siteId: network.foodBank.site.id, quantity: Int.random(in: 20...400, using: &random),
                        useBy: dated ? nil : network.today.adding(days: min(days, 25)),
                        bestBefore: dated ? network.today.adding(days: days) : nil,
                        originKind: [LotOrigin.donation, .purchase][lotIndex % 2], originReference: "demo-\(product.code)-\(lotIndex + 1)"),
                    today: network.today, in: tx)
            }
        }
        let window = try await WindowService(timeZone: network.timeZone).open(
            .init(
                name: "Commandes de la semaine", warehouseSiteId: network.foodBank.site.id, opensAt: tx.now.addingTimeInterval(-86_400),
                cutoffAt: tx.now.addingTimeInterval(2 * 86_400), deliveryDay: network.today.adding(days: 4), fulfilment: .delivery,
                maxKg: 25_000, maxOrders: nil, partnerIds: nil),
            in: tx)
        let staples = products.filter { $0.category == .dryGrocery || $0.category == .dairy }.prefix(12)
        // The partners with demo log-ins (the first two) are left to order by hand.
        for partner in network.partners.dropFirst(2).prefix(20) {
            let lines = staples.enumerated().compactMap { index, product -> OrderService.Draft.Line? in
                (index + (households[partner.organisation.id] ?? 0)) % 3 == 0
                    ? nil
                    : OrderService.Draft.Line(productId: product.id, quantity: 2 + (households[partner.organisation.id] ?? 0) % 17)
            }
            let order = try await OrderService().saveDraft(
                .init(organisationId: partner.organisation.id, lines: lines, collectionSlot: nil), window: window.id, in: tx)
            _ = try await OrderService().submit(order.id, in: tx)
        }
        try await DemoToday.load(network, products: products, tasks: tasks, tx: tx)
        // Every partner has a quota on three staples, set once the demo's orders are in: its basket warns above it.
        for partner in network.partners {
            for product in staples.prefix(3) {
                try await PartnerQuotaStore().save(
                    PartnerQuota(
                        organisationId: partner.organisation.id, productId: product.id, productCode: product.code,
                        productName: product.name, unitsPerWindow: 10 + (households[partner.organisation.id] ?? 0) / 40,
                        setBy: nil, setAt: tx.now),
                    in: tx)
            }
        }
    }
}
