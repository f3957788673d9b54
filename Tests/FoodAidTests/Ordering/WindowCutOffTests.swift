import CollectoKernel
import CollectoTestSupport
import FoodAid
import Foundation
import HTTPTypes
import HummingbirdTesting
import Testing

/// A window is opened for orders still to come: one whose cut-off has passed,
/// by the server's clock, is refused naming the cut-off.
@Suite struct WindowCutOffTests {
    typealias WindowBody = FoodAidWorld.WindowBody

    @Test func aWindowWhoseCutOffHasPassedIsRefusedNamingTheCutOff() async throws {
        let world = try await FoodAidWorld.make(households: [10])
        try await withAPI(world.test.kernel) { client throws in
            let now = world.test.clock.now()
            func open(cutoff: Date) async throws -> TestResponse {
                try await client.json(
                    .post, "/api/v1/foodaid/windows", token: world.coordinator.token,
                    body: WindowBody(
                        name: "Semaine", warehouseSiteId: world.warehouse.id, opensAt: now.addingTimeInterval(-86_400), cutoffAt: cutoff,
                        deliveryDay: world.today.adding(days: 2), fulfilment: "delivery"))
            }
            let past = try await open(cutoff: now.addingTimeInterval(-60))
            #expect(past.status == .unprocessableContent)
            #expect(past.apiError?.field == "cutoffAt")
            #expect(try await open(cutoff: now).apiError?.field == "cutoffAt")
            #expect(try await open(cutoff: now.addingTimeInterval(60)).status == .created)
            // The server's clock decides, not the machine's: three hours on, a cut-off two hours ahead of the start has passed.
            world.test.clock.advance(by: 3 * 3600)
            let stale = try await open(cutoff: now.addingTimeInterval(2 * 3600))
            #expect(stale.apiError?.field == "cutoffAt", "\(stale.text)")
        }
    }
}
