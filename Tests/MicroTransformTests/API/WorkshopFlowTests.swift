import CollectoKernel
import CollectoTestSupport
import Foundation
import HTTPTypes
import HummingbirdTesting
import Testing

@testable import MicroTransform

/// The whole workshop circuit through the HTTP API of a live server: produce
/// arrives from a sorting event and from a farm, is accepted and brought in,
/// a plan is made, batches run with HACCP records, output is published, and
/// the genealogy answers a recall.
@Suite struct WorkshopFlowTests {
    struct PlanView: Decodable {
        struct Unused: Decodable { let lotId: UUID; let code: String; let message: String; let spoils: Bool }
        let batches: [Batch]
        let unused: [Unused]
    }

    struct HACCP: Encodable {
        var cookingCelsius = 95.0
        var cookingMinutes = 45
        var coreCelsius: Double? = 115
        var coolingMinutes = 90
        var ph: Double? = nil
    }

    struct Finish: Encodable { let outputUnits: Int; let wasteKg: Double; let haccp: HACCP }

    @Test func produceBecomesJarsWithHACCPRecordsAndARecallFindsThem() async throws {
        let world = try await WorkshopWorld.make()
        // Sorting at the food bank offers 45 kg of carrots, as FoodAid publishes it.
        try await world.test.kernel.units.write(by: nil) { tx in
            try await tx.publish(
                EndOfLifeProduceAvailable(
                    sourceModule: "foodaid", sourceReference: "pickup-42", siteId: world.warehouse.id, organisationId: world.bank.id,
                    category: "fruit_vegetables", productName: "carottes", kg: 45, remainingShelfLifeDays: 3, sortedAt: tx.now))
        }
        try await world.test.kernel.relay.deliverPending()
        let van = try await world.fixtures.vehicle(of: world.workshop.id, refrigerated: true)
        try await withLiveServer(world.test.kernel) { client throws in
            try await world.equip(client)
            let proposed = try await client.json(.get, "\(world.base)/intakes?status=proposed", token: world.manager.token)
                .decode([Intake].self)
            let carrots = try #require(proposed.first)
            #expect(carrots.produceKind == .vegetables)
            #expect(carrots.spoilDate == world.today.adding(days: 3))
            #expect(carrots.sourceReference == "pickup-42")

            // The farm declares apples; the partner sees nothing; the food bank reads but does not decide.
            struct Declaration: Encodable { let sourceSiteId: UUID; let productName: String; let kg: Double; let spoilDate: CalendarDate }
            let apples = try await client.json(
                .post, "\(world.base)/intakes", token: world.farmer.token,
                body: Declaration(sourceSiteId: world.farmSite.id, productName: "pommes", kg: 30, spoilDate: world.today.adding(days: 2))
            ).decode(Intake.self)
            #expect(apples.produceKind == .fruit)
            #expect(try await client.json(.get, "\(world.base)/intakes", token: world.partner.token).status == .notFound)
            #expect(try await client.json(.get, "\(world.base)/intakes", token: world.bankCoordinator.token).status == .ok)
            #expect(
                try await client.json(
                    .post, "/api/v1/microtransform/intakes/\(apples.id)/accept", token: world.bankCoordinator.token, raw: "{}"
                )
                .status == .forbidden)

            // Accepting produce elsewhere creates a chilled trip in, before it spoils.
            let accepted = try await client.json(
                .post, "/api/v1/microtransform/intakes/\(carrots.id)/accept", token: world.manager.token, raw: "{}"
            ).decode(Intake.self)
            let task = try await client.json(.get, "/api/v1/tasks/\(try #require(accepted.taskId))", token: world.manager.token)
                .decode(LogisticsTask.self)
            #expect(task.kind == "microtransform.produce_intake")
            #expect(task.temperature == .chilled)
            #expect(task.drop?.siteId == world.kitchen.id)
            let acceptedApples = try await client.json(
                .post, "/api/v1/microtransform/intakes/\(apples.id)/accept", token: world.manager.token, raw: "{}"
            ).decode(Intake.self)

            // A round brings the carrots in: the driver's weight makes the input lot.
            let round = try await client.json(
                .post, "/api/v1/rounds", token: world.manager.token,
                body: RoundRequest(
                    organisationId: world.workshop.id, day: world.today, startTime: LocalTime(hour: 9, minute: 30)!, vehicleId: van.id,
                    driverUserId: world.driver.user.id,
                    stops: [.init(siteId: world.warehouse.id, pickups: [task.id]), .init(siteId: world.kitchen.id, drops: [task.id])]))
            #expect(round.status == .created, "\(round.text)")
            let roundID = try round.decode(Round.self).id
            for (sequence, action) in [(1, Round.Action.pickup), (2, .drop)] {
                let done = try await client.json(
                    .post, "/api/v1/rounds/\(roundID)/stops/\(sequence)/complete", token: world.driver.token,
                    body: StopCompletion(entries: [.init(taskId: task.id, action: action, actualKg: 44.2)]))
                #expect(done.status == .ok, "\(done.text)")
            }
            try await world.test.kernel.relay.deliverPending()
            try await eventually {
                try await client.json(.get, "\(world.base)/input-lots?status=available", token: world.cook.token).decode([InputLot].self)
                    .count == 1
            }
            struct WeighIn: Encodable { let kg: Double }
            let weighed = try await client.json(
                .post, "/api/v1/microtransform/intakes/\(apples.id)/receive", token: world.cook.token, body: WeighIn(kg: 31.5))
            #expect(weighed.status == .ok, "\(weighed.text)")
            let lots = try await client.json(.get, "\(world.base)/input-lots?status=available", token: world.cook.token)
                .decode([InputLot].self)
            #expect(Set(lots.map(\.kg)) == [44.2, 31.5])
            let carrotLot = try #require(lots.first { $0.id == accepted.lotId })
            let appleLot = try #require(lots.first { $0.id == acceptedApples.lotId })

            // The plan: one soup and one compote, each before its produce spoils.
            struct PlanRequest: Encodable { let days: Int }
            #expect(
                try await client.json(.post, "\(world.base)/plan", token: world.cook.token, body: PlanRequest(days: 5)).status == .forbidden
            )
            let planned = try await client.json(.post, "\(world.base)/plan", token: world.manager.token, body: PlanRequest(days: 5))
            #expect(planned.status == .ok, "\(planned.text)")
            let plan = try planned.decode(PlanView.self)
            #expect(plan.batches.count == 2)
            #expect(plan.unused.isEmpty)
            let soup = try #require(plan.batches.first { $0.recipeName == "Soupe de légumes" })
            let compote = try #require(plan.batches.first { $0.recipeName == "Compote" })
            #expect(soup.inputs.map(\.lotId) == [carrotLot.id])
            #expect(abs(soup.inputs[0].plannedKg - 44.2) < 0.001)
            #expect(compote.day <= appleLot.spoilDate)

