import CollectoKernel
import Foundation

/// The workshop's equipment and its calendar, the cooks' shifts and the
/// closed days: what the scheduler may book.
struct ResourceService: Sendable {
    struct EquipmentInput: Sendable, Codable, StrictBody {
        enum Field: String, CodingKey, CaseIterable { case name, type, capacityKg }
        static let ranges: [FieldRange] = [.kilograms("capacityKg", 0.1...10_000)]
        var name: String
        var type: String
        var capacityKg: Double
    }

    struct UnavailabilityInput: Sendable, Codable, StrictBody {
        enum Field: String, CodingKey, CaseIterable { case day, from, until, reason }
        var day: CalendarDate
        var from: LocalTime?
        var until: LocalTime?
        var reason: String
    }

    struct ShiftInput: Sendable, Codable, StrictBody {
        enum Field: String, CodingKey, CaseIterable { case day, from, until, cooks }
        static let ranges: [FieldRange] = [.integer("cooks", 1...50)]
        var day: CalendarDate
        var from: LocalTime
        var until: LocalTime
        var cooks: Int
    }

    func addEquipment(_ input: EquipmentInput, workshop: UUID, in tx: Transaction) async throws -> Equipment {
        try Validate.nonEmpty(input.name, field: "name", maxLength: 100)
        try Validate.nonEmpty(input.type, field: "type", maxLength: 60)
        try Validate.range(input.capacityKg, 0.1...10_000, field: "capacityKg")
        guard
            try await tx.queryFirst("SELECT id FROM microtransform_equipment WHERE workshop_id = ? AND name = ?", [workshop, input.name])
                == nil
        else { throw KernelError.invalid(field: "name", message: "equipment named \(input.name) already exists") }
        let id = UUID()
        try await tx.execute(
            """
            INSERT INTO microtransform_equipment (id, workshop_id, name, type, capacity_kg, active, created_at)
            VALUES (?, ?, ?, ?, ?, 1, ?)
            """, [id, workshop, input.name, input.type, input.capacityKg, tx.now])
        return try await Self.equipment(workshop: workshop, in: tx).first { $0.id == id }!
    }

    func addUnavailability(_ input: UnavailabilityInput, equipment: UUID, in tx: Transaction) async throws {
        try Validate.nonEmpty(input.reason, field: "reason", maxLength: 300)
        if (input.from == nil) != (input.until == nil) {
            throw KernelError.invalid(field: input.from == nil ? "from" : "until", message: "give both times, or neither for the whole day")
        }
        if let from = input.from, let until = input.until, until <= from {
            throw KernelError.invalid(field: "until", message: "the end comes after the start")
        }
        try await tx.execute(
            "INSERT INTO microtransform_equipment_unavailability (id, equipment_id, day, from_time, until_time, reason) VALUES (?, ?, ?, ?, ?, ?)",
            [UUID(), equipment, input.day, input.from, input.until, input.reason])
    }

    func addShift(_ input: ShiftInput, workshop: UUID, in tx: Transaction) async throws -> StaffShift {
        guard input.until > input.from else { throw KernelError.invalid(field: "until", message: "the shift ends after it starts") }
        try Validate.range(input.cooks, 1...50, field: "cooks")
        let id = UUID()
        try await tx.execute(
            "INSERT INTO microtransform_shifts (id, workshop_id, day, from_time, until_time, cooks) VALUES (?, ?, ?, ?, ?, ?)",
            [id, workshop, input.day, input.from, input.until, input.cooks])
        return StaffShift(id: id, workshopId: workshop, day: input.day, from: input.from, until: input.until, cooks: input.cooks)
    }

    func close(_ day: ClosedDay, workshop: UUID, in tx: Transaction) async throws {
        try Validate.nonEmpty(day.reason, field: "reason", maxLength: 300)
        try await tx.execute("DELETE FROM microtransform_closures WHERE workshop_id = ? AND day = ?", [workshop, day.day])
        try await tx.execute(
            "INSERT INTO microtransform_closures (workshop_id, day, reason) VALUES (?, ?, ?)", [workshop, day.day, day.reason])
    }

