import CollectoKernel
import CollectoTestSupport
import Foundation
import HTTPTypes
import HummingbirdTesting
import Testing

@testable import collectod

/// The figures a food bank reports come from what was weighed and recorded
/// at the time, and the mass balance closes to the gram with each difference
/// between weighings shown as its own line.
@Suite struct MassBalanceTests {
    struct Supply: Decodable {
        let receivedByCategory: [String: Double]
        let receivedByFundingOrigin: [String: Double]
        let sentToProcessingByCategory: [String: Double]
        let returnedFromProcessingKg: Double
        let unfitAtSortingKg: Double
        let stockOnHandByCategory: [String: Double]
    }

    func supply(_ world: FoodChainWorld, _ client: some TestClientProtocol) async throws -> Supply {
        try await FoodChainWorld.send(
            client, .get, "/api/v1/foodaid/reports/supply?from=\(world.today)&until=\(world.today.adding(days: 1))",
            world.coordinator.token,
            expect: .ok
        ).decode(Supply.self)
    }

    func balance(_ world: FoodChainWorld, _ client: some TestClientProtocol, source: String? = nil) async throws -> MassBalance {
        let scope = source.map { "&source=\($0)" } ?? ""
        return try await FoodChainWorld.send(
            client, .get, "/api/v1/balance?from=\(world.today)&until=\(world.today)\(scope)", world.coordinator.token, expect: .ok
        ).decode(MassBalance.self)
    }

    func check(_ balance: MassBalance, _ name: String) -> BalanceCheck? {
        balance.sections.flatMap(\.checks).first { $0.name == name }
    }

    func line(_ balance: MassBalance, _ title: String, _ account: String, key: String? = nil) -> Int? {
        balance.sections.first { $0.title == title }?.lines.first { $0.account == account && $0.key == key }?.grams
    }

