import CollectoKernel
import CollectoTestSupport
import Foundation
import HTTPTypes
import HummingbirdTesting
import Testing

@testable import FoodAid

/// Staff open an ordering window from its form (a cut-off already past is said beside its field, with what was
/// typed kept); partners then find it open on their home page; a partner cannot open one.
@Suite struct WindowPagesTests {
    @Test func staffOpenAWindowThatPartnersThenSee() async throws {
        let world = try await FoodAidWorld.make(households: [10])
        let staff = world.coordinator.token
        try await withAPI(world.test.kernel) { client in
            let zone = world.test.kernel.settings.timeZone
            let now = world.test.clock.now()
            func fields(cutoff: Date) -> [(String, String)] {
                [
                    ("name", "Épicerie de Noël"), ("warehouseSiteId", world.warehouse.id.uuidString.lowercased()),
                    ("opensAt", WebRequest.localField(now, in: zone)), ("cutoffAt", WebRequest.localField(cutoff, in: zone)),
                    ("deliveryDay", "\(world.today.adding(days: 5))"), ("fulfilment", "delivery"), ("maxKg", "2000"), ("maxOrders", ""),
                ]
            }
            #expect(try await client.page("/foodaid/windows/new", session: staff).status == .ok)
            let late = try await client.submit(
                "/foodaid/windows/new", session: staff, fields: fields(cutoff: now.addingTimeInterval(-3600)))
            #expect(late.status == .unprocessableContent)
            #expect(late.text.contains("id=\"cutoffAt-error\""))
            #expect(late.text.contains("value=\"Épicerie de Noël\""), "what was typed is kept")
            let opened = try await client.submit(
                "/foodaid/windows/new", session: staff, fields: fields(cutoff: now.addingTimeInterval(2 * 86_400)), idempotency: "open")
            #expect(opened.location == "/foodaid/windows?notice=foodaid_window_opened")
            #expect(try await client.page("/foodaid/windows", session: staff).text.contains("Épicerie de Noël"))
            #expect(try await client.page("/foodaid/partner", session: world.partners[0].member.token).text.contains("Épicerie de Noël"))
            #expect(try await client.page("/foodaid/windows/new", session: world.partners[0].member.token).status == .forbidden)
        }
    }
}
