import CollectoKernel
import CollectoTestSupport
import FoodAid
import Foundation
import HTTPTypes
import HummingbirdTesting
import Testing

/// Processed food published by a workshop enters food-aid stock, and its recall recalls it for good.
@Suite struct ProcessedFoodReceiptsTests {
    @Test func publishedJarsBecomeAProcessingLotAndAWorkshopRecallRecallsThemForGood() async throws {
        let world = try await FoodAidWorld.make(households: [10])
        let outputLot = UUID()
        let bestBefore = world.today.adding(days: 365)
        let event = ProcessedFoodAvailable(
            sourceModule: "microtransform", outputLotId: outputLot, siteId: world.warehouse.id, organisationId: world.bank.id,
            productCode: "ATELIER-SOUPE-1L", productName: "Soupe de légumes 1 L", packaging: "bocal 1 L", units: 42, unitKg: 1,
            temperature: .ambient, useBy: nil, bestBefore: bestBefore, sourceReferences: ["foodaid:pickup-1"], producedAt: Date())
        for _ in 0..<2 {
            try await world.test.kernel.units.write(by: nil) { tx in try await tx.publish(event) }
            try await world.test.kernel.relay.deliverPending()
        }
        let lots = try await world.test.kernel.units.read { db in
            try await db.query(
                """
                SELECT l.*, p.code FROM foodaid_lots l JOIN foodaid_products p ON p.id = l.product_id WHERE l.origin_kind = 'processing'
                """)
        }
        // Delivered twice (at least once), received once.
        #expect(lots.count == 1)
        let lot = try #require(lots.first)
        #expect(try lot.string("code") == "ATELIER-SOUPE-1L")
        #expect(try lot.int("on_hand") == 42)
        #expect(try lot.string("origin_reference") == outputLot.uuidString.lowercased())
        #expect(try lot.calendarDate("best_before") == bestBefore)
        #expect(try lot.uuid("site_id") == world.warehouse.id)

        try await world.test.kernel.units.write(by: nil) { tx in
            try await tx.publish(
                ProcessedFoodRecalled(sourceModule: "microtransform", outputLotIds: [outputLot], reason: "listeria", recalledAt: tx.now))
        }
        try await world.test.kernel.relay.deliverPending()
        let status = try await world.test.kernel.units.read { db in
            try await db.queryFirst("SELECT status FROM foodaid_lots WHERE origin_kind = 'processing'")?.string("status")
        }
        #expect(status == "recalled")
        struct Reason: Encodable { let reason: String }
        try await withAPI(world.test.kernel) { client in
            let id = try await world.test.kernel.units.read { db in
                try await db.queryFirst("SELECT id FROM foodaid_lots WHERE origin_kind = 'processing'")?.uuid("id")
            }
            let lift = try await client.json(
                .post, "/api/v1/foodaid/lots/\(try #require(id))/lift-quarantine", token: world.coordinator.token,
                body: Reason(reason: "analyse négative"))
            #expect(lift.apiError?.code == "lot_recalled")
        }
    }

    @Test func jarsWhoseRecallReachedTheFoodBankFirstAreReceivedRecalled() async throws {
        let world = try await FoodAidWorld.make(households: [10])
        let outputLot = UUID()
        try await world.test.kernel.units.write(by: nil) { tx in
            try await tx.publish(
                ProcessedFoodRecalled(sourceModule: "microtransform", outputLotIds: [outputLot], reason: "listeria", recalledAt: tx.now))
        }
        try await world.test.kernel.relay.deliverPending()
        try await world.test.kernel.units.write(by: nil) { tx in
            try await tx.publish(world.jars(outputLot, code: "ATELIER-COMPOTE", name: "Compote", units: 30, unitKg: 0.5))
        }
        try await world.test.kernel.relay.deliverPending()
        let lot = try await world.test.kernel.units.read { db in
            try await db.queryFirst("SELECT status, on_hand, blocked_by FROM foodaid_lots WHERE origin_kind = 'processing'")
        }
        #expect(try lot?.string("status") == "recalled")
        #expect(try lot?.int("on_hand") == 30)
        #expect(try lot?.string("blocked_by") == "processing")
    }

    @Test func jarsOfARecalledOutputReceivedByHandNeverBecomeAvailable() async throws {
        let world = try await FoodAidWorld.make(households: [10])
        let outputLot = UUID()
        try await world.test.kernel.units.write(by: nil) { tx in
            try await tx.publish(world.jars(outputLot, code: "ATELIER-CONFITURE", name: "Confiture", units: 20, unitKg: 0.37))
            try await tx.publish(
                ProcessedFoodRecalled(sourceModule: "microtransform", outputLotIds: [outputLot], reason: "verre", recalledAt: tx.now))
        }
        try await world.test.kernel.relay.deliverPending()
        let product = try await world.test.kernel.units.read { db in
            try await db.queryFirst("SELECT id FROM foodaid_products WHERE code = 'ATELIER-CONFITURE'")?.uuid("id")
        }
        try await withAPI(world.test.kernel) { client in
            // Six more jars of the same output found on a shelf: they enter stock, recalled like the rest.
            let extra = try await client.json(
                .post, "/api/v1/foodaid/lots", token: world.coordinator.token,
                raw: """
                    {"productId": "\(try #require(product))", "siteId": "\(world.warehouse.id)", "quantity": 6,
                     "bestBefore": "\(world.today.adding(days: 300))", "originKind": "processing", "originReference": "\(outputLot)"}
                    """)
            #expect(extra.status == .created, "\(extra.text)")
            #expect(try extra.decode(Lot.self).status == .recalled)
            let available = try await client.json(
                .get, "/api/v1/foodaid/lots?productId=\(try #require(product))&status=available", token: world.coordinator.token)
            #expect(try available.decode([Lot].self).isEmpty, "\(available.text)")
        }
    }
}
