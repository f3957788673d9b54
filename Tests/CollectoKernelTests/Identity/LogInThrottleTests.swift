import CollectoKernel
import CollectoTestSupport
import Foundation
import HTTPTypes
import Hummingbird
import HummingbirdTesting
import Testing

/// Guessing passwords is slowed down per account and per address, answered
/// 429 with Retry-After without even checking the password, and nobody can
/// lock the coordinator out for longer than the account's short ceiling.
@Suite struct LogInThrottleTests {
    static let forwarded = HTTPField.Name("X-Forwarded-For")!

    func logIn(_ client: some TestClientProtocol, _ email: String, _ password: String, from address: String? = nil) async throws
        -> TestResponse
    {
        var headers: HTTPFields = [.contentType: "application/json"]
        if let address { headers[Self.forwarded] = address }
        return try await client.execute(
            uri: "/api/v1/auth/login", method: .post, headers: headers,
            body: ByteBuffer(string: #"{"email": "\#(email)", "password": "\#(password)"}"#))
    }

    @Test func wrongPasswordsMakeTheAccountWaitLongerAndLongerButNeverMoreThanItsCeiling() async throws {
        // Behind a trusted proxy, each attempt from another address: only the account's own count slows them.
        let test = try await TestKernel.make(configure: { $0.trustedProxies = ["127.0.0.1"] })
        let bank = try await Fixtures(test.kernel).organisation("Banque", .foodBank)
        _ = try await Fixtures(test.kernel).user("coord@bank.test", role: .coordinator, in: bank.id)
        try await withLiveServer(test.kernel) { client in
            var attempt = 0
            func address() -> String {
                attempt += 1
                return "203.0.\(attempt / 200).\(attempt % 200)"
            }
            for _ in 0..<5 {
                #expect(try await logIn(client, "coord@bank.test", "wrong password", from: address()).status == .unauthorized)
            }
            // The sixth wrong one is counted and imposes a wait; during it even the right password is not checked.
            #expect(try await logIn(client, "coord@bank.test", "wrong password", from: address()).status == .unauthorized)
            let waiting = try await logIn(client, "coord@bank.test", Fixtures.password, from: address())
            #expect(waiting.status == .tooManyRequests)
            #expect(waiting.headers[.retryAfter] == "1")
            #expect(waiting.apiError?.code == "too_many_attempts")
            var longest = 0
            for _ in 0..<40 {
                test.clock.advance(by: 31)
                _ = try await logIn(client, "coord@bank.test", "wrong password", from: address())
                let next = try await logIn(client, "coord@bank.test", "wrong password", from: address())
                if let wait = next.headers[.retryAfter].flatMap({ Int($0) }) {
                    longest = max(longest, wait)
                }
            }
            #expect(longest > 1 && longest <= 30, "the account's wait grew to \(longest) s")
            test.clock.advance(by: 31)
            #expect(try await logIn(client, "coord@bank.test", Fixtures.password, from: address()).status == .ok)
        }
    }

    @Test func anAddressTryingManyAccountsWaitsAndOthersBehindTheSameProxyDoNot() async throws {
        let test = try await TestKernel.make(configure: { $0.trustedProxies = ["127.0.0.1"] })
        let bank = try await Fixtures(test.kernel).organisation("Banque", .foodBank)
        _ = try await Fixtures(test.kernel).user("coord@bank.test", role: .coordinator, in: bank.id)
        try await withLiveServer(test.kernel) { client in
            for index in 0..<8 {
                _ = try await logIn(client, "someone\(index)@bank.test", "wrong password", from: "203.0.113.7")
            }
            let attacker = try await logIn(client, "coord@bank.test", Fixtures.password, from: "203.0.113.7")
            #expect(attacker.status == .tooManyRequests)
            let volunteer = try await logIn(client, "coord@bank.test", Fixtures.password, from: "198.51.100.20")
            #expect(volunteer.status == .ok, "\(volunteer.text)")
        }
    }

    @Test func aBurstOfSimultaneousGuessesIsCountedBeforeAnyPasswordIsChecked() async throws {
        let test = try await TestKernel.make()
        let bank = try await Fixtures(test.kernel).organisation("Banque", .foodBank)
        _ = try await Fixtures(test.kernel).user("coord@bank.test", role: .coordinator, in: bank.id)
        // Through the router: the live test client sends its requests one after another on one connection.
        try await withAPI(test.kernel) { client in
            let statuses = try await withThrowingTaskGroup(of: HTTPResponse.Status.self) { group in
                for _ in 0..<20 {
                    group.addTask { try await logIn(client, "coord@bank.test", "wrong password").status }
                }
                return try await group.reduce(into: [HTTPResponse.Status]()) { $0.append($1) }
            }
            // Five free attempts and the sixth, which sets the wait; every other guess is refused unchecked.
            #expect(statuses.filter { $0 == .unauthorized }.count <= 6, "\(statuses)")
            #expect(statuses.filter { $0 == .tooManyRequests }.count >= 14)
        }
    }
}
