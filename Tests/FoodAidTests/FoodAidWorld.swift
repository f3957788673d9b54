import CollectoKernel
import CollectoTestSupport
import FoodAid
import Foundation
import HTTPTypes
import HummingbirdTesting
import Testing

/// A food bank with a warehouse and a coordinator, and three partner associations
/// with their sites, households and members, for FoodAid's API tests.
struct FoodAidWorld {
    let test: TestKernel
    let fixtures: Fixtures
    let bank: Organisation
    let warehouse: Site
    let coordinator: (user: User, token: String)
    let partners: [(organisation: Organisation, site: Site, member: (user: User, token: String))]

    static func make(households: [Int] = [100, 200, 300]) async throws -> FoodAidWorld {
        let test = try await TestKernel.make(modules: [FoodAidModule()])
        let fixtures = Fixtures(test.kernel)
        let bank = try await fixtures.organisation("Banque", .foodBank)
        let warehouse = try await fixtures.site(of: bank.id, name: "Entrepôt")
        let coordinator = try await fixtures.logIn("coord@bank.test", role: .coordinator, in: bank.id)
        var partners: [(Organisation, Site, (User, String))] = []
        for (index, count) in households.enumerated() {
            let organisation = try await fixtures.organisation("Partenaire \(index)", .partnerAssociation)
            let site = try await fixtures.site(of: organisation.id, latitude: 48.10 + Double(index) / 100, longitude: -1.67)
            let member = try await fixtures.logIn("member\(index)@partner.test", role: .member, in: organisation.id)
            try await test.kernel.units.write(by: nil) { tx in
                try await tx.execute(
                    "INSERT INTO foodaid_partner_profiles (organisation_id, households, beneficiaries, updated_at) VALUES (?, ?, ?, ?)",
                    [organisation.id, count, count * 2, tx.now])
            }
            partners.append((organisation, site, member))
        }
        return FoodAidWorld(
            test: test, fixtures: fixtures, bank: bank, warehouse: warehouse, coordinator: coordinator,
            partners: partners.map { (organisation: $0.0, site: $0.1, member: (user: $0.2.0, token: $0.2.1)) })
    }

    /// A workshop's output lot of `units` jars, as its release announces it to food aid (ambient, best before in 300 days).
    func jars(_ output: UUID, code: String, name: String, units: Int, unitKg: Double) -> ProcessedFoodAvailable {
        ProcessedFoodAvailable(
            sourceModule: "microtransform", outputLotId: output, siteId: warehouse.id, organisationId: bank.id, productCode: code,
            productName: name, packaging: "bocal", units: units, unitKg: unitKg, temperature: .ambient, useBy: nil,
            bestBefore: today.adding(days: 300), sourceReferences: [], producedAt: test.clock.now())
    }

    /// Today and the next days, in the deployment's zone.
    var today: CalendarDate { CalendarDate(test.clock.now(), in: TimeZone(identifier: "Europe/Paris")!) }

    struct ProductBody: Encodable {
        var code: String
        var name: String
        var category: String
        var unit = "unit"
        var unitWeightKg: Double
        var temperature = "ambient"
        var fundingOrigin = "donation"
        var active: Bool? = nil
        var maxPerOrder: Int? = nil
    }

    func product(_ client: some TestClientProtocol, _ body: ProductBody) async throws -> Product {
        let response = try await client.json(.post, "/api/v1/foodaid/products", token: coordinator.token, body: body)
        #expect(response.status == .created, "\(response.text)")
        return try response.decode(Product.self)
    }

    struct LotBody: Encodable {
        var productId: UUID
        var siteId: UUID
        var quantity: Int
        var useBy: CalendarDate? = nil
        var bestBefore: CalendarDate? = nil
    }

    func receive(
        _ client: some TestClientProtocol, _ product: Product, _ quantity: Int, useBy: CalendarDate? = nil, bestBefore: CalendarDate? = nil
    )
        async throws -> Lot
    {
        let response = try await client.json(
            .post, "/api/v1/foodaid/lots", token: coordinator.token,
            body: LotBody(productId: product.id, siteId: warehouse.id, quantity: quantity, useBy: useBy, bestBefore: bestBefore))
        #expect(response.status == .created, "\(response.text)")
        return try response.decode(Lot.self)
    }

    struct WindowBody: Encodable {
        var name: String
        var warehouseSiteId: UUID
        var opensAt: Date
        var cutoffAt: Date
        var deliveryDay: CalendarDate
        var fulfilment: String
        var maxKg: Double? = nil
        var maxOrders: Int? = nil
        var partnerIds: [UUID]? = nil
    }

    /// A window open from an hour ago until `hours` from now, delivering two days later.
    func window(
        _ client: some TestClientProtocol, fulfilment: String = "delivery", hours: Double = 24, maxKg: Double? = nil, maxOrders: Int? = nil
    )
        async throws -> OrderingWindowRef
    {
        let now = test.clock.now()
        let response = try await client.json(
            .post, "/api/v1/foodaid/windows", token: coordinator.token,
            body: WindowBody(
                name: "Semaine", warehouseSiteId: warehouse.id, opensAt: now.addingTimeInterval(-3600),
                cutoffAt: now.addingTimeInterval(hours * 3600),
                deliveryDay: today.adding(days: 2), fulfilment: fulfilment, maxKg: maxKg, maxOrders: maxOrders))
        #expect(response.status == .created, "\(response.text)")
        return try response.decode(OrderingWindowRef.self)
    }

    struct OrderingWindowRef: Decodable { let id: UUID; let status: String }

    struct DraftBody: Encodable {
        struct Line: Encodable { var productId: UUID; var quantity: Int; var acknowledgeQuota: Bool? = nil }
        var organisationId: UUID
        var lines: [Line]
        var collectionSlot: String? = nil
    }

    struct OrderView: Decodable {
        struct Line: Decodable {
            let productId: UUID; let requested: Int; let allocated: Int?; let allocationNote: String?; let shipped: Int?; let received: Int?
        }
        let id: UUID
        let organisationId: UUID
        let status: String
        let taskId: UUID?
        let lines: [Line]
    }
}
