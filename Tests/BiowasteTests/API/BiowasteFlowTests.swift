import Biowaste
import CollectoKernel
import CollectoTestSupport
import Foundation
import HTTPTypes
import HummingbirdTesting
import Testing

/// Biowaste through the HTTP API of a live server: waste arrives from an event
/// and a request, a pickup is planned on a round (never with food), weighed,
/// refused or delivered, corrected, and the register and reports agree.
@Suite struct BiowasteFlowTests {
    struct Waiting: Decodable { let source: String; let estimatedKg: Double; let nature: String }
    struct Plan: Decodable { let pickups: [BiowastePickup] }
    struct Report: Decodable {
        struct Line: Decodable { let key: String; let kg: Double }
        let collectedKg: Double
        let deliveredKg: Double
        let byPoint: [Line]
        let byDestination: [Line]
        let refusalRate: Double
        let co2eAvoidedKg: Double
    }

    @Test func wasteFromAnEventAndARequestIsCollectedWeighedRefusedDeliveredAndReported() async throws {
        let test = try await TestKernel.make(modules: [BiowasteModule()])
        let fixtures = Fixtures(test.kernel)
        let city = try await fixtures.organisation("Métropole", .cityService)
        let depot = try await fixtures.site(of: city.id, name: "Dépôt")
        let coordinator = try await fixtures.logIn("city@metropole.test", role: .coordinator, in: city.id)
        let driver = try await fixtures.logIn("driver@metropole.test", role: .driver, in: city.id)
        let grocery = try await fixtures.organisation("Épicerie", .partnerAssociation)
        let shop = try await fixtures.site(of: grocery.id, name: "Boutique", latitude: 48.12, longitude: -1.66)
        let member = try await fixtures.logIn("member@epicerie.test", role: .member, in: grocery.id)
        let other = try await fixtures.organisation("Autre", .partnerAssociation)
        let otherMember = try await fixtures.logIn("member@autre.test", role: .member, in: other.id)
        let platform = try await fixtures.organisation("Compostage", .treatmentSite)
        let compost = try await fixtures.site(of: platform.id, name: "Plateforme", latitude: 48.14, longitude: -1.75)
        let truck = try await fixtures.vehicle(of: city.id, kg: 3_000)
        let today = CalendarDate(test.clock.now(), in: TimeZone(identifier: "Europe/Paris")!)

        try await withLiveServer(test.kernel) { client throws in
            struct Point: Encodable { let siteId: UUID; let expectedKgPerWeek: Double }
            #expect(
                try await client.json(
                    .post, "/api/v1/biowaste/points", token: member.token, body: Point(siteId: shop.id, expectedKgPerWeek: 70)
                )
                .status == .forbidden)
            #expect(
                try await client.json(
                    .post, "/api/v1/biowaste/points", token: coordinator.token, body: Point(siteId: shop.id, expectedKgPerWeek: 70)
                ).status == .created)
            struct Bins: Encodable { let type: String; let volumeLitres: Double; let count: Int; let handling: String }
            let point = try await client.json(
                .post, "/api/v1/biowaste/points/\(shop.id)/containers", token: coordinator.token,
                body: Bins(type: "bac 240 L", volumeLitres: 240, count: 1, handling: "empty"))
            let smallBin = Bins(type: "bac 120 L", volumeLitres: 120, count: 1, handling: "empty")
            #expect(
                try await client.json(.post, "/api/v1/biowaste/points/\(shop.id)/containers", token: member.token, body: smallBin).status
                    == .forbidden)
            _ = try await client.json(.post, "/api/v1/biowaste/points/\(shop.id)/containers", token: coordinator.token, body: smallBin)
            #expect(point.status == .created, "\(point.text)")
            struct DestinationBody: Encodable {
                let siteId: UUID; let treatment: String; let accepts: [String]; let dailyCapacityKg: Double
            }
            let saved = try await client.json(
                .put, "/api/v1/biowaste/destinations", token: coordinator.token,
                body: DestinationBody(
                    siteId: compost.id, treatment: "composting", accepts: ["biowaste", "unfit_food"], dailyCapacityKg: 5_000))
            #expect(saved.status == .ok, "\(saved.text)")

            // Unfit food from sorting arrives as a kernel event; the grocery asks for a pickup.
            try await test.kernel.units.write(by: nil) { tx in
                try await tx.publish(
                    BiowasteProduced(
                        sourceModule: "foodaid", sourceReference: "pickup-7", siteId: shop.id, organisationId: grocery.id, kg: 12.5,
                        nature: "unfit_food", reason: "moisi", producedAt: tx.now))
            }
            try await test.kernel.relay.deliverPending()
            #expect(
                await eventually {
                    ((try? await client.json(.get, "/api/v1/biowaste/points/\(shop.id)/waiting", token: member.token).decode([Waiting].self))
                        ?? []).contains { $0.source == "event" }
                })
            struct Full: Encodable { let fillLevel: Double }
            #expect(
                try await client.json(.post, "/api/v1/biowaste/points/\(shop.id)/requests", token: member.token, body: Full(fillLevel: 0.9))
                    .status == .created)
            let waiting = try await client.json(.get, "/api/v1/biowaste/points/\(shop.id)/waiting", token: member.token)
                .decode([Waiting].self)
            #expect(Set(waiting.map(\.source)) == ["event", "request"])
            #expect(waiting.first { $0.source == "request" }?.estimatedKg == 162)
            #expect(try await client.json(.get, "/api/v1/biowaste/points/\(shop.id)", token: otherMember.token).status == .notFound)

            // The city plans the pickup: a non-food task from the grocery to the platform.
            struct PlanBody: Encodable { let day: CalendarDate }
            let plan = try await client.json(.post, "/api/v1/biowaste/pickups/plan", token: coordinator.token, body: PlanBody(day: today))
                .decode(Plan.self)
            let pickup = try #require(plan.pickups.first)
            #expect(pickup.estimatedKg == 174.5)
            #expect(pickup.destinationSiteId == compost.id)
            let task = try await client.json(.get, "/api/v1/tasks/\(try #require(pickup.taskId))", token: coordinator.token)
                .decode(LogisticsTask.self)
            #expect(task.isFood == false)
            #expect(task.drop?.siteId == compost.id)
            struct PickupRef: Decodable { let id: UUID }
            func pickups(_ token: String) async throws -> [UUID] {
                try await client.json(.get, "/api/v1/biowaste/pickups?day=\(today)", token: token).decode([PickupRef].self).map(\.id)
            }
            #expect(try await pickups(coordinator.token) == [pickup.id])
            #expect(try await pickups(member.token) == [pickup.id])
            #expect(try await pickups(otherMember.token).isEmpty)

            // Food and biowaste never share the truck: a round loading both is refused.
            let bread = try await fixtures.task(for: city.id, from: depot.id, to: compost.id, kg: 20, isFood: true)
            let mixed = try await client.json(
                .post, "/api/v1/rounds", token: coordinator.token,
                body: RoundRequest(
                    organisationId: city.id, day: today, startTime: LocalTime(hour: 9, minute: 0)!, vehicleId: truck.id,
                    driverUserId: driver.user.id,
                    stops: [
                        .init(siteId: depot.id, pickups: [bread.id]), .init(siteId: shop.id, pickups: [task.id]),
                        .init(siteId: compost.id, drops: [bread.id, task.id]),
                    ]))
            #expect(mixed.apiError?.code == "round_infeasible")
            let round = try await client.json(
                .post, "/api/v1/rounds", token: coordinator.token,
                body: RoundRequest(
                    organisationId: city.id, day: today, startTime: LocalTime(hour: 9, minute: 0)!, vehicleId: truck.id,
                    driverUserId: driver.user.id,
                    stops: [.init(siteId: shop.id, pickups: [task.id]), .init(siteId: compost.id, drops: [task.id])])
            ).decode(Round.self)

            // The driver weighs the 240 L bin and refuses the 120 L one; the grocery is told.
            let bins = try await client.json(.get, "/api/v1/biowaste/points/\(shop.id)", token: member.token).decode(CollectionPoint.self)
                .containers
            let big = try #require(bins.first { $0.volumeLitres == 240 })
            let small = try #require(bins.first { $0.volumeLitres == 120 })
            struct Line: Encodable { let containerId: UUID; let kg: Double?; let refused: Bool?; let reason: String? }
            struct Recording: Encodable { let containers: [Line] }
            let recording = Recording(containers: [
                .init(containerId: big.id, kg: 110.4, refused: nil, reason: nil),
                .init(containerId: small.id, kg: nil, refused: true, reason: "sacs plastiques"),
            ])
            #expect(
                try await client.json(.post, "/api/v1/biowaste/pickups/\(pickup.id)/collection", token: member.token, body: recording)
                    .status
                    == .forbidden)
            let collected = try await client.json(
                .post, "/api/v1/biowaste/pickups/\(pickup.id)/collection", token: driver.token, body: recording)
            #expect(collected.status == .ok, "\(collected.text)")
            #expect(try collected.decode(BiowastePickup.self).collectedKg == 110.4)
            struct Notice: Decodable { let message: String }
            let notices = try await client.json(.get, "/api/v1/biowaste/points/\(shop.id)/notices", token: member.token).decode(
                [Notice].self)
            #expect(notices.first?.message.contains("sacs plastiques") == true)

            // At the platform the load is weighed on delivery.
            for (sequence, action, kg) in [(1, Round.Action.pickup, 110.4), (2, .drop, 109.9)] {
                let done = try await client.json(
                    .post, "/api/v1/rounds/\(round.id)/stops/\(sequence)/complete", token: driver.token,
                    body: StopCompletion(entries: [.init(taskId: task.id, action: action, actualKg: kg)]))
                #expect(done.status == .ok, "\(done.text)")
            }
            try await test.kernel.relay.deliverPending()
            try await eventually {
                try await client.json(.get, "/api/v1/biowaste/pickups/\(pickup.id)", token: coordinator.token).decode(BiowastePickup.self)
                    .status == "delivered"
            }
            let delivered = try await client.json(.get, "/api/v1/biowaste/pickups/\(pickup.id)", token: coordinator.token)
                .decode(BiowastePickup.self)
            #expect(delivered.status == "delivered")
            #expect(delivered.deliveredKg == 109.9)

            // The register: collection, refusal, delivery in order, with carrier and vehicle; a correction is a new entry.
            let register = try await client.json(.get, "/api/v1/biowaste/register", token: coordinator.token).decode([RegisterEntry].self)
            #expect(register.map(\.kind) == ["collection", "refusal", "delivery"])
            #expect(register[0].vehicleId == truck.id)
            #expect(register[0].carrierOrganisationId == city.id)
            #expect(register[0].treatment == "composting")
            struct Correction: Encodable { let kg: Double; let reason: String }
            let corrected = try await client.json(
                .post, "/api/v1/biowaste/register/\(register[0].id)/corrections", token: coordinator.token,
                body: Correction(kg: 112, reason: "pesée refaite"))
            #expect(corrected.status == .created, "\(corrected.text)")
            #expect(try corrected.decode(RegisterEntry.self).kg == 1.6)
            let after = try await client.json(.get, "/api/v1/biowaste/register", token: coordinator.token).decode([RegisterEntry].self)
            #expect(after[0] == register[0])
            #expect(after.count == 4)
            #expect(try await client.json(.get, "/api/v1/biowaste/register", token: otherMember.token).decode([RegisterEntry].self).isEmpty)
            let csv = try await client.json(.get, "/api/v1/biowaste/register?format=csv", token: coordinator.token)
            #expect(csv.text.hasPrefix("entry,date,kind,producer"))
            #expect(csv.text.contains("Épicerie"))

            // Reports agree with the register to the kilogram.
            let report = try await client.json(.get, "/api/v1/biowaste/reports", token: coordinator.token).decode(Report.self)
            let registered = after.filter { $0.kind == "collection" || $0.kind == "correction" }.reduce(0) { $0 + $1.kg }
            #expect(report.collectedKg == 112)
            #expect(abs(report.collectedKg - registered) < 0.0005)
            #expect(report.byPoint.map(\.kg) == [112])
            #expect(report.byDestination.first?.key == compost.id.uuidString)
            #expect(report.refusalRate == 0.5)
            #expect(abs(report.co2eAvoidedKg - 11.2) < 0.001)
            #expect(report.deliveredKg == 109.9)
            let own = try await client.json(.get, "/api/v1/biowaste/reports", token: member.token).decode(Report.self)
            #expect(own.collectedKg == 112)
            let others = try await client.json(.get, "/api/v1/biowaste/reports", token: otherMember.token).decode(Report.self)
            #expect(others.collectedKg == 0)

            // Waste reported late, produced before the collection, went with it; waste produced since waits for the next one.
            test.clock.advance(by: 3600)
            for (reference, producedAt) in [("late", test.clock.now().addingTimeInterval(-7200)), ("fresh", test.clock.now())] {
                try await test.kernel.units.write(by: nil) { tx in
                    try await tx.publish(
                        BiowasteProduced(
                            sourceModule: "foodaid", sourceReference: reference, siteId: shop.id, organisationId: grocery.id, kg: 4,
                            nature: "unfit_food", reason: reference, producedAt: producedAt))
                }
            }
            try await test.kernel.relay.deliverPending()
            struct Note: Decodable { let note: String? }
            try await eventually {
                let waiting = try await client.json(.get, "/api/v1/biowaste/points/\(shop.id)/waiting", token: member.token)
                    .decode([Note].self)
                return waiting.contains { $0.note == "foodaid: fresh" }
            }
            let waitingNow = try await client.json(.get, "/api/v1/biowaste/points/\(shop.id)/waiting", token: member.token)
                .decode([Note].self)
            #expect(!waitingNow.contains { $0.note == "foodaid: late" })
        }
    }
}
