import CollectoKernel
import CollectoTestSupport
import Foundation
import HTTPTypes
import HummingbirdTesting
import Testing

@testable import collectod

/// Random donations, sortings, batches, distributions, losses and
/// adjustments across the modules, the event relay delivered between steps,
/// over several days: the mass balance closes to the gram for any period and
/// for any single donation, every equation of every section.
@Suite struct MassBalancePropertyTests {
    /// Sized to the test command's budget: PostgreSQL's round trips make each step several times slower.
    static let sequences = TestDatabase.engine == .postgres ? 4 : 10
    static let steps = 30

    struct Coverage {
        var donations = 0, batches = 0, shipments = 0, losses = 0, adjustments = 0, wastePickups = 0, days = 0, balances = 0
        var weighingDifferences = 0
    }

    struct Lot: Decodable { let id: UUID; let status: String; let onHand: Int; let reserved: Int }
    struct Intake: Decodable { let id: UUID; let kg: Double }
    struct Batch: Decodable {
        struct Input: Decodable { let usedKg: Double? }
        let id: UUID; let status: String; let inputs: [Input]; let addedKg: Double?
    }

    @Test func theMassBalanceClosesToTheGramForAnyPeriodAndAnyDonation() async throws {
        var total = Coverage()
        for seed in 1...Self.sequences {
            let met = try await run(seed: UInt64(seed) &* 7919)
            total.donations += met.donations
            total.batches += met.batches
            total.shipments += met.shipments
            total.losses += met.losses
            total.adjustments += met.adjustments
            total.wastePickups += met.wastePickups
            total.days += met.days
            total.balances += met.balances
            total.weighingDifferences += met.weighingDifferences
        }
        print(
            "mass balance property: \(Self.sequences) sequences of \(Self.steps) steps on \(TestDatabase.engine); "
                + "\(total.donations) donations, \(total.batches) batches finished, \(total.shipments) orders shipped, "
                + "\(total.losses) losses, \(total.adjustments) adjustments, \(total.wastePickups) waste pickups over \(total.days) days; \(total.balances) balances read, "
                + "\(total.weighingDifferences) showing a driver's weighing apart from the sorting's")
        // Each kind of step must really happen: on average at least one in every other sequence.
        #expect(total.batches * 2 >= Self.sequences, "too few batches finished")
        #expect(total.shipments * 2 >= Self.sequences, "too few orders shipped")
        #expect((total.losses + total.adjustments) * 2 >= Self.sequences, "too few losses and adjustments")
        #expect(total.wastePickups * 2 >= Self.sequences, "too few waste pickups")
        #expect(total.days * 2 >= Self.sequences, "too few sequences span several days")
    }