    @Test func theSupplyReportCountsWhatWasWeighedNotTodaysCatalogue() async throws {
        let test = try await TestKernel.make(modules: InstalledModules.all)
        try await testApplication(test.kernel).test(.router) { client in
            let world = try await FoodChainWorld.make(client, test: test)
            let beans = try await FoodChainWorld.send(
                client, .post, "/api/v1/foodaid/products", world.coordinator.token,
                #"{"code": "HARICOTS", "name": "Haricots 1 kg", "category": "dry_grocery", "unit": "sachet", "unitWeightKg": 1,"#
                    + #" "temperature": "ambient", "fundingOrigin": "donation"}"#, expect: .created
            ).decode(FoodChainWorld.Created.self)
            let pickup = try await world.deliver(client, driverKg: 20, roundHour: 10)
            // Eight bags of a kilo on the label weigh 7.35 kg on the scale.
            try await world.sort(
                client, pickup,
                """
                {"receivedKg": 20, "stock": [{"productId": "\(beans.id)", "quantity": 8, "kg": 7.35, "bestBefore": "\(world.today.adding(days: 200))"}],
                 "processing": [{"category": "fruit_vegetables", "productName": "carottes", "kg": 10, "remainingShelfLifeDays": 3}],
                 "unfit": [{"kg": 2.65, "reason": "abîmé"}]}
                """)
            let before = try await supply(world, client)
            #expect(before.receivedByCategory["dry_grocery"] == 7.35)
            #expect(before.sentToProcessingByCategory["fruit_vegetables"] == 10)
            #expect(before.unfitAtSortingKg == 2.65)
            #expect(before.stockOnHandByCategory["dry_grocery"] == 7.35)

            // Editing the product afterwards does not rewrite the month.
            try await FoodChainWorld.send(
                client, .put, "/api/v1/foodaid/products/\(beans.id)", world.coordinator.token,
                #"{"code": "HARICOTS", "name": "Haricots 1 kg", "category": "prepared_meals", "unit": "sachet", "unitWeightKg": 2,"#
                    + #" "temperature": "ambient", "fundingOrigin": "eu_aid"}"#, expect: .ok)
            let after = try await supply(world, client)
            #expect(after.receivedByCategory == before.receivedByCategory)
            #expect(after.receivedByFundingOrigin == before.receivedByFundingOrigin)
            #expect(after.stockOnHandByCategory == before.stockOnHandByCategory)

            // The workshop's jars coming back are shown as such, not received a second time.
            try await test.kernel.units.write(by: nil) { tx in
                try await tx.publish(
                    ProcessedFoodAvailable(
                        sourceModule: "microtransform", outputLotId: UUID(), siteId: world.kitchen.id, organisationId: world.workshop.id,
                        productCode: "ATELIER-SOUPE-1L", productName: "Soupe 1 L", packaging: "bocal 1 L", units: 9, unitKg: 1,
                        temperature: .ambient, useBy: nil, bestBefore: world.today.adding(days: 300), sourceReferences: [],
                        producedAt: tx.now))
            }
            try await test.kernel.relay.deliverPending()
            let returned = try await supply(world, client)
            #expect(returned.returnedFromProcessingKg == 9)
            #expect(returned.receivedByCategory == before.receivedByCategory)
        }
    }

    @Test func theBalanceClosesToTheGramAndShowsTheDriversWeighingApart() async throws {
        let test = try await TestKernel.make(modules: InstalledModules.all)
        try await testApplication(test.kernel).test(.router) { client in
            let world = try await FoodChainWorld.make(client, test: test)
            // The driver weighed 80 kg; sorting finds 70.144 + 70.144 + 70.144 = 210.432 kg over three donations.
            var pickups: [UUID] = []
            for hour in [9, 11, 13] {
                pickups.append(try await world.deliver(client, driverKg: 80, roundHour: hour))
                try await world.sort(
                    client, pickups.last!,
                    """
                    {"receivedKg": 70.144, "stock": [{"productId": "\(world.carrots)", "quantity": 10, "kg": 10.001, "useBy": "\(world.today.adding(days: 9))"}],
                     "processing": [{"category": "fruit_vegetables", "productName": "carottes", "kg": 55.5, "remainingShelfLifeDays": 3}],
                     "unfit": [{"kg": 4.643, "reason": "pourri"}], "weightDifferenceReason": "la balance du camion pèse la caisse"}
                    """)
            }
            let balance = try await balance(world, client)
            #expect(balance.closes, "\(balance.sections.flatMap(\.checks).filter { $0.differenceGrams != 0 })")
            #expect(line(balance, "donations received and sorted", "received_at_sorting") == 210_432)
            #expect(line(balance, "donations received and sorted", "to_stock") == 30_003)
            #expect(line(balance, "donations received and sorted", "to_processing") == 166_500)
            #expect(line(balance, "donations received and sorted", "unfit") == 13_929)
            #expect(check(balance, "sorting")?.differenceGrams == 0)
            let driver = try #require(check(balance, "driver_and_sorting"))
            #expect(driver.kind == .weighing)
            #expect(driver.differenceGrams == 240_000 - 210_432)
            #expect(balance.sections.first { $0.title == "donations received and sorted" }?.lines.first?.kg == 240)
            #expect(line(balance, "stock by category", "closing", key: "fruit_vegetables") == 30_003)

            // One donation alone.
            let one = try await self.balance(world, client, source: "foodaid:\(pickups[0].uuidString.lowercased())")
            #expect(line(one, "donations received and sorted", "received_at_sorting") == 70_144)
            #expect(line(one, "stock by category", "closing", key: "fruit_vegetables") == 10_001)

            // A lot whose weight no longer matches its movements is a difference, not a silent rebalance.
            let tampered = pickups[1].uuidString.lowercased()
            try await test.kernel.units.write(by: nil) { tx in
                try await tx.execute(
                    "UPDATE foodaid_lots SET grams_on_hand = grams_on_hand - 5 WHERE origin_reference = ?", [tampered])
            }
            let broken = try await self.balance(world, client)
            #expect(!broken.closes)
            #expect(check(broken, "stock.fruit_vegetables")?.differenceGrams == 5)

            let csv = try await FoodChainWorld.send(
                client, .get, "/api/v1/balance?from=\(world.today)&until=\(world.today)&format=csv", world.coordinator.token, expect: .ok)
            #expect(csv.text.hasPrefix("module,section,kind,account,key,grams,kg"))
            #expect(csv.text.contains("foodaid,donations received and sorted,line,received_at_sorting,,210432,210.432"))
            #expect(try await FoodChainWorld.send(client, .get, "/api/v1/balance", world.member.token).status == .forbidden)
        }
    }

    @Test func theDriversWeightAtDeliveryIsAWeighingOfItsOwnBesideTheDeliveryNote() async throws {
        let test = try await TestKernel.make(modules: InstalledModules.all)
        try await testApplication(test.kernel).test(.router) { client in
            let world = try await FoodChainWorld.make(client, test: test)
            let pickup = try await world.deliver(client, driverKg: 12, roundHour: 8)
            try await world.sort(
                client, pickup,
                """
                {"receivedKg": 12, "stock": [{"productId": "\(world.carrots)", "quantity": 12, "kg": 12, "useBy": "\(world.today.adding(days: 9))"}]}
                """)
            let shipped = try await world.shipCarrots(client, quantity: 5, deliveryDay: world.today)
            let task = try #require(shipped?.taskId)
            // Five bags of the twelve weighed at sorting are 5 kg on the note; the driver's scale says 4.9 kg at the partner's.
            let request = RoundRequest(
                organisationId: world.bank.id, day: world.today, startTime: LocalTime(hour: 14, minute: 0)!, vehicleId: world.van.id,
                driverUserId: world.driver.user.id,
                stops: [.init(siteId: world.warehouse.id, pickups: [task]), .init(siteId: world.partnerSite.id, drops: [task])])
            let round = try await FoodChainWorld.send(
                client, .post, "/api/v1/rounds", world.coordinator.token,
                String(decoding: try JSONBody.encoder.encode(request), as: UTF8.self), expect: .created
            ).decode(Round.self)
            for (sequence, action) in [(1, "pickup"), (2, "drop")] {
                try await FoodChainWorld.send(
                    client, .post, "/api/v1/rounds/\(round.id)/stops/\(sequence)/complete", world.driver.token,
                    #"{"entries": [{"taskId": "\#(task)", "action": "\#(action)", "actualKg": 4.9}]}"#, expect: .ok)
            }
            try await test.kernel.relay.deliverPending()
            let balance = try await balance(world, client)
            #expect(balance.closes, "\(balance.sections.flatMap(\.checks).filter { $0.differenceGrams != 0 })")
            #expect(line(balance, "distribution", "on_delivery_notes") == 5_000)
            #expect(line(balance, "distribution", "carried_by_drivers") == 4_900)
            let carried = try #require(check(balance, "drivers_at_delivery"))
            #expect(carried.kind == .weighing)
            #expect(carried.differenceGrams == 100)
        }
    }
}
