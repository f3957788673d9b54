import CollectoKernel
import CollectoTestSupport
import Foundation
import HTTPTypes
import HummingbirdTesting
import Testing

@testable import MicroTransform

/// The manager's hand on the workshop: a batch made by hand under the
/// scheduler's rules, shifts, closures and unavailable times deleted,
/// equipment retired — and the stored plan sound after each.
@Suite struct ManagerActionsTests {
    struct Days: Encodable { let days: Int }
    struct ManualInput: Encodable { let lotId: UUID; let kg: Double }
    struct Manual: Encodable {
        let recipeId: UUID
        let day: CalendarDate
        let start: String
        let inputs: [ManualInput]
        let addedKg: Double
        let equipment: [UUID]
    }
    struct Removal<T: Decodable>: Decodable { let removed: T; let replannedBatchIds: [UUID] }

    /// The workshop equipped, 50 kg of pumpkin on hand (spoiling in two days); the soup recipe and the equipment by type.
    func workshop(_ world: WorkshopWorld, _ client: any TestClientProtocol) async throws -> (
        pumpkin: UUID, soup: Recipe, equipment: [String: Equipment]
    ) {
        try await world.equip(client)
        let pumpkin = try await world.onHand(client, "potiron", kg: 50, spoilsIn: 2)
        let recipes = try await client.json(.get, "\(world.base)/recipes", token: world.manager.token).decode([Recipe].self)
        let equipment = try await client.json(.get, "\(world.base)/equipment", token: world.manager.token).decode([Equipment].self)
        return (
            pumpkin, try #require(recipes.first { $0.name == "Soupe de légumes" }),
            Dictionary(equipment.map { ($0.type, $0) }, uniquingKeysWith: { first, _ in first })
        )
    }

    func soupEquipment(_ equipment: [String: Equipment]) -> [UUID] {
        ["prep_table", "kettle", "autoclave"].compactMap { equipment[$0]?.id }
    }

    @Test func aManagerMakesABatchByHandAndItIsLockedInTheStoredPlan() async throws {
        let world = try await WorkshopWorld.make()
        try await withAPI(world.test.kernel) { client throws in
            let (pumpkin, soup, equipment) = try await workshop(world, client)
            let manual = Manual(
                recipeId: soup.id, day: world.today.adding(days: 1), start: "08:00", inputs: [.init(lotId: pumpkin, kg: 40)],
                addedKg: 15, equipment: soupEquipment(equipment))
            let byCook = try await client.json(.post, "\(world.base)/batches", token: world.cook.token, body: manual)
            #expect(byCook.status == .forbidden)
            let made = try await client.json(.post, "\(world.base)/batches", token: world.manager.token, body: manual)
            #expect(made.status == .created, "\(made.text)")
            let batch = try made.decode(Batch.self)
            #expect(batch.locked && batch.status == .planned)
            #expect(batch.start == LocalTime(hour: 8, minute: 0) && batch.steps.count == 3)
            try await world.expectSoundPlan(after: "manual batch")
            // A plan afterwards keeps it, and plans the 10 kg left around it.
            let plan = try await client.json(.post, "\(world.base)/plan", token: world.manager.token, body: Days(days: 3))
            #expect(plan.status == .ok, "\(plan.text)")
            try await world.expectSoundPlan(after: "plan")
            #expect(try await world.allBatches(client).contains { $0.id == batch.id && $0.day == batch.day && $0.start == batch.start })
        }
    }

