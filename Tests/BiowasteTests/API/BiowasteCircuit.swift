import Biowaste
import CollectoKernel
import CollectoTestSupport
import Foundation
import HTTPTypes
import HummingbirdTesting
import Testing

/// A city service with a coordinator, a driver and a truck; a grocery whose
/// shop becomes a collection point; another partner that must see none of it;
/// a composting platform — and the steps of one pickup through the HTTP API,
/// each step building on the one before, for the biowaste flow tests.
struct BiowasteCircuit {
    typealias Login = (user: User, token: String)
    let test: TestKernel
    let fixtures: Fixtures
    let city: Organisation
    let depot: Site
    let coordinator: Login
    let driver: Login
    let grocery: Organisation
    let shop: Site
    let member: Login
    let otherMember: Login
    let compost: Site
    let truck: Vehicle
    let today: CalendarDate

    static func make() async throws -> BiowasteCircuit {
        let test = try await TestKernel.make(modules: [BiowasteModule()])
        let fixtures = Fixtures(test.kernel)
        let city = try await fixtures.organisation("Métropole", .cityService)
        let depot = try await fixtures.site(of: city.id, name: "Dépôt")
        let coordinator = try await fixtures.logIn("city@metropole.test", role: .coordinator, in: city.id)
        let driver = try await fixtures.logIn("driver@metropole.test", role: .driver, in: city.id)
        let grocery = try await fixtures.organisation("Épicerie", .partnerAssociation)
        let shop = try await fixtures.site(of: grocery.id, name: "Boutique", latitude: 48.12, longitude: -1.66)
        let member = try await fixtures.logIn("member@epicerie.test", role: .member, in: grocery.id)
        let other = try await fixtures.organisation("Autre", .partnerAssociation)
        let otherMember = try await fixtures.logIn("member@autre.test", role: .member, in: other.id)
        let platform = try await fixtures.organisation("Compostage", .treatmentSite)
        let compost = try await fixtures.site(of: platform.id, name: "Plateforme", latitude: 48.14, longitude: -1.75)
        let truck = try await fixtures.vehicle(of: city.id, kg: 3_000)
        return BiowasteCircuit(
            test: test, fixtures: fixtures, city: city, depot: depot, coordinator: coordinator, driver: driver, grocery: grocery,
            shop: shop, member: member, otherMember: otherMember, compost: compost, truck: truck,
            today: CalendarDate(test.clock.now(), in: TimeZone(identifier: "Europe/Paris")!))
    }

    struct Point: Encodable { let siteId: UUID; let expectedKgPerWeek: Double }
    struct Bins: Encodable { let type: String; let volumeLitres: Double; let count: Int; let handling: String }
    struct Waiting: Decodable { let source: String; let estimatedKg: Double; let nature: String }

    /// A pickup the city has planned, and its logistics task.
    struct Planned { let pickup: BiowastePickup; let task: LogisticsTask }
    /// A planned pickup on a round of its own.
    struct OnARound { let pickup: BiowastePickup; let task: LogisticsTask; let round: Round }

    static let bigBin = Bins(type: "bac 240 L", volumeLitres: 240, count: 1, handling: "empty")
    static let smallBin = Bins(type: "bac 120 L", volumeLitres: 120, count: 1, handling: "empty")

    func addPoint(_ client: any TestClientProtocol, token: String) async throws -> TestResponse {
        try await client.json(.post, "/api/v1/biowaste/points", token: token, body: Point(siteId: shop.id, expectedKgPerWeek: 70))
    }

    func addBin(_ client: any TestClientProtocol, _ bins: Bins, token: String) async throws -> TestResponse {
        try await client.json(.post, "/api/v1/biowaste/points/\(shop.id)/containers", token: token, body: bins)
    }

    /// The shop as a collection point with a 240 L and a 120 L bin, and the platform as the destination.
    func registerPoint(_ client: any TestClientProtocol) async throws {
        #expect(try await addPoint(client, token: coordinator.token).status == .created)
        for bins in [Self.bigBin, Self.smallBin] {
            let added = try await addBin(client, bins, token: coordinator.token)
            #expect(added.status == .created, "\(added.text)")
        }
        struct DestinationBody: Encodable { let siteId: UUID; let treatment: String; let accepts: [String]; let dailyCapacityKg: Double }
        let saved = try await client.json(
            .put, "/api/v1/biowaste/destinations", token: coordinator.token,
            body: DestinationBody(siteId: compost.id, treatment: "composting", accepts: ["biowaste", "unfit_food"], dailyCapacityKg: 5_000))
        #expect(saved.status == .ok, "\(saved.text)")
    }

    /// Unfit food from sorting at the shop, published as FoodAid does, and delivered to the module.
    func publishUnfitFood(reference: String, kg: Double, reason: String, producedAt: Date? = nil) async throws {
        try await test.kernel.units.write(by: nil) { tx in
            try await tx.publish(
                BiowasteProduced(
                    sourceModule: "foodaid", sourceReference: reference, siteId: shop.id, organisationId: grocery.id, kg: kg,
                    nature: "unfit_food", reason: reason, producedAt: producedAt ?? tx.now))
        }
        try await test.kernel.relay.deliverPending()
    }

    func waiting<T: Decodable>(_ client: any TestClientProtocol, as type: T.Type) async throws -> [T] {
        try await client.json(.get, "/api/v1/biowaste/points/\(shop.id)/waiting", token: member.token).decode([T].self)
    }