            // The manager moves the compote to tomorrow 10:00; replanning keeps it there.
            struct Move: Encodable { let day: CalendarDate; let start: String }
            let tomorrow = world.today.adding(days: 1)
            let moved = try await client.json(
                .put, "/api/v1/microtransform/batches/\(compote.id)", token: world.manager.token, body: Move(day: tomorrow, start: "10:00"))
            #expect(moved.status == .ok, "\(moved.text)")
            #expect(try moved.decode(Batch.self).locked)
            let tooLate = try await client.json(
                .put, "/api/v1/microtransform/batches/\(compote.id)", token: world.manager.token,
                body: Move(day: world.today.adding(days: 5), start: "10:00"))
            #expect(tooLate.apiError?.field == "day")
            let replanned = try await client.json(.post, "\(world.base)/plan", token: world.manager.token, body: PlanRequest(days: 5))
                .decode(PlanView.self)
            let kept = try #require(replanned.batches.first { $0.id == compote.id })
            #expect(kept.day == tomorrow)
            #expect(kept.start == LocalTime("10:00"))
            let newSoup = try #require(replanned.batches.first { $0.recipeName == "Soupe de légumes" })

            // The soup runs within its limits: released at once, peelings to biowaste, mass balance to the gram.
            let started = try await client.json(
                .post, "/api/v1/microtransform/batches/\(newSoup.id)/start", token: world.cook.token, raw: "{}")
            #expect(started.status == .ok, "\(started.text)")
            let running = try started.decode(Batch.self)
            let input = 44.2 + (running.addedKg ?? 0)
            let tooMuch = try await client.json(
                .post, "/api/v1/microtransform/batches/\(newSoup.id)/finish", token: world.cook.token,
                body: Finish(outputUnits: Int(input) + 5, wasteKg: 1, haccp: HACCP()))
            #expect(tooMuch.apiError?.field == "outputUnits")
            let units = Int(input * 0.9)
            let finished = try await client.json(
                .post, "/api/v1/microtransform/batches/\(newSoup.id)/finish", token: world.cook.token,
                body: Finish(outputUnits: units, wasteKg: 2.35, haccp: HACCP()))
            #expect(finished.status == .ok, "\(finished.text)")
            let done = try finished.decode(Batch.self)
            #expect(done.status == .done)
            let balance = try await world.test.kernel.units.read { db in
                try await db.queryFirst(
                    """
                    SELECT added_grams, output_grams, waste_grams, evaporation_grams,
                        (SELECT SUM(used_grams) FROM microtransform_batch_inputs WHERE batch_id = ?) AS produce FROM microtransform_batches
                    WHERE id = ?
                    """, [newSoup.id, newSoup.id])
            }
            let row = try #require(balance)
            #expect(
                try row.int("produce") + row.int("added_grams")
                    == row.int("output_grams") + row.int("waste_grams") + row.int("evaporation_grams"))
            #expect(try row.int("output_grams") == units * 1000)

            // The compote's core temperature is too low: quarantined until the manager decides.
            _ = try await client.json(.post, "/api/v1/microtransform/batches/\(compote.id)/start", token: world.cook.token, raw: "{}")
            let held = try await client.json(
                .post, "/api/v1/microtransform/batches/\(compote.id)/finish", token: world.cook.token,
                body: Finish(outputUnits: 40, wasteKg: 1.5, haccp: HACCP(cookingCelsius: 92, coreCelsius: 80, ph: 3.9))
            ).decode(Batch.self)
            #expect(held.status == .quarantined)
            #expect(held.deviations.count == 1)
            struct Reason: Encodable { let reason: String }
            #expect(
                try await client.json(
                    .post, "/api/v1/microtransform/batches/\(compote.id)/release", token: world.cook.token, body: Reason(reason: "ok")
                ).status == .forbidden)
            let released = try await client.json(
                .post, "/api/v1/microtransform/batches/\(compote.id)/release", token: world.manager.token,
                body: Reason(reason: "second pasteurisation, core at 90 °C"))
            #expect(try released.decode(Batch.self).status == .released)

            // Genealogy: the soup's jars know the food bank's pickup they came from.
            let soupLot = try #require(done.outputLotId)
            struct Tree: Decodable {
                struct Source: Decodable { let lotId: UUID; let sourceModule: String?; let sourceReference: String? }
                let outputLot: OutputLot
                let sources: [Source]
            }
            let tree = try await client.json(
                .get, "/api/v1/microtransform/output-lots/\(soupLot)/genealogy", token: world.bankCoordinator.token
            )
            .decode(Tree.self)
            #expect(tree.sources.map(\.sourceReference) == ["pickup-42"])
            #expect(tree.outputLot.status == .released)
            #expect(tree.outputLot.bestBefore == world.today.adding(days: 365))

            // A recall of that pickup finds the jars and blocks them.
            struct Recall: Encodable { let sourceReference: String; let reason: String }
            struct RecallReport: Decodable { let outputLots: [OutputLot] }
            let recalled = try await client.json(
                .post, "\(world.base)/recalls", token: world.manager.token,
                body: Recall(sourceReference: "foodaid:pickup-42", reason: "listeria"))
            #expect(recalled.status == .ok, "\(recalled.text)")
            let report = try recalled.decode(RecallReport.self)
            #expect(report.outputLots.map(\.id) == [soupLot])
            #expect(report.outputLots.first?.status == .recalled)

            // The week's report counts both batches, the deviation and the produce rescued.
            struct Report: Decodable {
                struct Period: Decodable { let batches: Int; let kgRescued: Double; let haccpDeviations: Int }
                let periods: [Period]
            }
            let weekly = try await client.json(.get, "\(world.base)/reports?by=week", token: world.manager.token).decode(Report.self)
            let week = try #require(weekly.periods.last)
            #expect(week.batches == 2)
            #expect(week.haccpDeviations == 1)
            #expect(abs(week.kgRescued - (44.2 + 31.5)) < 0.001)
            let csv = try await client.json(.get, "\(world.base)/reports?by=month&format=csv", token: world.manager.token)
            #expect(csv.text.hasPrefix("period,recipe,batches,produce_kg"))
        }
        // What left through kernel events: two outputs for food-aid stock, peelings for biowaste, one recall.
        let events = try await world.test.kernel.units.read { db in
            try await db.query("SELECT event_type, payload FROM kernel_outbox ORDER BY id").map {
                (try $0.string("event_type"), try $0.string("payload"))
            }
        }
        let published = events.map(\.0)
        #expect(published.filter { $0 == ProcessedFoodAvailable.eventType }.count == 2)
        #expect(published.filter { $0 == BiowasteProduced.eventType }.count == 2)
        #expect(published.filter { $0 == ProcessedFoodRecalled.eventType }.count == 1)
        let soupEvent = try #require(events.first { $0.0 == ProcessedFoodAvailable.eventType })
        let available = try JSONBody.decoder.decode(ProcessedFoodAvailable.self, from: Data(soupEvent.1.utf8))
        #expect(available.sourceReferences == ["foodaid:pickup-42"])
        #expect(available.productCode == "ATELIER-SOUPE-1L")
    }

    @Test func producePastItsSpoilDateIsNeverCookedAndSpoilageGoesToBiowaste() async throws {
        let world = try await WorkshopWorld.make()
        try await withLiveServer(world.test.kernel) { client throws in
            try await world.equip(client)
            struct Declaration: Encodable { let sourceSiteId: UUID; let productName: String; let kg: Double; let spoilDate: CalendarDate }
            let leeks = try await client.json(
                .post, "\(world.base)/intakes", token: world.manager.token,
                body: Declaration(sourceSiteId: world.kitchen.id, productName: "poireaux", kg: 40, spoilDate: world.today)
            ).decode(Intake.self)
            let accepted = try await client.json(
                .post, "/api/v1/microtransform/intakes/\(leeks.id)/accept", token: world.manager.token, raw: "{}"
            ).decode(Intake.self)
            #expect(accepted.taskId == nil)
            struct WeighIn: Encodable { let kg: Double }
            _ = try await client.json(
                .post, "/api/v1/microtransform/intakes/\(leeks.id)/receive", token: world.cook.token, body: WeighIn(kg: 40))
            struct PlanRequest: Encodable { let days: Int }
            let plan = try await client.json(.post, "\(world.base)/plan", token: world.manager.token, body: PlanRequest(days: 3))
                .decode(PlanView.self)
            let batch = try #require(plan.batches.first)
            #expect(batch.day == world.today)
            // The cooks do not get to it today; tomorrow the leeks have spoiled.
            world.test.clock.advance(by: 86_400)
            let cook = try await world.fixtures.logIn("cook2@atelier.test", role: .member, in: world.workshop.id)
            let manager = try await world.fixtures.logIn("manager2@atelier.test", role: .coordinator, in: world.workshop.id)
            let refused = try await client.json(
                .post, "/api/v1/microtransform/batches/\(batch.id)/start", token: cook.token, raw: "{}")
            #expect(refused.apiError?.field == "inputs[0].lotId")
            let replanned = try await client.json(.post, "\(world.base)/plan", token: manager.token, body: PlanRequest(days: 3))
                .decode(PlanView.self)
            #expect(replanned.batches.isEmpty)
            let lots = try await client.json(.get, "\(world.base)/input-lots?status=spoiled", token: manager.token).decode(
                [InputLot].self)
            #expect(lots.map(\.id) == [try #require(accepted.lotId)])
        }
        let waste = try await world.test.kernel.units.read { db in
            try await db.query("SELECT payload FROM kernel_outbox WHERE event_type = ?", [BiowasteProduced.eventType]).map {
                try JSONBody.decoder.decode(BiowasteProduced.self, from: Data(try $0.string("payload").utf8))
            }
        }
        #expect(waste.map(\.kg) == [40])
        #expect(waste.first?.nature == "spoiled_produce")
    }
}
