import CollectoKernel
import CollectoTestSupport
import Foundation
import Testing

@Suite struct MigratorTests {
    @Test func migratesAnEmptyDatabaseThenHasNothingLeftToDo() async throws {
        let database = try await TestDatabase.fresh().open()
        let migrator = Migrator(database: database)
        let first = try await migrator.migrate([
            .init(owner: "demo", migrations: [Migration("001", ["CREATE TABLE demo_things (id AUTO_ID, name TEXT NOT NULL)"])])
        ])
        #expect(first.applied == ["demo/001"])
        let again = try await migrator.migrate([
            .init(owner: "demo", migrations: [Migration("001", ["CREATE TABLE demo_things (id AUTO_ID, name TEXT NOT NULL)"])])
        ])
        #expect(again.applied.isEmpty)
        let id = try await database.transaction { db in
            try await db.execute("INSERT INTO demo_things (name) VALUES (?)", ["a"])
            return try await db.scalarInt("SELECT MAX(id) FROM demo_things")
        }
        #expect(id == 1)
    }

    @Test func refusesAMigrationChangedAfterItRan() async throws {
        let database = try await TestDatabase.fresh().open()
        let migrator = Migrator(database: database)
        try await migrator.migrate([.init(owner: "demo", migrations: [Migration("001", ["CREATE TABLE demo_a (id TEXT)"])])])
        await #expect(throws: StorageError.self) {
            try await migrator.migrate([.init(owner: "demo", migrations: [Migration("001", ["CREATE TABLE demo_a (id TEXT, x TEXT)"])])])
        }
    }

    @Test func refusesADatabaseThatKnowsMigrationsThisBuildDoesNot() async throws {
        let database = try await TestDatabase.fresh().open()
        let migrator = Migrator(database: database)
        try await migrator.migrate([
            .init(
                owner: "demo",
                migrations: [Migration("001", ["CREATE TABLE demo_a (id TEXT)"]), Migration("002", ["CREATE TABLE demo_b (id TEXT)"])])
        ])
        await #expect(throws: StorageError.self) {
            try await migrator.migrate([.init(owner: "demo", migrations: [Migration("001", ["CREATE TABLE demo_a (id TEXT)"])])])
        }
    }

    @Test func aFailingMigrationLeavesNothingOfItsGroup() async throws {
        let database = try await TestDatabase.fresh().open()
        let migrator = Migrator(database: database)
        await #expect(throws: (any Error).self) {
            try await migrator.migrate([
                .init(
                    owner: "demo",
                    migrations: [Migration("001", ["CREATE TABLE demo_a (id TEXT)"]), Migration("002", ["CREATE TABLE broken ("])])
            ])
        }
        let tables = try await database.read { db in
            try await TestDatabase.tableCount(prefix: "demo_a", in: db)
        }
        #expect(tables == 0)
    }

    @Test(.enabled(if: TestDatabase.engine == .sqlite)) func theSQLiteFileUsesWALMode() async throws {
        let test = try await TestKernel.make()
        let mode = try await test.kernel.database.read { db in try await db.queryFirst("PRAGMA journal_mode") }
        #expect(try mode?.string("journal_mode") == "wal")
    }
}
