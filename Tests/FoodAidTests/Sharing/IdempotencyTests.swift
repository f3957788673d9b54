import CollectoKernel
import CollectoTestSupport
import FoodAid
import Foundation
import HTTPTypes
import Hummingbird
import HummingbirdTesting
import Testing

/// A volunteer's double click or a phone's dropped answer never creates twice:
/// a request sent again with the same Idempotency-Key gets the first answer.
@Suite struct IdempotencyTests {
    static let key = HTTPField.Name("Idempotency-Key")!
    struct Surplus: Decodable { let id: UUID }

    func surplusBody(_ world: FoodAidWorld, quantity: Int) -> String {
        let partner = world.partners[0]
        return """
            {"organisationId": "\(partner.organisation.id)", "siteId": "\(partner.site.id)", "description": "yaourts en trop",
             "quantity": \(quantity), "useBy": "\(world.today.adding(days: 3))"}
            """
    }

    func post(_ client: some TestClientProtocol, _ uri: String, token: String, key: String?, body: String) async throws -> TestResponse {
        var headers: HTTPFields = [.contentType: "application/json", .authorization: "Bearer \(token)"]
        if let key { headers[Self.key] = key }
        return try await client.execute(uri: uri, method: .post, headers: headers, body: ByteBuffer(string: body))
    }

    func surpluses(_ world: FoodAidWorld) async throws -> Int {
        try await world.test.kernel.units.read { db in try await db.scalarInt("SELECT COUNT(*) FROM foodaid_surpluses") }
    }

    @Test func aRequestSentTwiceWithTheSameKeyCreatesOnceAndAnswersTheSame() async throws {
        let world = try await FoodAidWorld.make(households: [10])
        try await withLiveServer(world.test.kernel) { client throws in
            let token = world.partners[0].member.token
            let first = try await post(
                client, "/api/v1/foodaid/surpluses", token: token, key: "k-123", body: surplusBody(world, quantity: 12))
            #expect(first.status == .created, "\(first.text)")
            let again = try await post(
                client, "/api/v1/foodaid/surpluses", token: token, key: "k-123", body: surplusBody(world, quantity: 12))
            #expect(again.status == .created)
            #expect(try again.decode(Surplus.self).id == first.decode(Surplus.self).id)
            #expect(again.headers[HTTPField.Name("Idempotent-Replayed")!] == "true")
            #expect(try await surpluses(world) == 1)

            // The same key for another request is refused; a new key creates anew.
            let other = try await post(
                client, "/api/v1/foodaid/surpluses", token: token, key: "k-123", body: surplusBody(world, quantity: 13))
            #expect(other.status == .conflict)
            #expect(other.apiError?.code == "idempotency_key_reused")
            let fresh = try await post(
                client, "/api/v1/foodaid/surpluses", token: token, key: "k-124", body: surplusBody(world, quantity: 13))
            #expect(fresh.status == .created)
            #expect(try await surpluses(world) == 2)
        }
    }

    /// The server died after the request's commit and before it stored its answer: the retry never runs it again.
    @Test func aRetryAfterTheServerStoppedMidRequestIsToldToCheckAndNeverCreatesTwice() async throws {
        let world = try await FoodAidWorld.make(households: [10])
        try await withLiveServer(world.test.kernel) { client throws in
            let token = world.partners[0].member.token
            let first = try await post(
                client, "/api/v1/foodaid/surpluses", token: token, key: "k-900", body: surplusBody(world, quantity: 12))
            #expect(first.status == .created, "\(first.text)")
            // As a crash leaves it: claimed three minutes ago, no answer stored.
            try await world.test.kernel.units.write(by: nil) { tx in
                try await tx.execute(
                    "UPDATE kernel_idempotency_keys SET status = NULL, body = NULL, completed_at = NULL, created_at = ? WHERE key = ?",
                    [tx.now.addingTimeInterval(-180), "k-900"])
            }
            let retry = try await post(
                client, "/api/v1/foodaid/surpluses", token: token, key: "k-900", body: surplusBody(world, quantity: 12))
            #expect(retry.status == .conflict)
            #expect(retry.apiError?.code == "request_interrupted", "\(retry.text)")
            #expect(try await surpluses(world) == 1)
        }
    }

    @Test func aRefusalIsRememberedTooAndKeysBelongToTheirCaller() async throws {
        let world = try await FoodAidWorld.make(households: [10, 10])
        try await withLiveServer(world.test.kernel) { client throws in
            let token = world.partners[0].member.token
            let refused = try await post(
                client, "/api/v1/foodaid/surpluses", token: token, key: "k-1", body: surplusBody(world, quantity: 0))
            #expect(refused.status == .unprocessableContent)
            let replay = try await post(
                client, "/api/v1/foodaid/surpluses", token: token, key: "k-1", body: surplusBody(world, quantity: 0))
            #expect(replay.status == .unprocessableContent)
            #expect(replay.apiError?.field == "quantity")
            // Another partner's volunteer using the same key string does not get the first one's answer.
            let second = world.partners[1]
            let body = """
                {"organisationId": "\(second.organisation.id)", "siteId": "\(second.site.id)", "description": "pain",
                 "quantity": 5, "useBy": "\(world.today.adding(days: 1))"}
                """
            let theirs = try await post(client, "/api/v1/foodaid/surpluses", token: second.member.token, key: "k-1", body: body)
            #expect(theirs.status == .created, "\(theirs.text)")
            let bad = try await post(client, "/api/v1/foodaid/surpluses", token: token, key: String(repeating: "x", count: 201), body: body)
            #expect(bad.apiError?.field == "Idempotency-Key")
        }
    }

    @Test func twoRequestsWithOneKeyArrivingTogetherCreateOnce() async throws {
        let world = try await FoodAidWorld.make(households: [10])
        try await withLiveServer(world.test.kernel) { client throws in
            let token = world.partners[0].member.token
            let body = surplusBody(world, quantity: 7)
            let statuses = try await withThrowingTaskGroup(of: HTTPResponse.Status.self) { group in
                for _ in 0..<6 {
                    group.addTask {
                        try await post(client, "/api/v1/foodaid/surpluses", token: token, key: "double-click", body: body).status
                    }
                }
                return try await group.reduce(into: [HTTPResponse.Status]()) { $0.append($1) }
            }
            #expect(statuses.allSatisfy { $0 == .created || $0 == .conflict }, "\(statuses)")
            #expect(statuses.contains(.created))
            #expect(try await surpluses(world) == 1)
        }
    }

    @Test func aSubmitSentAgainWithoutAKeyReturnsTheSubmittedOrder() async throws {
        let world = try await FoodAidWorld.make(households: [10])
        try await withLiveServer(world.test.kernel) { client throws in
            let rice = try await world.product(client, .init(code: "RIZ", name: "Riz", category: "dry_grocery", unitWeightKg: 1))
            _ = try await world.receive(client, rice, 10, bestBefore: world.today.adding(days: 100))
            let window = try await world.window(client)
            let partner = world.partners[0]
            let order = try await client.json(
                .put, "/api/v1/foodaid/windows/\(window.id)/order", token: partner.member.token,
                body: FoodAidWorld.DraftBody(organisationId: partner.organisation.id, lines: [.init(productId: rice.id, quantity: 2)])
            ).decode(FoodAidWorld.OrderView.self)
            for _ in 0..<2 {
                let submitted = try await client.json(.post, "/api/v1/foodaid/orders/\(order.id)/submit", token: partner.member.token)
                #expect(submitted.status == .ok, "\(submitted.text)")
                #expect(try submitted.decode(FoodAidWorld.OrderView.self).status == "submitted")
            }
        }
    }
}
