import CollectoKernel
import CollectoTestSupport
import Foundation
import HTTPTypes
import HummingbirdTesting
import Testing

@testable import collectod

/// Whatever the order of intake, planning, starts, recalls from either side,
/// finishes, releases, discards and lifted quarantines, with the event relay
/// delivered between steps, no unit available in food-aid stock descends from
/// a recalled lot.
@Suite struct RecallPropertyTests {
    /// Sized to the test command's budget: PostgreSQL's round trips make each step several times slower.
    static let sequences = TestDatabase.engine == .postgres ? 8 : 14
    static let steps = 40

    /// What the test itself recalled: the ground truth the invariant is checked against.
    struct Recalls {
        /// Workshop input lots recalled by the workshop.
        var inputLots: Set<UUID> = []
        /// Pickups the food bank blocked (quarantine or recall): their produce at the workshop is blocked for good.
        var blockedPickups: Set<UUID> = []
        /// Pickups the food bank recalled for good: their lots in stock never go out again.
        var recalledPickups: Set<UUID> = []
        /// Food-aid lots recalled for good by the food bank.
        var lots: Set<UUID> = []
    }

    /// How many sequences met each case worth testing.
    struct Coverage {
        var runningBatchRecalled = 0
        var workshopLotInStockRecalled = 0
        var foodBankRecalls = 0
        var workshopRecalls = 0
        var liftedQuarantines = 0
    }

    struct Lot: Decodable { let id: UUID; let status: String; let originKind: String; let onHand: Int }
    struct Intake: Decodable { let id: UUID; let status: String; let kg: Double }
    struct InputLot: Decodable { let id: UUID; let status: String }
    struct Batch: Decodable {
        struct Input: Decodable { let lotId: UUID; let usedKg: Double? }
        let id: UUID; let status: String; let inputs: [Input]; let recallReason: String?
    }
    struct RecallReport: Decodable { let runningBatchIds: [UUID] }

    @Test func noAvailableFoodAidUnitEverDescendsFromARecalledLot() async throws {
        var coverage = Coverage()
        for seed in 1...Self.sequences {
            let met = try await run(seed: UInt64(seed))
            coverage.runningBatchRecalled += met.runningBatchRecalled
            coverage.workshopLotInStockRecalled += met.workshopLotInStockRecalled
            coverage.foodBankRecalls += met.foodBankRecalls
            coverage.workshopRecalls += met.workshopRecalls
            coverage.liftedQuarantines += met.liftedQuarantines
        }
        print(
            "recall property: \(Self.sequences) sequences of \(Self.steps) steps on \(TestDatabase.engine); "
                + "a running batch recalled in \(coverage.runningBatchRecalled), workshop jars in food-aid stock recalled in "
                + "\(coverage.workshopLotInStockRecalled), food-bank recalls in \(coverage.foodBankRecalls), workshop recalls in "
                + "\(coverage.workshopRecalls), quarantines lifted in \(coverage.liftedQuarantines)")
        #expect(coverage.runningBatchRecalled * 3 >= Self.sequences, "too few sequences recall a running batch")
        #expect(coverage.workshopLotInStockRecalled * 3 >= Self.sequences, "too few sequences recall jars already in food-aid stock")
        #expect(coverage.foodBankRecalls * 3 >= Self.sequences)
        #expect(coverage.workshopRecalls * 3 >= Self.sequences)
    }