    func run(seed: UInt64) async throws -> Coverage {
        let test = try await TestKernel.make(modules: InstalledModules.all)
        return try await testApplication(test.kernel).test(.router) { client in
            var random = SeededRandom(seed: seed)
            var met = Coverage()
            var world = try await FoodChainWorld.make(client, test: test)
            try await FoodChainWorld.send(
                client, .put, "/api/v1/foodaid/partners/\(world.partner.id)/profile", world.coordinator.token,
                #"{"households": 40, "beneficiaries": 90}"#, expect: .ok)
            let first = world.today
            var pickups: [UUID] = []
            var hour = 8
            let send = { @Sendable (method: HTTPRequest.Method, uri: String, token: String, body: String?) in
                try await FoodChainWorld.send(client, method, uri, token, body)
            }
            for step in 0..<Self.steps {
                // Each action's share of the draws: donations, the workshop's intake and its finishes, shipments, corrections,
                // a new day, waste pickups and balances read.
                let draws = [0, 1, 2, 2, 3, 3, 4, 5, 6, 7, 8]
                switch draws[Int.random(in: 0..<draws.count, using: &random)] {
                case 0, 1:
                    // A donation: the driver's weight may differ from the sorting's.
                    guard hour <= 16 else { break }
                    let stock = Int.random(in: 0...12, using: &random)
                    let processing = Double(Int.random(in: 0...40_000, using: &random)) / 1000
                    let unfit = Double(Int.random(in: 1...5_000, using: &random)) / 1000
                    let sorted = Grams.kg(Grams.of(kg: Double(stock)) + Grams.of(kg: processing) + Grams.of(kg: unfit))
                    let driver = random.chance(0.5) ? sorted : Grams.kg(Grams.of(kg: sorted) + Int.random(in: -900...900, using: &random))
                    pickups.append(
                        try await world.donate(
                            client, driverKg: max(0.001, driver), stockKg: stock, processingKg: processing, unfitKg: unfit, roundHour: hour)
                    )
                    if driver != sorted { met.weighingDifferences += 1 }
                    hour += 1
                    met.donations += 1
                case 2:
                    // The workshop takes in what it is offered, plans and starts a batch.
                    let proposed = try await send(.get, "\(world.workshopBase)/intakes?status=proposed", world.manager.token, nil)
                        .decode([Intake].self)
                    for intake in proposed {
                        _ = try await send(.post, "/api/v1/microtransform/intakes/\(intake.id)/accept", world.manager.token, "{}")
                        let kg = Grams.kg(max(1, Grams.of(kg: intake.kg) - Int.random(in: 0...500, using: &random)))
                        _ = try await send(
                            .post, "/api/v1/microtransform/intakes/\(intake.id)/receive", world.manager.token, #"{"kg": \#(kg)}"#)
                    }
                    _ = try await send(.post, "\(world.workshopBase)/plan", world.manager.token, #"{"days": 3}"#)
                    let planned = try await send(.get, "\(world.workshopBase)/batches?status=planned", world.manager.token, nil)
                        .decode([Batch].self)
                    if let batch = planned.first {
                        _ = try await send(.post, "/api/v1/microtransform/batches/\(batch.id)/start", world.manager.token, "{}")
                    }
                case 3:
                    // The cooks finish a batch: output, peelings, and the evaporation weighed or left to the remainder.
                    let running = try await send(.get, "\(world.workshopBase)/batches?status=running", world.manager.token, nil)
                        .decode([Batch].self)
                    guard let batch = running.first else { break }
                    let input = batch.inputs.reduce(0) { $0 + Grams.of(kg: $1.usedKg ?? 0) } + Grams.of(kg: batch.addedKg ?? 0)
                    let units = Int.random(in: 0...max(0, input / 1000 - 2), using: &random)
                    let waste = Int.random(in: 0...max(0, input - units * 1000 - 1), using: &random)
                    let measured = random.chance(0.5) ? #", "evaporationKg": \#(Grams.text(input - units * 1000 - waste))"# : ""
                    let finished = try await send(
                        .post, "/api/v1/microtransform/batches/\(batch.id)/finish", world.manager.token,
                        #"{"outputUnits": \#(units), "wasteKg": \#(Grams.text(waste)), "haccp": {"cookingCelsius": 95, "cookingMinutes": 45,"#
                            + #" "coolingMinutes": 60}\#(measured)}"#)
                    if finished.status == .ok { met.batches += 1 }
                case 4:
                    // A partner orders from stock; the window closes, is allocated, prepared and shipped.
                    if try await ship(world, client, &random) { met.shipments += 1 }
                case 5:
                    let lots = try await send(.get, "/api/v1/foodaid/lots?status=available&limit=1000", world.coordinator.token, nil)
                        .decode([Lot].self).filter { $0.onHand > $0.reserved }
                    guard let lot = lots.randomElement(using: &random) else { break }
                    let loss = random.chance(0.6)
                    let change =
                        loss ? -Int.random(in: 1...(lot.onHand - lot.reserved), using: &random) : Int.random(in: -1...3, using: &random)
                    guard change != 0 else { break }
                    let corrected = try await send(
                        .post, "/api/v1/foodaid/lots/\(lot.id)/corrections", world.coordinator.token,
                        #"{"kind": "\#(loss ? "loss" : "adjustment")", "change": \#(change), "reason": "inventaire"}"#)
                    if corrected.status == .ok {
                        if loss { met.losses += 1 } else { met.adjustments += 1 }
                    }
                case 7:
                    // The city collects the warehouse's bins; the platform's weighbridge may read a little less.
                    guard hour <= 16 else { break }
                    let collected = Grams.kg(Int.random(in: 1_000...60_000, using: &random))
                    let delivered =
                        random.chance(0.5) ? collected : Grams.kg(max(1, Grams.of(kg: collected) - Int.random(in: 0...800, using: &random)))
                    if try await world.collectWaste(client, collectedKg: collected, deliveredKg: delivered, roundHour: hour) {
                        met.wastePickups += 1
                        hour += 1
                    }
                case 6:
                    // The next morning.
                    test.clock.advance(by: 24 * 3600)
                    world = try await world.loggedInAgain()
                    hour = 8
                    met.days += 1
                default:
                    // The balance of a random period, and of a random donation.
                    met.balances += try await checkBalances(world, client, first: first, pickups: pickups, seed: seed, step: step, &random)
                }
                try await test.kernel.relay.deliverPending()
            }
            met.balances += try await checkBalances(world, client, first: first, pickups: pickups, seed: seed, step: Self.steps, &random)
            return met
        }
    }

    /// Reads the balance of a random period within the sequence and of a random donation; every equation closes.
    func checkBalances(
        _ world: FoodChainWorld, _ client: some TestClientProtocol, first: CalendarDate, pickups: [UUID], seed: UInt64, step: Int,
        _ random: inout SeededRandom
    ) async throws -> Int {
        let span = first.days(until: world.today)
        let from = first.adding(days: Int.random(in: 0...span, using: &random))
        let until = from.adding(days: Int.random(in: 0...max(0, world.today.days(until: from.adding(days: 2))), using: &random))
        var scopes = ["from=\(from)&until=\(until)", "from=\(first)&until=\(world.today)"]
        if let pickup = pickups.randomElement(using: &random) {
            scopes.append("from=\(first)&until=\(world.today)&source=foodaid:\(pickup.uuidString.lowercased())")
        }
        for scope in scopes {
            let balance = try await FoodChainWorld.send(client, .get, "/api/v1/balance?\(scope)", world.coordinator.token, expect: .ok)
                .decode(MassBalance.self)
            let open = balance.sections.flatMap { section in
                section.checks.filter { $0.kind == .equation && $0.differenceGrams != 0 }.map {
                    "\(section.module).\($0.name): \($0.differenceGrams) g"
                }
            }
            #expect(open.isEmpty && balance.closes, "seed \(seed) step \(step) \(scope): \(open)")
        }
        return scopes.count
    }

    /// One window for the partner: an order of carrots, allocated after the cut-off, validated, prepared and shipped.
    func ship(_ world: FoodChainWorld, _ client: some TestClientProtocol, _ random: inout SeededRandom) async throws -> Bool {
        let lots = try await FoodChainWorld.send(client, .get, "/api/v1/foodaid/lots?status=available&limit=1000", world.coordinator.token)
            .decode([Lot].self)
        let free = lots.reduce(0) { $0 + max(0, $1.onHand - $1.reserved) }
        guard free > 0 else { return false }
        let quantity = Int.random(in: 1...free, using: &random)
        return try await world.shipCarrots(client, quantity: quantity, deliveryDay: world.today.adding(days: 1)) != nil
    }
}
