import CollectoKernel
import CollectoTestSupport
import FoodAid
import Foundation
import HTTPTypes
import Hummingbird
import HummingbirdTesting
import Testing

@Suite struct CatalogueAPITests {
    func importCSV(_ client: some TestClientProtocol, _ text: String, token: String) async throws -> TestResponse {
        try await client.execute(
            uri: "/api/v1/foodaid/products/import", method: .post, headers: [.authorization: "Bearer \(token)", .contentType: "text/csv"],
            body: ByteBuffer(string: text))
    }

    @Test func theCatalogueImportsAllOrNothingAndExportsTheSameColumns() async throws {
        let world = try await FoodAidWorld.make(households: [10])
        try await withAPI(world.test.kernel) { client throws in
            let good = """
                code,name,category,unit,unit_weight_kg,temperature,funding_origin,active,max_per_order
                DRY-PASTA-1KG,"Pâtes, coquillettes 1 kg",dry_grocery,sachet 1 kg,1,ambient,eu_aid,true,40
                DAIRY-YOG-4,Yaourts nature x4,dairy,pack de 4,0.5,chilled,donation,,
                """
            let imported = try await importCSV(client, good, token: world.coordinator.token)
            #expect(imported.status == .ok, "\(imported.text)")
            #expect(imported.text.contains("\"created\":2"))
            let bad = """
                code,name,category,unit,unit_weight_kg,funding_origin
                NEW-ONE,Nouveau,dry_grocery,u,1,donation
                BAD-CAT,Mauvais,sweets,u,1,donation
                BAD-W,Poids,dairy,u,heavy,donation
                NEW-ONE,Doublon,dry_grocery,u,1,donation
                """
            let refused = try await importCSV(client, bad, token: world.coordinator.token)
            #expect(refused.status == .unprocessableContent)
            #expect(
                refused.apiError?.details == [
                    "line 3, column category: category has an unknown value sweets",
                    "line 4, column unit_weight_kg: unit_weight_kg must be a number",
                    "line 5, column code: code NEW-ONE is also on line 2",
                ])
            let products = try await client.json(.get, "/api/v1/foodaid/products", token: world.partners[0].member.token).decode(
                [Product].self)
            #expect(products.map(\.code) == ["DAIRY-YOG-4", "DRY-PASTA-1KG"])
            #expect(products.first { $0.code == "DRY-PASTA-1KG" }?.maxPerOrder == 40)
            #expect(products.first { $0.code == "DAIRY-YOG-4" }?.temperature == .chilled)
            // Partners read the catalogue but do not change it.
            #expect(try await importCSV(client, good, token: world.partners[0].member.token).status == .forbidden)

            let export = try await client.json(.get, "/api/v1/foodaid/products/export", token: world.coordinator.token)
            #expect(export.headers[.contentType]?.hasPrefix("text/csv") == true)
            #expect(export.text.hasPrefix("code,name,category,unit,unit_weight_kg,temperature,funding_origin,active,max_per_order"))
            #expect(export.text.contains("\"Pâtes, coquillettes 1 kg\""))
            // What was exported imports again as updates.
            let again = try await importCSV(client, export.text, token: world.coordinator.token)
            #expect(again.text.contains("\"updated\":2"))
        }
    }
}
