import CollectoKernel
import CollectoTestSupport
import FoodAid
import Foundation
import HTTPTypes
import HummingbirdTesting
import Testing

/// A supermarket donor with its shop and a user, and the food bank's driver and
/// refrigerated van — and the steps of one donation through the HTTP API (40 kg
/// of pasta and 15 kg of yogurts offered, the pasta accepted, picked up on a
/// round and weighed at the warehouse, then sorted), each building on the one
/// before, for the donation and sorting tests.
struct DonorPickup {
    struct Line: Encodable { var category: String; var description: String; var estimatedKg: Double; var useBy: CalendarDate? = nil }
    struct Declaration: Encodable { var donorId: UUID; var availableFrom: Date; var availableUntil: Date; var lines: [Line] }
    struct Accept: Encodable {
        struct Part: Encodable { let lineNo: Int; let acceptedKg: Double }; var lines: [Part]?; var warehouseSiteId: UUID
    }
    struct OfferView: Decodable { let id: UUID; let status: String; let pickupId: UUID? }
    struct PickupView: Decodable { let id: UUID; let status: String; let taskId: UUID?; let receivedKg: Double? }
    struct Sorting: Encodable {
        struct Stock: Encodable { let productId: UUID; let quantity: Int; let kg: Double?; let bestBefore: CalendarDate? }
        struct Processing: Encodable { let category: String; let kg: Double; let remainingShelfLifeDays: Int }
        struct Unfit: Encodable { let kg: Double; let reason: String }
        let receivedKg: Double
        let stock: [Stock]
        let processing: [Processing]
        let unfit: [Unfit]
        var weightDifferenceReason: String? = nil
    }

    /// The offer accepted in part, its pickup, and the pickup's logistics task.
    struct Accepted { let offer: OfferView; let pickup: PickupView; let task: LogisticsTask }

    let world: FoodAidWorld
    let donor: Organisation
    let shop: Site
    let donorUser: (user: User, token: String)
    let van: Vehicle
    let driver: (user: User, token: String)

    static func make() async throws -> DonorPickup {
        let world = try await FoodAidWorld.make(households: [10])
        let donor = try await world.fixtures.organisation("Supermarché", .donor)
        return DonorPickup(
            world: world, donor: donor,
            shop: try await world.fixtures.site(of: donor.id, name: "Magasin", latitude: 48.115, longitude: -1.69),
            donorUser: try await world.fixtures.logIn("dons@shop.test", role: .member, in: donor.id),
            van: try await world.fixtures.vehicle(of: world.bank.id, refrigerated: true),
            driver: try await world.fixtures.logIn("driver@bank.test", role: .driver, in: world.bank.id))
    }

    /// 40 kg of pasta and 15 kg of yogurts that expire tomorrow, available for six hours.
    var declaration: Declaration {
        let now = world.test.clock.now()
        return Declaration(
            donorId: donor.id, availableFrom: now, availableUntil: now.addingTimeInterval(6 * 3600),
            lines: [
                .init(category: "dry_grocery", description: "pâtes", estimatedKg: 40),
                .init(category: "dairy", description: "yaourts", estimatedKg: 15, useBy: world.today.adding(days: 1)),
            ])
    }

    func declare(_ client: any TestClientProtocol, token: String) async throws -> TestResponse {
        try await client.json(.post, "/api/v1/foodaid/offers", token: token, body: declaration)
    }

    /// The offer, declared by the donor.
    func declared(_ client: any TestClientProtocol) async throws -> OfferView {
        let declared = try await declare(client, token: donorUser.token)
        #expect(declared.status == .created, "\(declared.text)")
        return try declared.decode(OfferView.self)
    }

    func accept(_ client: any TestClientProtocol, _ offer: OfferView, lines: [Accept.Part]?) async throws -> TestResponse {
        try await client.json(
            .post, "/api/v1/foodaid/offers/\(offer.id)/accept", token: world.coordinator.token,
            body: Accept(lines: lines, warehouseSiteId: world.warehouse.id))
    }

    func pickups(_ client: any TestClientProtocol) async throws -> [PickupView] {
        try await client.json(.get, "/api/v1/foodaid/pickups", token: world.coordinator.token).decode([PickupView].self)
    }

    /// The pasta accepted, the yogurts not.
    func accepted(_ client: any TestClientProtocol) async throws -> Accepted {
        let partial = try await accept(
            client, try await declared(client), lines: [.init(lineNo: 1, acceptedKg: 40), .init(lineNo: 2, acceptedKg: 0)])
        let offer = try partial.decode(OfferView.self)
        let pickup = try #require(try await pickups(client).first { $0.id == offer.pickupId })
        let task = try await client.json(.get, "/api/v1/tasks/\(try #require(pickup.taskId))", token: world.coordinator.token).decode(
            LogisticsTask.self)
        return Accepted(offer: offer, pickup: pickup, task: task)
    }

    /// A round collects the pasta and drops it at the warehouse: 41.25 kg on the scale.
    func received(_ client: any TestClientProtocol) async throws -> Accepted {
        let accepted = try await self.accepted(client)
        let round = try await client.json(
            .post, "/api/v1/rounds", token: world.coordinator.token,
            body: RoundRequest(
                organisationId: world.bank.id, day: world.today, startTime: LocalTime(hour: 10, minute: 0)!, vehicleId: van.id,
                driverUserId: driver.user.id,
                stops: [.init(siteId: shop.id, pickups: [accepted.task.id]), .init(siteId: world.warehouse.id, drops: [accepted.task.id])])
        ).decode(Round.self)
        for (sequence, action, kg) in [(1, Round.Action.pickup, 41.25), (2, .drop, 41.25)] {
            let recorded = try await client.json(
                .post, "/api/v1/rounds/\(round.id)/stops/\(sequence)/complete", token: driver.token,
                body: StopCompletion(entries: [.init(taskId: accepted.task.id, action: action, actualKg: kg)]))
            #expect(recorded.status == .ok, "\(recorded.text)")
        }
        try await world.test.kernel.relay.deliverPending()
        try await eventually { try await pickups(client).first { $0.id == accepted.pickup.id }?.status == "received" }
        return accepted
    }

    /// The 41.25 kg sorted: 60 packs of pasta (30 kg) to stock, and the rest to processing and unfit as given.
    func sorting(_ client: any TestClientProtocol, processingKg: Double, unfitKg: Double) async throws -> Sorting {
        let pasta = try await world.product(
            client, .init(code: "PASTA", name: "Pâtes 500 g", category: "dry_grocery", unitWeightKg: 0.5))
        return Sorting(
            receivedKg: 41.25, stock: [.init(productId: pasta.id, quantity: 60, kg: 30, bestBefore: world.today.adding(days: 300))],
            processing: [.init(category: "fruit_vegetables", kg: processingKg, remainingShelfLifeDays: 3)],
            unfit: [.init(kg: unfitKg, reason: "moisi")])
    }

    /// A sorting that adds up, to the gram, to the weight received.
    func rightSorting(_ client: any TestClientProtocol) async throws -> Sorting {
        try await sorting(client, processingKg: 8.249, unfitKg: 3.001)
    }

    func sort(_ client: any TestClientProtocol, _ pickup: PickupView, _ sorting: Sorting) async throws -> TestResponse {
        try await client.json(.post, "/api/v1/foodaid/pickups/\(pickup.id)/sorting", token: world.coordinator.token, body: sorting)
    }
}
