import CollectoKernel
import Foundation
import Testing

/// One row decoder for every table: properties from snake_case columns, the
/// kernel's value types read as stored, and an unknown stored value refused.
@Suite struct SQLRowDecoderTests {
    enum Status: String, Codable { case open, closed }

    struct Record: Decodable, Equatable {
        var id: UUID
        var name: String
        var onHand: Int
        var weightKg: Double
        var active: Bool
        var status: Status
        var createdAt: Date
        var deliveryDay: CalendarDate
        var note: String?
        var closedAt: Date?
    }

    func row(status: String = "open", note: String? = nil) async throws -> SQLRow {
        let database = try SQLiteDatabase(path: ":memory:")
        return try await database.transaction { db in
            try await db.execute(
                """
                CREATE TABLE things (id TEXT, name TEXT, on_hand INTEGER, weight_kg REAL, active INTEGER, status TEXT,
                    created_at TEXT, delivery_day TEXT, note TEXT, closed_at TEXT)
                """)
            try await db.execute(
                "INSERT INTO things VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, NULL)",
                [
                    UUID(uuidString: "00000000-0000-0000-0000-000000000001")!, "Farine", 12, 7.35, true, status,
                    Date(timeIntervalSince1970: 1_800_000_000), CalendarDate(year: 2026, month: 12, day: 2)!, note,
                ])
            return try #require(try await db.queryFirst("SELECT * FROM things"))
        }
    }

    @Test func aRowDecodesIntoARecordFromItsSnakeCaseColumns() async throws {
        let record = try await row(note: "fragile").decode(Record.self)
        #expect(record.id == UUID(uuidString: "00000000-0000-0000-0000-000000000001"))
        #expect(record.onHand == 12 && record.weightKg == 7.35 && record.active && record.status == .open)
        #expect(record.createdAt == Date(timeIntervalSince1970: 1_800_000_000))
        #expect(record.deliveryDay == CalendarDate(year: 2026, month: 12, day: 2))
        #expect(record.note == "fragile" && record.closedAt == nil)
    }

    @Test func aNullColumnIsAnAbsentOptional() async throws {
        #expect(try await row(note: nil).decode(Record.self).note == nil)
    }

    @Test func aStoredValueThatIsNoCaseOfTheEnumIsRefusedNotDefaulted() async throws {
        let stored = try await row(status: "archived")
        #expect(throws: StorageError.self) { try stored.decode(Record.self) }
    }

    @Test func aMissingColumnIsRefused() async throws {
        struct Wider: Decodable { var id: UUID; var colour: String }
        let stored = try await row()
        #expect(throws: StorageError.self) { try stored.decode(Wider.self) }
    }
}