    /// Deletes a shift; answers it (nil when there is none).
    func deleteShift(_ id: UUID, in tx: Transaction) async throws -> StaffShift? {
        guard let row = try await tx.queryFirst("SELECT * FROM microtransform_shifts WHERE id = ?", [id]) else { return nil }
        let shift = StaffShift(
            id: id, workshopId: try row.uuid("workshop_id"), day: try row.calendarDate("day"), from: try row.localTime("from_time"),
            until: try row.localTime("until_time"), cooks: try row.int("cooks"))
        try await tx.execute("DELETE FROM microtransform_shifts WHERE id = ?", [id])
        return shift
    }

    /// Opens a closed day again; false when it was not closed.
    func reopen(_ day: CalendarDate, workshop: UUID, in tx: Transaction) async throws -> Bool {
        try await tx.execute("DELETE FROM microtransform_closures WHERE workshop_id = ? AND day = ?", [workshop, day]) > 0
    }

    /// Deletes one unavailable time of a piece of equipment; false when it has no such entry.
    func deleteUnavailability(_ id: UUID, equipment: UUID, in tx: Transaction) async throws -> Bool {
        try await tx.execute(
            "DELETE FROM microtransform_equipment_unavailability WHERE id = ? AND equipment_id = ?", [id, equipment]) > 0
    }

    /// Retires a piece of equipment: the scheduler no longer sees it. Its row stays for the batches that ran on it.
    func retire(_ id: UUID, in tx: Transaction) async throws {
        guard
            let row = try await tx.queryFirst("SELECT active FROM microtransform_equipment WHERE id = ?", [id]),
            try row.bool("active")
        else { throw MicroTransformError.equipmentRetired(equipment: id) }
        try await tx.execute("UPDATE microtransform_equipment SET active = 0 WHERE id = ?", [id])
    }

    /// The workshop a piece of equipment belongs to.
    static func workshop(ofEquipment id: UUID, in db: any SQLExecutor) async throws -> UUID {
        guard let row = try await db.queryFirst("SELECT workshop_id FROM microtransform_equipment WHERE id = ?", [id]) else {
            throw KernelError.notFound(entity: "equipment", id: id.uuidString)
        }
        return try row.uuid("workshop_id")
    }

    static func equipment(workshop: UUID, in db: any SQLExecutor) async throws -> [Equipment] {
        var items: [Equipment] = []
        for row in try await db.query(
            "SELECT * FROM microtransform_equipment WHERE workshop_id = ? AND active = 1 ORDER BY type, name", [workshop])
        {
            let id = try row.uuid("id")
            let gaps = try await db.query(
                "SELECT * FROM microtransform_equipment_unavailability WHERE equipment_id = ? ORDER BY day, from_time", [id]
            ).map {
                SchedulingProblem.Unavailability(
                    id: try $0.uuid("id"), day: try $0.calendarDate("day"), from: try $0.optionalLocalTime("from_time"),
                    until: try $0.optionalLocalTime("until_time"))
            }
            items.append(
                Equipment(
                    id: id, workshopId: workshop, name: try row.string("name"), type: try row.string("type"),
                    capacityKg: try row.double("capacity_kg"), active: true, unavailable: gaps))
        }
        return items
    }

    static func shifts(workshop: UUID, from: CalendarDate, until: CalendarDate, in db: any SQLExecutor) async throws -> [StaffShift] {
        try await db.query(
            "SELECT * FROM microtransform_shifts WHERE workshop_id = ? AND day >= ? AND day <= ? ORDER BY day, from_time",
            [workshop, from, until]
        ).map {
            StaffShift(
                id: try $0.uuid("id"), workshopId: workshop, day: try $0.calendarDate("day"), from: try $0.localTime("from_time"),
                until: try $0.localTime("until_time"), cooks: try $0.int("cooks"))
        }
    }

    static func closures(workshop: UUID, in db: any SQLExecutor) async throws -> [ClosedDay] {
        try await db.query("SELECT * FROM microtransform_closures WHERE workshop_id = ? ORDER BY day", [workshop]).map {
            ClosedDay(day: try $0.calendarDate("day"), reason: try $0.string("reason"))
        }
    }
}
