import CollectoKernel
import CollectoTestSupport
import Foundation
import HTTPTypes
import HummingbirdTesting
import MicroTransform
import Testing

/// A workshop open on weekdays with its manager, a cook and a driver, a farm
/// that brings produce, a food bank whose sorting offers produce, and a
/// partner association that must see nothing — for MicroTransform's API tests.
struct WorkshopWorld {
    typealias Login = (user: User, token: String)
    let test: TestKernel
    let fixtures: Fixtures
    let workshop: Organisation
    let kitchen: Site
    let manager: Login
    let cook: Login
    let driver: Login
    let farm: Organisation
    let farmSite: Site
    let farmer: Login
    let bank: Organisation
    let warehouse: Site
    let bankCoordinator: Login
    let partner: Login

    static func make() async throws -> WorkshopWorld {
        let test = try await TestKernel.make(modules: [MicroTransformModule()])
        let fixtures = Fixtures(test.kernel)
        let workshop = try await fixtures.organisation("Atelier", .processingWorkshop)
        let weekdays = OpeningHours(
            Dictionary(
                uniqueKeysWithValues: [Weekday.monday, .tuesday, .wednesday, .thursday, .friday].map {
                    ($0, [OpeningHours.Range(from: LocalTime("08:00")!, until: LocalTime("17:00")!)])
                }))
        let kitchen = try await fixtures.site(of: workshop.id, name: "Cuisine", hours: weekdays)
        let farm = try await fixtures.organisation("Ferme", .donor)
        let bank = try await fixtures.organisation("Banque", .foodBank)
        let partner = try await fixtures.organisation("Épicerie", .partnerAssociation)
        let bankCoordinator = try await fixtures.logIn("coord@bank.test", role: .coordinator, in: bank.id)
        // The bank's coordinator registers the workshop, as anyone would: through the API.
        try await register(workshop.id, at: kitchen.id, by: bankCoordinator.token, in: test.kernel)
        return WorkshopWorld(
            test: test, fixtures: fixtures, workshop: workshop, kitchen: kitchen,
            manager: try await fixtures.logIn("manager@atelier.test", role: .coordinator, in: workshop.id),
            cook: try await fixtures.logIn("cook@atelier.test", role: .member, in: workshop.id),
            driver: try await fixtures.logIn("driver@atelier.test", role: .driver, in: workshop.id), farm: farm,
            farmSite: try await fixtures.site(of: farm.id, name: "Champs", latitude: 48.13, longitude: -1.6),
            farmer: try await fixtures.logIn("farmer@ferme.test", role: .member, in: farm.id), bank: bank,
            warehouse: try await fixtures.site(of: bank.id, name: "Entrepôt", latitude: 48.09, longitude: -1.7),
            bankCoordinator: bankCoordinator,
            partner: try await fixtures.logIn("member@epicerie.test", role: .member, in: partner.id))
    }

    /// Registers an organisation's workshop at one of its sites through `POST /workshops`, as `token`.
    static func register(
        _ organisation: UUID, at site: UUID, dailyCapacityKg: Double? = nil, by token: String, in kernel: Kernel
    ) async throws {
        struct Registration: Encodable { let organisationId: UUID; let siteId: UUID; let dailyCapacityKg: Double? }
        try await withAPI(kernel) { client throws in
            let response = try await client.json(
                .post, "/api/v1/microtransform/workshops", token: token,
                body: Registration(organisationId: organisation, siteId: site, dailyCapacityKg: dailyCapacityKg))
            try #require(response.status == .created, "\(response.text)")
        }
    }

    /// Wednesday 14 January 2026 in Paris, when tests start.
    var today: CalendarDate { CalendarDate(test.clock.now(), in: TimeZone(identifier: "Europe/Paris")!) }
    var base: String { "/api/v1/microtransform/workshops/\(workshop.id)" }

    /// Equipment, two recipes and cooks for the coming week, through the API.
    func equip(_ client: any TestClientProtocol) async throws {
        try await equip(client, workshop: workshop.id, by: manager.token)
    }

    /// Equips a workshop as ``equip(_:)`` does, as its manager `token`.
    func equip(_ client: any TestClientProtocol, workshop: UUID, by token: String) async throws {
        let base = "/api/v1/microtransform/workshops/\(workshop)"
        struct Item: Encodable { let name: String; let type: String; let capacityKg: Double }
        for item in [
            Item(name: "Table", type: "prep_table", capacityKg: 150), Item(name: "Marmite", type: "kettle", capacityKg: 120),
            Item(name: "Mixeur", type: "blender", capacityKg: 150), Item(name: "Autoclave", type: "autoclave", capacityKg: 110),
        ] {
            let response = try await client.json(.post, "\(base)/equipment", token: token, body: item)
            #expect(response.status == .created, "\(response.text)")
        }
        for recipe in [Self.soup, Self.compote] {
            let response = try await client.json(.post, "\(base)/recipes", token: token, raw: recipe)
            #expect(response.status == .created, "\(response.text)")
        }
        struct Shift: Encodable { let day: CalendarDate; let from: String; let until: String; let cooks: Int }
        for offset in 0..<7 {
            let response = try await client.json(
                .post, "\(base)/shifts", token: token,
                body: Shift(day: today.adding(days: offset), from: "08:00", until: "17:00", cooks: 4))
            #expect(response.status == .created, "\(response.text)")
        }
    }

    static let soup = """
        {"name": "Soupe de légumes", "produceKind": "vegetables", "minProduceShare": 0.6, "maxProduceShare": 0.8,
         "addedIngredients": "eau, sel", "yield": 0.95,
         "output": {"name": "Soupe 1 L", "productCode": "ATELIER-SOUPE-1L", "packaging": "bocal 1 L", "unitKg": 1.0,
                    "shelfLifeDays": 365, "dateKind": "best_before", "temperature": "ambient"},
         "minBatchKg": 20, "maxBatchKg": 100,
         "steps": [{"name": "épluchage", "equipmentType": "prep_table", "minutes": 45},
                   {"name": "cuisson", "equipmentType": "kettle", "minutes": 90},
                   {"name": "stérilisation", "equipmentType": "autoclave", "minutes": 60}],
         "staff": 2,
         "limits": {"minCookingCelsius": 90, "minCookingMinutes": 30, "minCoreCelsius": 110, "maxCoolingMinutes": 120}}
        """

    static let compote = """
        {"name": "Compote", "produceKind": "fruit", "minProduceShare": 0.85, "maxProduceShare": 1.0,
         "addedIngredients": "sucre", "yield": 0.8,
         "output": {"name": "Compote 500 g", "productCode": "ATELIER-COMPOTE-500G", "packaging": "bocal 500 g", "unitKg": 0.5,
                    "shelfLifeDays": 365, "dateKind": "best_before", "temperature": "ambient"},
         "minBatchKg": 15, "maxBatchKg": 80,
         "steps": [{"name": "épluchage", "equipmentType": "prep_table", "minutes": 60},
                   {"name": "cuisson", "equipmentType": "kettle", "minutes": 45},
                   {"name": "pasteurisation", "equipmentType": "autoclave", "minutes": 45}],
         "staff": 2,
         "limits": {"minCookingCelsius": 85, "minCoreCelsius": 85, "maxCoolingMinutes": 120, "maxPH": 4.2}}
        """
}
