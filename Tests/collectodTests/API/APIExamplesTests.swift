import CollectoKernel
import CollectoTestSupport
import Foundation
import HTTPTypes
import HummingbirdTesting
import NIOCore
import Testing

@testable import collectod

/// The examples the API description shows are bodies their routes read.
@Suite struct APIExamplesTests {
    @Test func everyDocumentedExampleDecodesIntoItsBodyType() async throws {
        let test = try await TestKernel.make(modules: InstalledModules.all)
        let (_, operations) = APIRouterBuilder(kernel: test.kernel).build()
        let ids = ExampleIDs.placeholders(now: test.clock.now(), timeZone: test.kernel.settings.timeZone)
        let exampled = operations.compactMap { operation in operation.bodyExample.map { (operation, $0) } }
        // An example per JSON body; the password reset's needs a one-time token no description can hold.
        let without = operations.filter { $0.bodyShape != nil && $0.bodyExample == nil }.map { "\($0.method) \($0.path)" }
        #expect(without == ["POST /api/v1/auth/password-reset"])
        for (operation, example) in exampled {
            #expect(throws: Never.self, "\(operation.method) \(operation.path)") { try example.check(try example.make(ids)) }
        }
    }

    @Test func theFoodBanksStaffSeeExamplesWithTheDeploymentsIdsAndOthersPlaceholders() async throws {
        let test = try await TestKernel.make(modules: InstalledModules.all)
        let fixtures = Fixtures(test.kernel)
        let bank = try await fixtures.organisation("Banque", .foodBank)
        let coordinator = try await fixtures.logIn("coord@bank.test", role: .coordinator, in: bank.id)
        let partner = try await fixtures.organisation("Épicerie", .partnerAssociation)
        let member = try await fixtures.logIn("membre@epicerie.test", role: .member, in: partner.id)
        try await withAPI(test.kernel) { client throws in
            func vehicleOwner(token: String?) async throws -> String? {
                let response = try await client.json(.get, "/api/v1/openapi.json", token: token)
                let document = try #require(try JSONSerialization.jsonObject(with: Data(response.body.readableBytesView)) as? [String: Any])
                let paths = try #require(document["paths"] as? [String: [String: [String: Any]]])
                let vehicles = try #require(paths["/api/v1/vehicles"]?["post"]?["requestBody"] as? [String: Any])
                let media = try #require((vehicles["content"] as? [String: [String: Any]])?["application/json"])
                return (media["example"] as? [String: Any])?["ownerOrganisationId"] as? String
            }
            #expect(try await vehicleOwner(token: coordinator.token) == bank.id.uuidString.lowercased())
            // Nobody else learns the network's ids from the description.
            let placeholder = "00000000-0000-4000-8000-000000000000"
            #expect(try await vehicleOwner(token: nil) == placeholder)
            #expect(try await vehicleOwner(token: member.token) == placeholder)
        }
    }
}
