import CollectoKernel
import CollectoTestSupport
import Foundation
import Hummingbird
import HummingbirdTesting
import Testing

@Suite struct AuditAndOpenAPITests {
    @Test func writesThroughTheAPIAreAudited() async throws {
        let world = try await APIWorld.make()
        try await withAPI(world.test.kernel) { client throws in
            let site = SiteService.Input(organisationId: world.partnerA.id, name: "Annexe", address: "x", latitude: 48, longitude: -1)
            let created = try await client.json(.post, "/api/v1/sites", token: world.adminA.token, body: site).decode(Site.self)
            struct Note: Encodable { let text: String }
            #expect(
                try await client.json(.post, "/api/v1/probe/notes", token: world.adminA.token, body: Note(text: "hello")).status == .created
            )
            struct Entry: Decodable {
                let userId: UUID?; let organisationId: UUID?; let action: String; let entity: String; let entityId: String?
            }
            let log = try await client.json(.get, "/api/v1/audit?organisationId=\(world.partnerA.id)", token: world.adminA.token).decode(
                [Entry].self)
            #expect(log.map(\.entity) == ["probe.note", "site"])
            #expect(log.last?.userId == world.adminA.user.id)
            #expect(log.last?.entityId == created.id.uuidString.lowercased())
            #expect(log.allSatisfy { $0.organisationId == world.partnerA.id })
            // Another organisation's member cannot read it.
            #expect(
                try await client.json(.get, "/api/v1/audit?organisationId=\(world.partnerA.id)", token: world.memberB.token).status
                    == .forbidden)
        }
    }

    @Test func aWriteThatViolatesAConstraintIs409AndLeavesNothingWritten() async throws {
        let world = try await APIWorld.make()
        try await withAPI(world.test.kernel) { client throws in
            struct Note: Encodable { let text: String }
            let id = UUID()
            let first = try await client.json(.put, "/api/v1/probe/notes/\(id)", token: world.adminA.token, body: Note(text: "une"))
            #expect(first.status == .ok, "\(first.text)")
            let second = try await client.json(.put, "/api/v1/probe/notes/\(id)", token: world.adminA.token, body: Note(text: "deux"))
            #expect(second.status == .conflict, "\(second.text)")
            #expect(second.apiError?.code == "constraint_violation")
            let written = try await world.test.kernel.units.read { db in
                (
                    try await db.scalarInt("SELECT COUNT(*) FROM probe_notes"),
                    try await db.scalarInt("SELECT COUNT(*) FROM kernel_outbox WHERE event_type = 'probe.note_written'"),
                    try await db.scalarInt("SELECT COUNT(*) FROM kernel_audit_log WHERE entity = 'probe.note'")
                )
            }
            #expect(written.0 == 1 && written.1 == 1 && written.2 == 1, "\(written)")
        }
    }

    @Test func theOpenAPIDocumentListsExactlyTheMountedRoutes() async throws {
        let world = try await APIWorld.make()
        let (router, _) = APIRouterBuilder(kernel: world.test.kernel).build()
        // The API's routes: the pages (the log-in at /, the account, the assets) are HTML, described by no API document.
        let mounted = Set(
            router.routes.map { "\($0.method.rawValue) \($0.path.description.hasPrefix("/") ? "" : "/")\($0.path)" }
                .filter { $0.contains(" /api/") || $0.hasSuffix(" /healthz") || $0.hasSuffix(" /metrics") })
        try await withAPI(world.test.kernel) { client throws in
            let response = try await client.json(.get, "/api/v1/openapi.json")
            #expect(response.status == .ok)
            let document = try #require(try JSONSerialization.jsonObject(with: Data(response.body.readableBytesView)) as? [String: Any])
            #expect(document["openapi"] as? String == "3.1.0")
            let paths = try #require(document["paths"] as? [String: [String: Any]])
            var described: Set<String> = []
            for (path, operations) in paths {
                for method in operations.keys { described.insert("\(method.uppercased()) \(path)") }
            }
            #expect(described == mounted)
            #expect(described.contains("POST /api/v1/probe/notes"))
            #expect(described.contains("POST /api/v1/rounds/{id}/stops/{sequence}/complete"))
        }
    }

    @Test func aDisabledModuleHasNoRoutes() async throws {
        let test = try await TestKernel.make(modules: [ProbeModule()], enabled: [])
        let fixtures = Fixtures(test.kernel)
        let bank = try await fixtures.organisation("Banque", .foodBank)
        let admin = try await fixtures.logIn("admin@bank.test", role: .admin, in: bank.id)
        try await withAPI(test.kernel) { client throws in
            #expect(try await client.json(.get, "/api/v1/probe/ping", token: admin.token).status == .notFound)
            let modules = try await client.json(.get, "/api/v1/modules", token: admin.token).text
            #expect(modules.contains("\"enabled\":false"))
        }
    }
}