    /// One random sequence; returns 1 for each case it met.
    func run(seed: UInt64) async throws -> Coverage {
        let test = try await TestKernel.make(modules: InstalledModules.all)
        return try await testApplication(test.kernel).test(.router) { client in
            var random = SeededRandom(seed: seed)
            var met = Coverage()
            let world = try await FoodChainWorld.make(client, test: test)
            var pickups: [UUID] = []
            for (index, hour) in [8, 10, 12, 14, 16].enumerated() {
                pickups.append(
                    try await world.donate(
                        client, driverKg: 80, stockKg: 10 + index, processingKg: 60 + Double(index) * 5.5, unfitKg: 4.5, roundHour: hour))
            }
            var recalls = Recalls()
            var availableJars: Set<UUID> = []
            let send = { (method: HTTPRequest.Method, uri: String, token: String, body: String?) in
                try await FoodChainWorld.send(client, method, uri, token, body)
            }
            for step in 0..<Self.steps {
                let batches = try await send(.get, "\(world.workshopBase)/batches?limit=1000", world.manager.token, nil).decode(
                    [Batch].self)
                // Only actions that can happen now are drawn: cooking first, recalls once there is something to recall.
                let proposed = try await send(.get, "\(world.workshopBase)/intakes?status=proposed", world.manager.token, nil)
                    .decode([Intake].self)
                let quarantinedLots = try await send(
                    .get, "/api/v1/foodaid/lots?status=quarantined&limit=1000", world.coordinator.token, nil
                ).decode([Lot].self)
                let count = { (status: String) in batches.filter { $0.status == status }.count }
                let recallWeight = step < 10 ? 0 : 1
                let weights = [
                    proposed.isEmpty ? 0 : 3, count("planned") > 0 ? 1 : 2, count("planned") > 0 ? 3 : 0, count("running") > 0 ? 4 : 0,
                    count("quarantined") > 0 ? 2 : 0, recallWeight, recallWeight + 1, quarantinedLots.isEmpty ? 0 : 1,
                ]
                var pick = Int.random(in: 0..<weights.reduce(0, +), using: &random)
                let action =
                    weights.firstIndex { weight in
                        pick -= weight
                        return pick < 0
                    } ?? 1
                switch action {
                case 0:
                    // The workshop takes in produce offered to it, weighing a little less than announced.
                    guard let intake = proposed.randomElement(using: &random) else { break }
                    _ = try await send(.post, "/api/v1/microtransform/intakes/\(intake.id)/accept", world.manager.token, "{}")
                    let kg = ((intake.kg - Double.random(in: 0...1, using: &random)) * 1000).rounded() / 1000
                    _ = try await send(
                        .post, "/api/v1/microtransform/intakes/\(intake.id)/receive", world.manager.token, #"{"kg": \#(kg)}"#)
                case 1:
                    _ = try await send(.post, "\(world.workshopBase)/plan", world.manager.token, #"{"days": 3}"#)
                case 2:
                    guard let batch = batches.filter({ $0.status == "planned" }).randomElement(using: &random) else { break }
                    _ = try await send(.post, "/api/v1/microtransform/batches/\(batch.id)/start", world.manager.token, "{}")
                case 3:
                    guard let batch = batches.filter({ $0.status == "running" }).randomElement(using: &random) else { break }
                    let used = batch.inputs.reduce(0) { $0 + ($1.usedKg ?? 0) }
                    let units = max(0, Int(used * 0.8))
                    let celsius = random.chance(0.7) ? 95 : 70
                    _ = try await send(
                        .post, "/api/v1/microtransform/batches/\(batch.id)/finish", world.manager.token,
                        #"{"outputUnits": \#(units), "wasteKg": 1, "haccp": {"cookingCelsius": \#(celsius), "cookingMinutes": 45, "coolingMinutes": 60}}"#
                    )
                case 4:
                    // Now and then the cooks try a recalled batch too: it must be refused.
                    let decidable = batches.filter { $0.status == "quarantined" || ($0.status == "recalled" && random.chance(0.2)) }
                    guard let batch = decidable.randomElement(using: &random)
                    else { break }
                    let decision = random.chance(0.7) ? "release" : "discard"
                    _ = try await send(
                        .post, "/api/v1/microtransform/batches/\(batch.id)/\(decision)", world.manager.token, #"{"reason": "décision"}"#)
                case 5:
                    // The workshop recalls one of its input lots, most often one a batch is cooking.
                    let running = batches.filter { $0.status == "running" }
                    let lots = try await send(.get, "\(world.workshopBase)/input-lots?limit=1000", world.manager.token, nil)
                        .decode([InputLot].self)
                    let target =
                        random.chance(0.6)
                        ? (running.randomElement(using: &random)?.inputs.first?.lotId) : lots.randomElement(using: &random)?.id
                    guard let lot = target ?? lots.randomElement(using: &random)?.id else { break }
                    let response = try await send(
                        .post, "\(world.workshopBase)/recalls", world.manager.token, #"{"inputLotId": "\#(lot)", "reason": "alerte"}"#)
                    guard response.status == .ok else { break }
                    recalls.inputLots.insert(lot)
                    met.workshopRecalls = 1
                    if try !response.decode(RecallReport.self).runningBatchIds.isEmpty { met.runningBatchRecalled = 1 }
                case 6:
                    // The food bank recalls or quarantines a donation, or jars it holds.
                    let final = random.chance(0.6)
                    let stock = try await send(.get, "/api/v1/foodaid/lots?limit=1000", world.coordinator.token, nil).decode([Lot].self)
                    let jars = stock.filter { $0.originKind == "processing" && $0.status == "available" }
                    let runningBefore = Set(batches.filter { $0.status == "running" }.map(\.id))
                    if let jar = jars.randomElement(using: &random), random.chance(0.5) {
                        let response = try await send(
                            .post, "/api/v1/foodaid/recalls", world.coordinator.token,
                            #"{"lotIds": ["\#(jar.id)"], "reason": "bocaux bombés", "final": \#(final)}"#)
                        if response.status == .ok && final { recalls.lots.insert(jar.id) }
                        if final { met.workshopLotInStockRecalled = 1 }
                    } else {
                        // Most often the donation a batch is cooking right now.
                        let cooking = try await Self.pickup(cookedBy: batches.filter { $0.status == "running" }, in: test.kernel)
                        let pickup =
                            random.chance(0.6) ? (cooking ?? pickups[0]) : pickups[Int.random(in: 0..<pickups.count, using: &random)]
                        let response = try await send(
                            .post, "/api/v1/foodaid/recalls", world.coordinator.token,
                            #"{"pickupIds": ["\#(pickup)"], "reason": "rappel donateur", "final": \#(final)}"#)
                        guard response.status == .ok else { break }
                        recalls.blockedPickups.insert(pickup)
                        if final { recalls.recalledPickups.insert(pickup) }
                    }
                    met.foodBankRecalls = 1
                    try await test.kernel.relay.deliverPending()
                    let after = try await send(.get, "\(world.workshopBase)/batches?limit=1000", world.manager.token, nil).decode(
                        [Batch].self)
                    if after.contains(where: { runningBefore.contains($0.id) && $0.status == "running" && $0.recallReason != nil }) {
                        met.runningBatchRecalled = 1
                    }
                default:
                    // Staff lift a quarantine they raised (refused on anything recalled).
                    guard let lot = quarantinedLots.randomElement(using: &random) else { break }
                    let lifted = try await send(
                        .post, "/api/v1/foodaid/lots/\(lot.id)/lift-quarantine", world.coordinator.token, #"{"reason": "contrôle ok"}"#)
                    if lifted.status == .ok { met.liftedQuarantines = 1 }
                }
                try await test.kernel.relay.deliverPending()
                // Jars that were on offer in food-aid stock before this step and are recalled after it.
                let jars = try await Self.jars(in: test.kernel)
                if jars.contains(where: { availableJars.contains($0.key) && $0.value == "recalled" }) { met.workshopLotInStockRecalled = 1 }
                availableJars = Set(jars.filter { $0.value == "available" }.keys)
                let violations = try await Self.violations(recalls, in: test.kernel)
                #expect(violations.isEmpty, "seed \(seed), step \(step) (action \(action)): \(violations)")
                if !violations.isEmpty { return met }
            }
            return met
        }
    }

    /// The status of every food-aid lot received from a workshop.
    static func jars(in kernel: Kernel) async throws -> [UUID: String] {
        try await kernel.units.read { db in
            var statuses: [UUID: String] = [:]
            for row in try await db.query("SELECT id, status FROM foodaid_lots WHERE origin_kind = 'processing'") {
                statuses[try row.uuid("id")] = try row.string("status")
            }
            return statuses
        }
    }

    /// The food-bank pickup whose produce one of these batches is cooking.
    static func pickup(cookedBy batches: [Batch], in kernel: Kernel) async throws -> UUID? {
        guard let lot = batches.first?.inputs.first?.lotId else { return nil }
        return try await kernel.units.read { db in
            try await db.queryFirst(
                """
                SELECT n.source_reference FROM microtransform_input_lots l JOIN microtransform_intakes n ON n.id = l.intake_id
                WHERE l.id = ?
                """, [lot]
            )?.optionalString("source_reference").flatMap(UUID.init(uuidString:))
        }
    }

    /// Food-aid lots available with units on hand that descend from something the test recalled.
    static func violations(_ recalls: Recalls, in kernel: Kernel) async throws -> [String] {
        try await kernel.units.read { db in
            var found: [String] = []
            for row in try await db.query(
                "SELECT id, origin_kind, origin_reference FROM foodaid_lots WHERE status = 'available' AND on_hand > 0")
            {
                let id = try row.uuid("id")
                let reference = try row.string("origin_reference")
                if recalls.lots.contains(id) { found.append("lot \(id) was recalled and is available") }
                if try row.string("origin_kind") == "pickup", let pickup = UUID(uuidString: reference),
                    recalls.recalledPickups.contains(pickup)
                {
                    found.append("lot \(id) of recalled pickup \(pickup) is available")
                }
                guard try row.string("origin_kind") == "processing" else { continue }
                let sources = try await db.query(
                    """
                    SELECT i.lot_id, n.source_reference FROM microtransform_output_lots o
                    JOIN microtransform_batch_inputs i ON i.batch_id = o.batch_id AND i.used_grams IS NOT NULL
                    JOIN microtransform_input_lots l ON l.id = i.lot_id JOIN microtransform_intakes n ON n.id = l.intake_id
                    WHERE o.id = ?
                    """, [reference])
                for source in sources {
                    let lot = try source.uuid("lot_id")
                    if recalls.inputLots.contains(lot) { found.append("jars \(id) made from recalled input lot \(lot) are available") }
                    if let pickup = try source.optionalString("source_reference").flatMap(UUID.init(uuidString:)),
                        recalls.blockedPickups.contains(pickup)
                    {
                        found.append("jars \(id) made from blocked pickup \(pickup) are available")
                    }
                }
            }
            // On the workshop's side, nothing made from recalled produce is released.
            for row in try await db.query(
                """
                SELECT o.id, i.lot_id, n.source_reference FROM microtransform_output_lots o
                JOIN microtransform_batch_inputs i ON i.batch_id = o.batch_id AND i.used_grams IS NOT NULL
                JOIN microtransform_input_lots l ON l.id = i.lot_id JOIN microtransform_intakes n ON n.id = l.intake_id
                WHERE o.status = 'released'
                """)
            {
                let pickup = try row.optionalString("source_reference").flatMap(UUID.init(uuidString:))
                if try recalls.inputLots.contains(row.uuid("lot_id")) || pickup.map(recalls.blockedPickups.contains) == true {
                    found.append("output lot \(try row.uuid("id")) made from recalled produce is released")
                }
            }
            return found
        }
    }
}
