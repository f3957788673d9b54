import CollectoKernel
import CollectoTestSupport
import Foundation
import Testing

@Suite struct TransactionTests {
    @Test func aThrowingUnitOfWorkWritesNothingNotEvenItsEventsOrAudit() async throws {
        let test = try await TestKernel.make()
        struct Boom: Error {}
        await #expect(throws: Boom.self) {
            try await test.kernel.units.write(by: nil) { tx in
                _ = try await OrganisationService().create(.init(name: "Half", kind: .donor), in: tx)
                try await tx.publish(
                    TaskStopRecorded(
                        taskId: UUID(), kind: "k", ownerModule: "m", reference: "r", roundId: UUID(), siteId: UUID(), action: .drop,
                        outcome: .done, actualKg: 1, note: nil, recordedAt: tx.now))
                try await tx.audit("create", entity: "x", id: nil, organisation: nil)
                throw Boom()
            }
        }
        let counts = try await test.kernel.units.read { db in
            [
                try await db.scalarInt("SELECT COUNT(*) FROM kernel_organisations"),
                try await db.scalarInt("SELECT COUNT(*) FROM kernel_outbox"),
                try await db.scalarInt("SELECT COUNT(*) FROM kernel_audit_log"),
            ]
        }
        #expect(counts == [0, 0, 0])
    }

    @Test func concurrentWritersAreSerialisedWithoutLosingUpdates() async throws {
        let test = try await TestKernel.make()
        try await test.kernel.database.transaction { db in try await db.execute("CREATE TABLE counter (n INTEGER NOT NULL)") }
        try await test.kernel.database.transaction { db in try await db.execute("INSERT INTO counter (n) VALUES (0)") }
        try await withThrowingTaskGroup(of: Void.self) { group in
            for _ in 0..<40 {
                group.addTask {
                    try await test.kernel.database.transaction { db in
                        let n = try await db.scalarInt("SELECT n FROM counter")
                        try await Task.sleep(for: .milliseconds(1))
                        try await db.execute("UPDATE counter SET n = ?", [n + 1])
                    }
                }
            }
            try await group.waitForAll()
        }
        let n = try await test.kernel.database.read { db in try await db.scalarInt("SELECT n FROM counter") }
        #expect(n == 40)
    }

    @Test func uniqueConstraintsBecomeStorageErrors() async throws {
        let test = try await TestKernel.make()
        await #expect(throws: StorageError.self) {
            try await test.kernel.database.transaction { db in
                try await db.execute(
                    "INSERT INTO kernel_users (id, email, display_name, password_hash, created_at) VALUES ('1', 'a@b.c', 'a', 'h', 'now')")
                try await db.execute(
                    "INSERT INTO kernel_users (id, email, display_name, password_hash, created_at) VALUES ('2', 'a@b.c', 'a', 'h', 'now')")
            }
        }
    }
}
