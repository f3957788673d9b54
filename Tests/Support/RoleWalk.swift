import CollectoKernel
import Foundation
import HTTPTypes
import HummingbirdTesting
import Testing

/// Walks operations as every role of several organisations through the real
/// server, checking each answer against what the declared permissions say:
/// a given refusal status, or no refusal (neither 403 nor 404) and never a 5xx.
public struct RoleWalk: Sendable {
    /// One user of the walk: a role in one organisation, logged in.
    public struct Walker: Sendable, CustomStringConvertible {
        public let role: Role
        public let place: String
        public let token: String
        /// The caller the server sees, for computing what the permissions say.
        public let caller: Caller
        public var description: String { "\(role.rawValue) of \(place)" }
    }

    /// One request of the walk.
    public struct Step: Sendable {
        public let method: HTTPRequest.Method
        public let path: String
        public let body: String?

        public init(_ method: HTTPRequest.Method, _ path: String, body: String? = nil) {
            self.method = method
            self.path = path
            self.body = body
        }
    }

    public let walkers: [Walker]

    /// A user of every role in each named organisation.
    public init(_ fixtures: Fixtures, places: [(name: String, organisation: Organisation)]) async throws {
        var walkers: [Walker] = []
        for (place, organisation) in places {
            for role in Role.allCases {
                let login = try await fixtures.logIn("\(role.rawValue)@\(place.filter(\.isLetter)).test", role: role, in: organisation.id)
                let caller = Caller(
                    userID: login.user.id, email: login.user.email, roles: [organisation.id: role],
                    operatorOrganisations: organisation.kind == .foodBank ? [organisation.id] : [],
                    organisationKinds: [organisation.id: organisation.kind])
                walkers.append(Walker(role: role, place: place, token: login.token, caller: caller))
            }
        }
        self.walkers = walkers
    }

    /// Sends every step as every walker; `refusal` says which status the permissions give (nil: not refused).
    public func walk(
        _ steps: [Step], on client: some TestClientProtocol, refusal: (Int, Caller) -> HTTPResponse.Status?,
        sourceLocation: SourceLocation = #_sourceLocation
    ) async throws {
        for (index, step) in steps.enumerated() {
            for walker in walkers {
                let who = "\(step.method) \(step.path) as \(walker)"
                let response = try await client.json(step.method, step.path, token: walker.token, raw: step.body)
                #expect(response.status.code < 500, "\(who): \(response.text)", sourceLocation: sourceLocation)
                if let expected = refusal(index, walker.caller) {
                    #expect(response.status == expected, "\(who): \(response.status) \(response.text)", sourceLocation: sourceLocation)
                } else {
                    #expect(
                        ![.forbidden, .notFound].contains(response.status), "\(who) is refused: \(response.text)",
                        sourceLocation: sourceLocation)
                }
            }
        }
    }
}
