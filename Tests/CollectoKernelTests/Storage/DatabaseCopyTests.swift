import CollectoKernel
import CollectoTestSupport
import Foundation
import Testing

/// Moving a deployment from its SQLite file to PostgreSQL.
@Suite(.enabled(if: TestDatabase.engine == .postgres, "needs the PostgreSQL engine"))
struct DatabaseCopyTests {
    @Test func everyTableIsCopiedAndTheOutboxCarriesOn() async throws {
        let sqlite = TestDatabase(dialect: .sqlite, location: TestKernel.temporaryDatabasePath())
        let source = try await TestKernel.make(modules: [ProbeModule()], database: sqlite)
        let fixtures = Fixtures(source.kernel)
        let bank = try await fixtures.organisation("Banque", .foodBank)
        let warehouse = try await fixtures.site(of: bank.id)
        _ = try await fixtures.vehicle(of: bank.id, sharedWith: [])
        _ = try await fixtures.logIn("coord@bank.test", role: .coordinator, in: bank.id)
        _ = try await fixtures.task(for: bank.id, from: warehouse.id, to: nil)
        for text in ["one", "two"] {
            try await source.kernel.units.write(by: nil) { tx in try await tx.publish(ProbeModule.NoteWritten(text: text)) }
        }
        let destination = try await TestKernel.make(modules: [ProbeModule()])
        let report = try await DatabaseCopy(from: source.kernel.database, to: destination.kernel.database).run()
        #expect(report.isComplete)
        #expect(report.tables.first { $0.name == "kernel_organisations" }?.destination == 1)
        #expect(report.tables.first { $0.name == "kernel_outbox" }?.destination == 2)
        #expect(report.tables.contains { $0.name == "probe_notes" })
        // The copied user logs in on the new engine, and new events get ids after the copied ones.
        _ = try await destination.kernel.identity.logIn(email: "coord@bank.test", password: Fixtures.password)
        try await destination.kernel.units.write(by: nil) { tx in try await tx.publish(ProbeModule.NoteWritten(text: "three")) }
        let ids = try await destination.kernel.units.read { db in
            try await db.query("SELECT id FROM kernel_outbox ORDER BY id").map { try $0.int("id") }
        }
        #expect(ids.count == 3)
        #expect(Set(ids).count == 3)
        // A second copy into a database that now holds data is refused.
        await #expect(throws: DatabaseCopy.Failure.self) {
            try await DatabaseCopy(from: source.kernel.database, to: destination.kernel.database).run()
        }
    }
}
