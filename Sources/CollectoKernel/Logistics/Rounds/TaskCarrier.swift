import Foundation

/// Who carries a task: the organisation whose round it is on, the vehicle and
/// the driver. Modules that must record the carrier (the biowaste register)
/// ask the kernel, never the kernel's tables.
public struct TaskCarrier: Sendable, Hashable, Codable {
    public var organisationId: UUID
    public var vehicleId: UUID?
    public var driverUserId: UUID?

    public init(organisationId: UUID, vehicleId: UUID?, driverUserId: UUID?) {
        self.organisationId = organisationId
        self.vehicleId = vehicleId
        self.driverUserId = driverUserId
    }

    /// The carrier of the latest round (not cancelled) that carries the task, if any.
    public static func of(task: UUID, in db: any SQLExecutor) async throws -> TaskCarrier? {
        guard
            let row = try await db.queryFirst(
                """
                SELECT r.organisation_id, r.vehicle_id, r.driver_user_id FROM kernel_stop_actions a
                JOIN kernel_round_stops s ON s.id = a.stop_id JOIN kernel_rounds r ON r.id = s.round_id
                WHERE a.task_id = ? AND r.status <> 'cancelled' ORDER BY r.created_at DESC LIMIT 1
                """, [task])
        else { return nil }
        return TaskCarrier(
            organisationId: try row.uuid("organisation_id"), vehicleId: try row.optionalUUID("vehicle_id"),
            driverUserId: try row.optionalUUID("driver_user_id"))
    }
}
