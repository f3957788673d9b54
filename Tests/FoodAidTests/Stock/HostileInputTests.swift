import CollectoKernel
import CollectoTestSupport
import FoodAid
import Foundation
import HTTPTypes
import HummingbirdTesting
import Testing

/// No input stops the server or leaves half a write: numbers out of their
/// declared range and writes that would break a constraint are refused with
/// a 4xx naming the field, and the server answers the next request.
@Suite struct HostileInputTests {
    @Test func aCorrectionOfTwoToTheSixtyThirdIsRefusedAndTheServerGoesOn() async throws {
        let world = try await FoodAidWorld.make(households: [10])
        try await withAPI(world.test.kernel) { client throws in
            let rice = try await world.product(client, .init(code: "RIZ", name: "Riz", category: "dry_grocery", unitWeightKg: 1))
            let lot = try await world.receive(client, rice, 10, bestBefore: world.today.adding(days: 100))
            for change in ["9223372036854775807", "-9223372036854775808", "1e300", "100001", "2.5"] {
                let response = try await client.json(
                    .post, "/api/v1/foodaid/lots/\(lot.id)/corrections", token: world.coordinator.token,
                    raw: #"{"kind": "adjustment", "change": \#(change), "reason": "count"}"#)
                #expect(response.status == .unprocessableContent, "\(change): \(response.text)")
                #expect(response.apiError?.field == "change", "\(change)")
            }
            struct Detail: Decodable { let lot: Lot }
            let after = try await client.json(.get, "/api/v1/foodaid/lots/\(lot.id)", token: world.coordinator.token)
            #expect(try after.decode(Detail.self).lot.onHand == 10)
        }
    }

    @Test func anOrderOfATrillionUnitsIsRefusedNamingTheLine() async throws {
        let world = try await FoodAidWorld.make(households: [10])
        try await withAPI(world.test.kernel) { client throws in
            let rice = try await world.product(client, .init(code: "RIZ", name: "Riz", category: "dry_grocery", unitWeightKg: 1))
            _ = try await world.receive(client, rice, 10, bestBefore: world.today.adding(days: 100))
            let window = try await world.window(client)
            let partner = world.partners[0]
            let response = try await client.json(
                .put, "/api/v1/foodaid/windows/\(window.id)/order", token: partner.member.token,
                raw: #"{"organisationId": "\#(partner.organisation.id)", "lines": [{"productId": "\#(rice.id)", "quantity": 2},"#
                    + #" {"productId": "\#(rice.id)", "quantity": 1000000000000}]}"#)
            #expect(response.status == .unprocessableContent)
            #expect(response.apiError?.field == "lines[1].quantity")
            #expect(response.apiError?.message.contains("between 1 and") == true)
        }
    }

    @Test func equipmentOnASiteThatDoesNotExistIsRefusedNamingTheSite() async throws {
        let world = try await FoodAidWorld.make(households: [10])
        try await withAPI(world.test.kernel) { client throws in
            let unknown = try await client.json(
                .post, "/api/v1/foodaid/equipment", token: world.coordinator.token,
                raw: #"{"ownerId": "\#(world.bank.id)", "name": "Chambre froide", "kind": "cold_room", "siteId": "\#(UUID())"}"#)
            #expect(unknown.status == .unprocessableContent, "\(unknown.text)")
            #expect(unknown.apiError?.field == "siteId")
            let someoneElses = try await client.json(
                .post, "/api/v1/foodaid/equipment", token: world.coordinator.token,
                raw: #"{"ownerId": "\#(world.bank.id)", "name": "Balance", "kind": "scales", "siteId": "\#(world.partners[0].site.id)"}"#)
            #expect(someoneElses.apiError?.field == "siteId")
            let own = try await client.json(
                .post, "/api/v1/foodaid/equipment", token: world.coordinator.token,
                raw: #"{"ownerId": "\#(world.bank.id)", "name": "Balance", "kind": "scales", "siteId": "\#(world.warehouse.id)"}"#)
            #expect(own.status == .created, "\(own.text)")
        }
    }

    @Test func aUserWithTwoMembershipsInOneOrganisationIsRefusedNamingTheSecond() async throws {
        let world = try await FoodAidWorld.make(households: [10])
        let admin = try await world.fixtures.logIn("admin@bank.test", role: .admin, in: world.bank.id)
        try await withAPI(world.test.kernel) { client throws in
            let partner = world.partners[0].organisation.id
            let response = try await client.json(
                .post, "/api/v1/users", token: admin.token,
                raw: """
                    {"email": "double@partner.test", "displayName": "Double", "password": "a long enough password",
                     "memberships": [{"organisationId": "\(partner)", "role": "member"}, {"organisationId": "\(partner)", "role": "admin"}]}
                    """)
            #expect(response.status == .unprocessableContent, "\(response.text)")
            #expect(response.apiError?.field == "memberships[1].organisationId")
            let created = try await world.test.kernel.units.read { db in
                try await db.scalarInt("SELECT COUNT(*) FROM kernel_users WHERE email = ?", ["double@partner.test"])
            }
            #expect(created == 0)
        }
    }

    @Test func aParcelListingOneProductTwiceIsRefusedNamingTheSecondLine() async throws {
        let world = try await FoodAidWorld.make(households: [10])
        try await withAPI(world.test.kernel) { client throws in
            let rice = try await world.product(client, .init(code: "RIZ", name: "Riz", category: "dry_grocery", unitWeightKg: 1))
            let response = try await client.json(
                .post, "/api/v1/foodaid/parcel-compositions", token: world.coordinator.token,
                raw: """
                    {"name": "Colis 1-2", "householdMin": 1, "householdMax": 2,
                     "lines": [{"productId": "\(rice.id)", "quantity": 2}, {"productId": "\(rice.id)", "quantity": 1}]}
                    """)
            #expect(response.status == .unprocessableContent, "\(response.text)")
            #expect(response.apiError?.field == "lines[1].productId")
        }
    }

    @Test func datesBeyondTheCalendarsOfFoodAidAreRefusedNotTrappedOn() async throws {
        let world = try await FoodAidWorld.make(households: [10])
        try await withAPI(world.test.kernel) { client throws in
            let partner = world.partners[0]
            let statement = try await client.json(
                .get, "/api/v1/foodaid/partners/\(partner.organisation.id)/statements/9999-12", token: partner.member.token)
            #expect(statement.status == .unprocessableContent, "\(statement.text)")
            #expect(statement.apiError?.field == "month")
            let supply = try await client.json(.get, "/api/v1/foodaid/reports/supply?month=9999-12", token: world.coordinator.token)
            #expect(supply.apiError?.field == "month")
            let december = try await client.json(.get, "/api/v1/foodaid/reports/supply?month=2199-12", token: world.coordinator.token)
            #expect(december.status == .ok, "\(december.text)")
        }
    }

    @Test func aBodyThatIsNoJSONObjectIsRefusedBeforeAnyCheckIsSkipped() async throws {
        let world = try await FoodAidWorld.make(households: [10])
        try await withAPI(world.test.kernel) { client throws in
            for body in ["[1, 2]", "42"] {
                let response = try await client.json(.post, "/api/v1/foodaid/recalls", token: world.coordinator.token, raw: body)
                #expect(response.status == .unprocessableContent, "\(body): \(response.text)")
                #expect(response.apiError?.field == "body")
            }
            let cut = try await client.json(.post, "/api/v1/foodaid/recalls", token: world.coordinator.token, raw: #"{"reason": "#)
            #expect(cut.status == .badRequest, "\(cut.text)")
        }
    }

    @Test func anOfferDatedBeyondTheYearsOfFoodAidIsRefusedAndThePickupListStaysReadable() async throws {
        let world = try await FoodAidWorld.make(households: [10])
        let donor = try await world.fixtures.organisation("Magasin", .donor)
        _ = try await world.fixtures.site(of: donor.id, name: "Magasin")
        try await withAPI(world.test.kernel) { client throws in
            let response = try await client.json(
                .post, "/api/v1/foodaid/offers", token: world.coordinator.token,
                raw: """
                    {"donorId": "\(donor.id)", "availableFrom": "2200-01-02T08:00:00+01:00", "availableUntil": "2200-01-02T18:00:00+01:00",
                     "lines": [{"category": "dry_grocery", "description": "pâtes", "estimatedKg": 10}]}
                    """)
            #expect(response.status == .unprocessableContent, "\(response.text)")
            #expect(response.apiError?.field == "availableFrom")
            #expect(try await client.json(.get, "/api/v1/foodaid/pickups", token: world.coordinator.token).status == .ok)
        }
    }

    @Test func aLotReceivedByHandFromAPickupOrAWorkshopNamesItsSourceAsRecallsLookItUp() async throws {
        let world = try await FoodAidWorld.make(households: [10])
        try await withAPI(world.test.kernel) { client throws in
            let rice = try await world.product(client, .init(code: "RIZ", name: "Riz", category: "dry_grocery", unitWeightKg: 1))
            func receive(_ kind: String, _ reference: String) async throws -> TestResponse {
                try await client.json(
                    .post, "/api/v1/foodaid/lots", token: world.coordinator.token,
                    raw: """
                        {"productId": "\(rice.id)", "siteId": "\(world.warehouse.id)", "quantity": 5, "bestBefore": "\(world.today.adding(days: 90))",
                         "originKind": "\(kind)", "originReference": "\(reference)"}
                        """)
            }
            #expect(try await receive("pickup", "not-an-id").apiError?.field == "originReference")
            #expect(try await receive("pickup", UUID().uuidString).apiError?.field == "originReference")
            // An output lot no workshop announced is a typing mistake, not jars.
            #expect(try await receive("processing", UUID().uuidString).apiError?.field == "originReference")
            let output = UUID()
            try await world.test.kernel.units.write(by: nil) { tx in
                try await tx.publish(world.jars(output, code: "ATELIER-SOUPE", name: "Soupe", units: 10, unitKg: 1))
            }
            try await world.test.kernel.relay.deliverPending()
            let jars = try await receive("processing", " \(output.uuidString) ")
            #expect(jars.status == .created, "\(jars.text)")
            #expect(try jars.decode(Lot.self).originReference == output.uuidString.lowercased())
        }
    }
}