    @Test func aBatchByHandThatBreaksARuleIsRefusedNamingTheRule() async throws {
        let world = try await WorkshopWorld.make()
        try await withAPI(world.test.kernel) { client throws in
            let (pumpkin, soup, equipment) = try await workshop(world, client)
            let steps = soupEquipment(equipment)
            func attempt(day: Int = 1, start: String = "08:00", kg: Double = 40, added: Double = 15, equipment: [UUID]? = nil)
                async throws -> TestResponse
            {
                try await client.json(
                    .post, "\(world.base)/batches", token: world.manager.token,
                    body: Manual(
                        recipeId: soup.id, day: world.today.adding(days: day), start: start, inputs: [.init(lotId: pumpkin, kg: kg)],
                        addedKg: added, equipment: equipment ?? steps))
            }
            let first = try await attempt(kg: 25, added: 10)
            #expect(first.status == .created, "\(first.text)")
            for (response, rule) in [
                (try await attempt(kg: 25, added: 10), "booked twice"),  // the same equipment at the same time
                (try await attempt(day: 3, start: "09:00", kg: 20, added: 10), "spoil date"),
                (try await attempt(start: "15:00", kg: 20, added: 10), "opening hours"),
                (try await attempt(start: "12:00", kg: 24, added: 80), "batch size"),
                (try await attempt(start: "12:00", kg: 20, added: 2), "produce share"),
                (try await attempt(start: "12:00", kg: 26, added: 10), "more than it holds"),
                (
                    try await attempt(start: "12:00", kg: 20, added: 10, equipment: [steps[1], steps[1], steps[2]]),
                    "needs a prep_table"
                ),
            ] {
                #expect(response.status == .unprocessableContent, "\(rule): \(response.text)")
                #expect(response.apiError?.code == "batch_breaks_rules", "\(rule): \(response.text)")
                #expect(response.text.contains(rule), "\(rule): \(response.text)")
            }
            // Day 3 is beyond the pumpkin's spoil date; on day 2 no cooks are on shift once the shift is deleted.
            try await world.expectSoundPlan(after: "refused batches")
        }
    }

