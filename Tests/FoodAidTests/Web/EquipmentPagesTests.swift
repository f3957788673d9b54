import CollectoKernel
import CollectoTestSupport
import Foundation
import HTTPTypes
import HummingbirdTesting
import Testing

@testable import FoodAid

/// A partner's admin lends a freezer from the equipment page; another partner books it; an overlapping booking is
/// said beside the freezer's form with what was typed kept; the borrower cancels its booking.
@Suite struct EquipmentPagesTests {
    @Test func aFreezerIsLentBookedOnceForASlotAndCancelled() async throws {
        let world = try await FoodAidWorld.make(households: [10, 10])
        let lender = try await world.fixtures.logIn("admin@partner0.test", role: .admin, in: world.partners[0].organisation.id)
        let borrower = world.partners[1].member.token
        try await withAPI(world.test.kernel) { client in
            #expect(
                !(try await client.page("/foodaid/equipment", session: borrower).text.contains("action=\"/foodaid/equipment\"")),
                "a volunteer books; the admins lend")
            let declared = try await client.submit(
                "/foodaid/equipment", session: lender.token, fields: [("name", "Congélateur coffre"), ("kind", "congélateur")],
                idempotency: "lend")
            #expect(declared.location == "/foodaid/equipment?notice=foodaid_equipment_declared")
            let page = try await client.page("/foodaid/equipment", session: borrower)
            #expect(page.text.contains("Congélateur coffre"))
            let book = try #require(
                page.text.range(of: "/foodaid/equipment/[0-9a-f-]{36}/book", options: .regularExpression).map { String(page.text[$0]) })
            let day = world.today.adding(days: 2)
            let booked = try await client.submit(
                book, session: borrower, fields: [("startsAt", "\(day)T09:00"), ("endsAt", "\(day)T17:00")], idempotency: "book")
            #expect(booked.location == "/foodaid/equipment?notice=foodaid_equipment_booked")
            let overlap = try await client.submit(
                book, session: lender.token, fields: [("startsAt", "\(day)T12:00"), ("endsAt", "\(day)T18:00")])
            #expect(overlap.status == .conflict)
            #expect(overlap.text.contains("chevauche"))
            #expect(overlap.text.contains("value=\"\(day)T12:00\""), "what was typed is kept")
            let reader = try await world.fixtures.logIn("lecture@partner1.test", role: .readOnly, in: world.partners[1].organisation.id)
            let readOnly = try await client.page("/foodaid/equipment", session: reader.token)
            #expect(readOnly.text.contains("Congélateur coffre"))
            #expect(!readOnly.text.contains("/book\""), "a read-only member is offered no booking")
            #expect(!readOnly.text.contains("/cancel\""))
            #expect(readOnly.text.contains("pas d’en faire"))
            let wrong = try await client.submit(book, session: borrower, fields: [("startsAt", "demain"), ("endsAt", "")])
            #expect(wrong.status == .unprocessableContent)

            let mine = try await client.page("/foodaid/equipment", session: borrower)
            #expect(mine.text.contains("par vous"))
            let cancel = try #require(
                mine.text.range(of: "/foodaid/equipment/[0-9a-f-]{36}/bookings/[0-9a-f-]{36}/cancel", options: .regularExpression)
                    .map { String(mine.text[$0]) })
            #expect(try await client.submit(cancel, session: borrower, fields: [], idempotency: "cancel").status == .seeOther)
            #expect(try await client.page("/foodaid/equipment", session: borrower).text.contains("Libre"))
            #expect(try await client.page("/foodaid/equipment", session: world.coordinator.token).status == .forbidden)
        }
    }
}
