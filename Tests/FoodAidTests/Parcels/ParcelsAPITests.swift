import CollectoKernel
import CollectoTestSupport
import FoodAid
import Foundation
import HTTPTypes
import HummingbirdTesting
import Testing

@Suite struct ParcelsAPITests {
    struct Composition: Encodable {
        struct Line: Encodable { let productId: UUID; let quantity: Int }
        let name: String
        let householdMin: Int
        let householdMax: Int
        let lines: [Line]
    }
    struct RequestBody: Encodable { let referrerId: UUID; let householdSize: Int; let parcels: Int; let neededBy: CalendarDate }
    struct RequestView: Decodable { let id: UUID; let status: String; let compositionId: UUID? }

    @Test func emergencyParcelsArePreparedWholeFromStockOrNotAtAll() async throws {
        let world = try await FoodAidWorld.make(households: [10, 10])
        let referrer = world.partners[0]
        try await withAPI(world.test.kernel) { client throws in
            let pasta = try await world.product(client, .init(code: "PASTA", name: "Pâtes", category: "dry_grocery", unitWeightKg: 0.5))
            let milk = try await world.product(client, .init(code: "MILK", name: "Lait", category: "dairy", unitWeightKg: 1))
            _ = try await world.receive(client, pasta, 20, bestBefore: world.today.adding(days: 100))
            let early = try await world.receive(client, milk, 4, useBy: world.today.adding(days: 10))
            let composition = Composition(
                name: "Famille 3-5", householdMin: 3, householdMax: 5,
                lines: [.init(productId: pasta.id, quantity: 4), .init(productId: milk.id, quantity: 2)])
            #expect(
                try await client.json(.post, "/api/v1/foodaid/parcel-compositions", token: world.coordinator.token, body: composition)
                    .status == .created)
            let body = RequestBody(
                referrerId: referrer.organisation.id, householdSize: 4, parcels: 3, neededBy: world.today.adding(days: 1))
            #expect(
                try await client.json(.post, "/api/v1/foodaid/parcel-requests", token: world.partners[1].member.token, body: body).status
                    == .forbidden)
            let request = try await client.json(.post, "/api/v1/foodaid/parcel-requests", token: referrer.member.token, body: body).decode(
                RequestView.self)

            // Three parcels need 6 milks; 4 are in stock: nothing is reserved.
            let short = try await client.json(
                .post, "/api/v1/foodaid/parcel-requests/\(request.id)/prepare", token: world.coordinator.token)
            #expect(short.apiError?.code == "stock_short")
            #expect(short.apiError?.details == ["Lait: 4 of 6"])
            let reserved = try await world.test.kernel.units.read { db in try await db.scalarInt("SELECT SUM(reserved) FROM foodaid_lots") }
            #expect(reserved == 0)

            let late = try await world.receive(client, milk, 10, useBy: world.today.adding(days: 20))
            let prepared = try await client.json(
                .post, "/api/v1/foodaid/parcel-requests/\(request.id)/prepare", token: world.coordinator.token)
            #expect(try prepared.decode(RequestView.self).status == "prepared")
            #expect(
                try await client.json(.get, "/api/v1/foodaid/parcel-requests", token: world.partners[1].member.token).decode(
                    [RequestView].self
                ).isEmpty)
            #expect(
                try await client.json(.post, "/api/v1/foodaid/parcel-requests/\(request.id)/hand-over", token: world.coordinator.token)
                    .status == .ok)
            let milkLots = try await world.test.kernel.units.read { db in
                try await db.query("SELECT id, on_hand FROM foodaid_lots WHERE product_id = ?", [milk.id]).map {
                    (try $0.uuid("id"), try $0.int("on_hand"))
                }
            }
            #expect(Dictionary(uniqueKeysWithValues: milkLots) == [early.id: 0, late.id: 8])
            // Only counts and household size are kept: no column could hold a person's name.
            let columns = try await world.test.kernel.units.read { db in
                try await db.queryFirst("SELECT * FROM foodaid_parcel_requests")?.columns ?? []
            }
            #expect(
                Set(columns) == [
                    "id", "referrer_id", "household_size", "parcels", "needed_by", "composition_id", "status", "created_at", "updated_at",
                ])
        }
    }
}
