import CollectoKernel
import Foundation

/// A piece of workshop equipment (kettle, blender, autoclave, preparation
/// table, cold room): one batch step at a time, up to its capacity.
public struct Equipment: Sendable, Codable, Hashable {
    public var id: UUID
    public var workshopId: UUID
    public var name: String
    public var type: String
    public var capacityKg: Double
    public var active: Bool
    /// Times it cannot be used (maintenance, cleaning).
    public var unavailable: [SchedulingProblem.Unavailability]
}

/// Cooks on duty at the workshop for part of a day.
public struct StaffShift: Sendable, Codable, Hashable {
    public var id: UUID
    public var workshopId: UUID
    public var day: CalendarDate
    public var from: LocalTime
    public var until: LocalTime
    public var cooks: Int
}

/// A day the workshop does not work (bank holiday, closure).
public struct ClosedDay: Sendable, Codable, Hashable {
    public var day: CalendarDate
    public var reason: String
}
