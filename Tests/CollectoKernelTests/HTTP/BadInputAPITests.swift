import CollectoKernel
import CollectoTestSupport
import Foundation
import Hummingbird
import HummingbirdTesting
import Testing

/// Bad input gets a 400 or 422 naming the field, never a 500, and writes nothing.
@Suite struct BadInputAPITests {
    struct Case: Sendable, CustomStringConvertible {
        let body: String
        let status: Int
        let field: String?
        var description: String { body }
    }

    static let siteCases: [Case] = [
        Case(body: "{\"name\": ", status: 400, field: nil),
        Case(body: "[]", status: 422, field: "body"),
        Case(body: #"{"name": "x", "address": "y", "latitude": 48, "longitude": -1}"#, status: 422, field: "organisationId"),
        Case(
            body: #"{"organisationId": "ORG", "name": "x", "address": "y", "latitude": 91, "longitude": -1}"#, status: 422,
            field: "latitude"),
        Case(
            body: #"{"organisationId": "ORG", "name": "x", "address": "y", "latitude": "north", "longitude": -1}"#, status: 422,
            field: "latitude"),
        Case(body: #"{"organisationId": "ORG", "name": " ", "address": "y", "latitude": 48, "longitude": -1}"#, status: 422, field: "name"),
        Case(
            body: #"{"organisationId": "ORG", "name": "x", "address": "y", "latitude": 48, "longitude": -1, "colour": "red"}"#, status: 422,
            field: "colour"),
        Case(
            body: #"{"organisationId": "ORG", "name": "x", "address": "y", "latitude": 48, "longitude": -1, "serviceMinutes": -5}"#,
            status: 422, field: "serviceMinutes"),
        Case(
            body: #"{"organisationId": "ORG", "name": "x", "address": "y", "latitude": 48, "longitude": -1, "storageClasses": ["warm"]}"#,
            status: 422, field: "storageClasses[0]"),
        Case(
            body:
                #"{"organisationId": "ORG", "name": "x", "address": "y", "latitude": 48, "longitude": -1, "openingHours": {"monday": [{"from": "18:00", "until": "08:00"}]}}"#,
            status: 422, field: "openingHours.monday"),
        Case(
            body: #"{"organisationId": "not-a-uuid", "name": "x", "address": "y", "latitude": 48, "longitude": -1}"#, status: 422,
            field: "organisationId"),
    ]

    @Test(arguments: siteCases)
    func badSiteBodiesAreRefusedWithTheField(_ example: Case) async throws {
        let world = try await APIWorld.make()
        try await withAPI(world.test.kernel) { client throws in
            let body = example.body.replacingOccurrences(of: "ORG", with: world.partnerA.id.uuidString)
            let response = try await client.json(.post, "/api/v1/sites", token: world.coordinator.token, raw: body)
            #expect(Int(response.status.code) == example.status)
            #expect(response.apiError?.field == example.field)
            let count = try await world.test.kernel.units.read { db in try await db.scalarInt("SELECT COUNT(*) FROM kernel_sites") }
            #expect(count == 3)
        }
    }

    @Test func badPathAndQueryParametersAreNamed() async throws {
        let world = try await APIWorld.make()
        try await withAPI(world.test.kernel) { client throws in
            let path = try await client.json(.get, "/api/v1/sites/42", token: world.coordinator.token)
            #expect(path.status == .unprocessableContent)
            #expect(path.apiError?.field == "id")
            let query = try await client.json(.get, "/api/v1/rounds?day=tomorrow", token: world.coordinator.token)
            #expect(query.status == .unprocessableContent)
            #expect(query.apiError?.field == "day")
            // A declared parameter given twice is refused, not read once and the other copy ignored.
            let twice = try await client.json(.get, "/api/v1/rounds?day=2026-12-03&day=2026-12-04", token: world.coordinator.token)
            #expect(twice.status == .unprocessableContent)
            #expect(twice.apiError?.field == "day")
            #expect(twice.apiError?.message == "query parameter day is given 2 times: give it once")
            let missing = try await client.json(.get, "/api/v1/nothing-here", token: world.coordinator.token)
            #expect(missing.status == .notFound)
            #expect(missing.apiError?.code == "not_found")
        }
    }

    @Test func anUnknownValueIsRefusedWithTheValuesThatAreAccepted() async throws {
        let world = try await APIWorld.make()
        try await withAPI(world.test.kernel) { client throws in
            let body =
                #"{"organisationId": "ORG", "name": "x", "address": "y", "latitude": 48, "longitude": -1, "storageClasses": ["warm"]}"#
            let response = try await client.json(
                .post, "/api/v1/sites", token: world.coordinator.token,
                raw: body.replacingOccurrences(of: "ORG", with: world.partnerA.id.uuidString))
            #expect(response.apiError?.field == "storageClasses[0]")
            #expect(response.apiError?.message == "storageClasses[0]: warm is not one of ambient, chilled, frozen")
        }
    }

    @Test func anEmptyBodyIsMalformed() async throws {
        let world = try await APIWorld.make()
        try await withAPI(world.test.kernel) { client throws in
            let response = try await client.execute(
                uri: "/api/v1/rounds", method: .post, headers: [.authorization: "Bearer \(world.coordinator.token)"])
            #expect(response.status == .badRequest)
            #expect(response.apiError?.code == "malformed_json")
        }
    }
}

@Suite struct PagingAPITests {
    @Test func listsArePagedInAStableOrderAndBadPagesAreRefused() async throws {
        let world = try await APIWorld.make()
        for index in 0..<5 { _ = try await world.fixtures.organisation("Donateur \(index)", .donor) }
        try await withAPI(world.test.kernel) { client throws in
            let all = try await client.json(.get, "/api/v1/organisations", token: world.coordinator.token).decode([Organisation].self)
            #expect(all.count == 8)
            let first = try await client.json(.get, "/api/v1/organisations?limit=3", token: world.coordinator.token).decode(
                [Organisation].self)
            let second = try await client.json(.get, "/api/v1/organisations?limit=3&offset=3", token: world.coordinator.token).decode(
                [Organisation].self)
            #expect(first.map(\.id) == Array(all.prefix(3)).map(\.id))
            #expect(second.map(\.id) == Array(all.dropFirst(3).prefix(3)).map(\.id))
            #expect(
                try await client.json(.get, "/api/v1/organisations?offset=100", token: world.coordinator.token).decode([Organisation].self)
                    .isEmpty)
            #expect(try await client.json(.get, "/api/v1/organisations?limit=0", token: world.coordinator.token).apiError?.field == "limit")
            #expect(try await client.json(.get, "/api/v1/sites?offset=-1", token: world.coordinator.token).apiError?.field == "offset")
        }
    }
}
