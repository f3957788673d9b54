import CollectoKernel
import CollectoTestSupport
import Foundation
import HTTPTypes
import HummingbirdTesting
import Testing

@testable import FoodAid

/// Staff add a product and change one from its page (a limit per order, taken off the partners' catalogue); a bad
/// weight or a code already taken is said beside its field; a partner cannot open the page.
@Suite struct ProductPagesTests {
    @Test func staffAddAndChangeAProductWithErrorsBesideTheirField() async throws {
        let world = try await FoodAidWorld.make(households: [10])
        let staff = world.coordinator.token
        try await withAPI(world.test.kernel) { client in
            func fields(code: String = "DRY-LENTILS", weight: String = "0,5", limit: String = "") -> [(String, String)] {
                [
                    ("code", code), ("name", "Lentilles vertes"), ("category", "dry_grocery"), ("unit", "sachet 500 g"),
                    ("unitWeightKg", weight), ("temperature", "ambient"), ("fundingOrigin", "eu_aid"), ("active", "yes"),
                    ("maxPerOrder", limit),
                ]
            }
            let bad = try await client.submit("/foodaid/products/new", session: staff, fields: fields(weight: "un demi"))
            #expect(bad.status == .unprocessableContent)
            #expect(bad.text.contains("id=\"unitWeightKg-error\""))
            #expect(bad.text.contains("value=\"Lentilles vertes\""), "what was typed is kept")
            let added = try await client.submit("/foodaid/products/new", session: staff, fields: fields(), idempotency: "add")
            #expect(added.location == "/foodaid/catalogue?notice=foodaid_product_added")
            let taken = try await client.submit("/foodaid/products/new", session: staff, fields: fields())
            #expect(taken.text.contains("id=\"code-error\""), "a code already taken")

            let catalogue = try await client.page("/foodaid/catalogue", session: staff)
            let path = try #require(
                catalogue.text.range(of: "/foodaid/products/[0-9a-f-]{36}", options: .regularExpression).map { String(catalogue.text[$0]) })
            #expect(
                try await client.page(path, session: staff).text.contains("value=\"DRY-LENTILS\""), "the only product links to its page")
            var changed = fields(limit: "12")
            changed.removeAll { $0.0 == "active" }
            let edit = path
            let saved = try await client.submit(edit, session: staff, fields: changed, idempotency: "edit")
            #expect(saved.location == "/foodaid/catalogue?notice=foodaid_product_saved")
            let form = try await client.page(edit, session: staff)
            #expect(form.text.contains("value=\"12\""))
            #expect(!form.text.contains("name=\"active\" value=\"yes\" checked"), "taken off the partners' catalogue")
            #expect(try await client.page(edit, session: world.partners[0].member.token).status == .forbidden)
        }
    }
}