    @Test func deletingAShiftABatchNeedsMovesItAndALockedOneRefusesTheDeletion() async throws {
        let world = try await WorkshopWorld.make()
        try await withAPI(world.test.kernel) { client throws in
            _ = try await workshop(world, client)
            let plan = try await client.json(.post, "\(world.base)/plan", token: world.manager.token, body: Days(days: 3))
            #expect(plan.status == .ok, "\(plan.text)")
            let batch = try #require(try await world.allBatches(client).first { $0.status == .planned })
            let listed = try await client.json(.get, "\(world.base)/shifts", token: world.manager.token)
            let shifts = try listed.decode([StaffShift].self)
            let shift = try #require(shifts.first { $0.day == batch.day })
            #expect(
                try await client.json(.delete, "/api/v1/microtransform/shifts/\(shift.id)", token: world.cook.token).status == .forbidden)
            // Locked, the batch holds the shift: the deletion is refused and the shift stays.
            _ = try await client.json(.post, "/api/v1/microtransform/batches/\(batch.id)/lock", token: world.manager.token)
            let refused = try await client.json(.delete, "/api/v1/microtransform/shifts/\(shift.id)", token: world.manager.token)
            #expect(refused.status == .conflict, "\(refused.text)")
            #expect(refused.apiError?.code == "locked_batch_in_the_way")
            #expect(try await client.json(.get, "\(world.base)/shifts", token: world.manager.token).decode([StaffShift].self).count == 7)
            // Unlocked, it moves to where cooks are on shift.
            _ = try await client.json(.post, "/api/v1/microtransform/batches/\(batch.id)/unlock", token: world.manager.token)
            let deleted = try await client.json(.delete, "/api/v1/microtransform/shifts/\(shift.id)", token: world.manager.token)
            #expect(deleted.status == .ok, "\(deleted.text)")
            #expect(try deleted.decode(Removal<StaffShift>.self).replannedBatchIds == [batch.id])
            try await world.expectSoundPlan(after: "shift deleted")
            let moved = try await client.json(.get, "/api/v1/microtransform/batches/\(batch.id)", token: world.manager.token)
                .decode(Batch.self)
            #expect(moved.day != batch.day)
        }
    }

    @Test func deletingAClosureOrAnUnavailableTimeGivesTheTimeBack() async throws {
        let world = try await WorkshopWorld.make()
        try await withAPI(world.test.kernel) { client throws in
            let (_, _, equipment) = try await workshop(world, client)
            let day = world.today.adding(days: 1)
            struct Closure: Encodable { let day: CalendarDate; let reason: String }
            _ = try await client.json(
                .post, "\(world.base)/closures", token: world.manager.token, body: Closure(day: day, reason: "inventaire"))
            try await world.expectSoundPlan(after: "close")
            #expect(try await client.json(.delete, "\(world.base)/closures/\(day)", token: world.cook.token).status == .forbidden)
            let reopened = try await client.json(.delete, "\(world.base)/closures/\(day)", token: world.manager.token)
            #expect(reopened.status == .ok, "\(reopened.text)")
            #expect(try reopened.decode([ClosedDay].self).isEmpty)
            #expect(try await client.json(.delete, "\(world.base)/closures/\(day)", token: world.manager.token).status == .notFound)

            let kettle = try #require(equipment["kettle"])
            struct Gap: Encodable { let day: CalendarDate; let reason: String }
            let marked = try await client.json(
                .post, "/api/v1/microtransform/equipment/\(kettle.id)/unavailability", token: world.manager.token,
                body: Gap(day: day, reason: "détartrage"))
            let entry = try #require(try marked.decode(Equipment.self).unavailable.first?.id)
            try await world.expectSoundPlan(after: "unavailable")
            let freed = try await client.json(
                .delete, "/api/v1/microtransform/equipment/\(kettle.id)/unavailability/\(entry)", token: world.manager.token)
            #expect(freed.status == .ok, "\(freed.text)")
            #expect(try freed.decode(Equipment.self).unavailable.isEmpty)
            try await world.expectSoundPlan(after: "unavailability deleted")
        }
    }

    @Test func retiredEquipmentTakesNoNewBatchAndItsPlannedOnesMove() async throws {
        let world = try await WorkshopWorld.make()
        try await withAPI(world.test.kernel) { client throws in
            let (pumpkin, soup, equipment) = try await workshop(world, client)
            struct Item: Encodable { let name: String; let type: String; let capacityKg: Double }
            let spare = try await client.json(
                .post, "\(world.base)/equipment", token: world.manager.token, body: Item(name: "Marmite 2", type: "kettle", capacityKg: 120)
            ).decode(Equipment.self)
            let plan = try await client.json(.post, "\(world.base)/plan", token: world.manager.token, body: Days(days: 3))
            #expect(plan.status == .ok, "\(plan.text)")
            let batch = try #require(try await world.allBatches(client).first { $0.status == .planned })
            let kettle = try #require(batch.steps.map(\.equipmentId).first { [equipment["kettle"]?.id, spare.id].contains($0) })
            #expect(
                try await client.json(.post, "/api/v1/microtransform/equipment/\(kettle)/retire", token: world.cook.token).status
                    == .forbidden)
            let retired = try await client.json(.post, "/api/v1/microtransform/equipment/\(kettle)/retire", token: world.manager.token)
            #expect(retired.status == .ok, "\(retired.text)")
            let removal = try retired.decode(Removal<Equipment>.self)
            #expect(!removal.removed.active && removal.replannedBatchIds == [batch.id])
            try await world.expectSoundPlan(after: "retire")
            let moved = try await client.json(.get, "/api/v1/microtransform/batches/\(batch.id)", token: world.manager.token)
                .decode(Batch.self)
            #expect(!moved.steps.map(\.equipmentId).contains(kettle))
            let again = try await client.json(.post, "/api/v1/microtransform/equipment/\(kettle)/retire", token: world.manager.token)
            #expect(again.apiError?.code == "equipment_retired")
            let listed = try await client.json(.get, "\(world.base)/equipment", token: world.manager.token).decode([Equipment].self)
            #expect(!listed.contains { $0.id == kettle })
            // No batch by hand on it either.
            var steps = soupEquipment(equipment)
            steps[1] = kettle
            let manual = try await client.json(
                .post, "\(world.base)/batches", token: world.manager.token,
                body: Manual(
                    recipeId: soup.id, day: world.today.adding(days: 1), start: "13:00", inputs: [.init(lotId: pumpkin, kg: 1)],
                    addedKg: 0.5, equipment: steps))
            #expect(manual.text.contains("retired"), "\(manual.text)")
            let replanned = try await client.json(.post, "\(world.base)/plan", token: world.manager.token, body: Days(days: 3))
            #expect(replanned.status == .ok)
            try await world.expectSoundPlan(after: "replan")
            #expect(try await world.allBatches(client).allSatisfy { !$0.steps.map(\.equipmentId).contains(kettle) })
        }
    }
}