    /// The point registered, 12.5 kg of unfit food from an event and a request for the bins, 90 % full.
    func wasteWaiting(_ client: any TestClientProtocol) async throws {
        try await registerPoint(client)
        try await publishUnfitFood(reference: "pickup-7", kg: 12.5, reason: "moisi")
        #expect(await eventually { ((try? await waiting(client, as: Waiting.self)) ?? []).contains { $0.source == "event" } })
        struct Full: Encodable { let fillLevel: Double }
        #expect(
            try await client.json(.post, "/api/v1/biowaste/points/\(shop.id)/requests", token: member.token, body: Full(fillLevel: 0.9))
                .status == .created)
    }

    /// The waiting waste, planned by the city for today.
    func planned(_ client: any TestClientProtocol) async throws -> Planned {
        try await wasteWaiting(client)
        struct PlanBody: Encodable { let day: CalendarDate }
        struct Plan: Decodable { let pickups: [BiowastePickup] }
        let plan = try await client.json(.post, "/api/v1/biowaste/pickups/plan", token: coordinator.token, body: PlanBody(day: today))
            .decode(Plan.self)
        let pickup = try #require(plan.pickups.first)
        let task = try await client.json(.get, "/api/v1/tasks/\(try #require(pickup.taskId))", token: coordinator.token)
            .decode(LogisticsTask.self)
        return Planned(pickup: pickup, task: task)
    }

    func round(_ client: any TestClientProtocol, _ stops: [RoundRequest.Stop]) async throws -> TestResponse {
        try await client.json(
            .post, "/api/v1/rounds", token: coordinator.token,
            body: RoundRequest(
                organisationId: city.id, day: today, startTime: LocalTime(hour: 9, minute: 0)!, vehicleId: truck.id,
                driverUserId: driver.user.id, stops: stops))
    }

    /// A round of its own for the planned pickup: the shop, then the platform.
    func onARound(_ client: any TestClientProtocol, _ planned: Planned) async throws -> OnARound {
        let stops: [RoundRequest.Stop] = [
            .init(siteId: shop.id, pickups: [planned.task.id]), .init(siteId: compost.id, drops: [planned.task.id]),
        ]
        let round = try await self.round(client, stops).decode(Round.self)
        return OnARound(pickup: planned.pickup, task: planned.task, round: round)
    }

    func onARound(_ client: any TestClientProtocol) async throws -> OnARound {
        try await onARound(client, try await planned(client))
    }

    /// Records the pickup as `token`: 110.4 kg in the 240 L bin, the 120 L one refused for plastic bags.
    func recordCollection(_ client: any TestClientProtocol, _ pickup: BiowastePickup, token: String) async throws -> TestResponse {
        let bins = try await client.json(.get, "/api/v1/biowaste/points/\(shop.id)", token: member.token).decode(CollectionPoint.self)
            .containers
        let big = try #require(bins.first { $0.volumeLitres == 240 })
        let small = try #require(bins.first { $0.volumeLitres == 120 })
        struct Line: Encodable { let containerId: UUID; let kg: Double?; let refused: Bool?; let reason: String? }
        struct Recording: Encodable { let containers: [Line] }
        let recording = Recording(containers: [
            .init(containerId: big.id, kg: 110.4, refused: nil, reason: nil),
            .init(containerId: small.id, kg: nil, refused: true, reason: "sacs plastiques"),
        ])
        return try await client.json(.post, "/api/v1/biowaste/pickups/\(pickup.id)/collection", token: token, body: recording)
    }

    /// The pickup on its round, recorded by the driver.
    func collected(_ client: any TestClientProtocol) async throws -> OnARound {
        let scheduled = try await onARound(client)
        let collected = try await recordCollection(client, scheduled.pickup, token: driver.token)
        #expect(collected.status == .ok, "\(collected.text)")
        return scheduled
    }

    /// The collected pickup, its round completed: 110.4 kg picked up, 109.9 kg weighed at the platform.
    func delivered(_ client: any TestClientProtocol) async throws -> OnARound {
        let scheduled = try await collected(client)
        for (sequence, action, kg) in [(1, Round.Action.pickup, 110.4), (2, .drop, 109.9)] {
            let done = try await client.json(
                .post, "/api/v1/rounds/\(scheduled.round.id)/stops/\(sequence)/complete", token: driver.token,
                body: StopCompletion(entries: [.init(taskId: scheduled.task.id, action: action, actualKg: kg)]))
            #expect(done.status == .ok, "\(done.text)")
        }
        try await test.kernel.relay.deliverPending()
        try await eventually { try await pickup(client, scheduled.pickup.id).status == "delivered" }
        return scheduled
    }

    func pickup(_ client: any TestClientProtocol, _ id: UUID) async throws -> BiowastePickup {
        try await client.json(.get, "/api/v1/biowaste/pickups/\(id)", token: coordinator.token).decode(BiowastePickup.self)
    }

    /// The pickups of the day that `token` sees.
    func pickupIDs(_ client: any TestClientProtocol, token: String) async throws -> [UUID] {
        struct PickupRef: Decodable { let id: UUID }
        return try await client.json(.get, "/api/v1/biowaste/pickups?day=\(today)", token: token).decode([PickupRef].self).map(\.id)
    }

    func register(_ client: any TestClientProtocol, token: String) async throws -> [RegisterEntry] {
        try await client.json(.get, "/api/v1/biowaste/register", token: token).decode([RegisterEntry].self)
    }

    /// The collection entry reweighed at 112 kg.
    func correct(_ client: any TestClientProtocol, _ entry: RegisterEntry) async throws -> TestResponse {
        struct Correction: Encodable { let kg: Double; let reason: String }
        return try await client.json(
            .post, "/api/v1/biowaste/register/\(entry.id)/corrections", token: coordinator.token,
            body: Correction(kg: 112, reason: "pesée refaite"))
    }
}
