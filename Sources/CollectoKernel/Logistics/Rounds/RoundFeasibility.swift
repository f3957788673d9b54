import Foundation

/// Checks a round against the rules of the road: capacity along the stop order,
/// the cold chain, food never with biowaste, time windows and opening hours
/// reachable at a straight-line average speed, and the vehicle's availability.
///
/// It is pure: it reads nothing and returns every rule broken, so the caller
/// can report them all at once.
public struct RoundFeasibility: Sendable {
    /// A stop with the sites and tasks resolved.
    public struct Stop: Sendable {
        public var site: Site
        public var pickups: [LogisticsTask]
        public var drops: [LogisticsTask]
        public init(site: Site, pickups: [LogisticsTask], drops: [LogisticsTask]) {
            self.site = site
            self.pickups = pickups
            self.drops = drops
        }
    }

    /// What the check found.
    public struct Outcome: Sendable {
        public var violations: [RoundViolation]
        /// When service starts at each stop.
        public var arrivals: [Date]
        /// When the round leaves, and when service at its last stop ends.
        public var start: Date
        public var end: Date
        public var isFeasible: Bool { violations.isEmpty }
    }

    public let timeZone: TimeZone
    public let averageSpeedKmh: Double

    public init(timeZone: TimeZone, averageSpeedKmh: Double) {
        self.timeZone = timeZone
        self.averageSpeedKmh = averageSpeedKmh
    }

    public func check(vehicle: Vehicle, day: CalendarDate, start: LocalTime, stops: [Stop]) -> Outcome {
        var violations: [RoundViolation] = []
        if !vehicle.isAvailable(on: day) {
            violations.append(.vehicleUnavailable(day: day))
        }
        let allTasks = stops.flatMap { $0.pickups + $0.drops }
        var seen: Set<UUID> = []
        for task in allTasks where seen.insert(task.id).inserted {
            if task.temperature.needsRefrigeration && !vehicle.refrigerated {
                violations.append(.coldChain(task: task.id, temperature: task.temperature))
            }
        }
        // Tasks with a drop but no pickup are on board when the round leaves.
        var onBoard: [UUID: LogisticsTask] = [:]
        for task in allTasks where task.pickup == nil { onBoard[task.id] = task }
        violations += loadViolations(onBoard: onBoard, vehicle: vehicle, afterStop: 0)

        let departure = day.instant(at: start, in: timeZone)
        var clock = departure
        var previous: Site?
        var arrivals: [Date] = []
        for (index, stop) in stops.enumerated() {
            let number = index + 1
            if let previous {
                clock += previous.distanceKm(to: stop.site) / averageSpeedKmh * 3600
            }
            let windows =
                stop.drops.compactMap { task in task.drop?.window.map { (task.id, $0) } }
                + stop.pickups.compactMap { task in task.pickup?.window.map { (task.id, $0) } }
            var serviceStart = windows.map(\.1.from).reduce(clock, max)
            switch openingStart(at: stop.site, notBefore: serviceStart) {
            case .some(let opening): serviceStart = opening
            case .none: violations.append(.siteClosed(stop: number, site: stop.site.id, at: serviceStart))
            }
            for (task, window) in windows where serviceStart > window.until {
                violations.append(.timeWindowMissed(stop: number, task: task, arrival: serviceStart, windowEnd: window.until))
            }
            for task in stop.pickups {
                if let latest = task.latestPickupAt, serviceStart > latest {
                    violations.append(.collectedTooLate(stop: number, task: task.id, arrival: serviceStart, latest: latest))
                }
            }
            arrivals.append(serviceStart)
            clock = serviceStart + Double(stop.site.serviceMinutes) * 60
            previous = stop.site

            for task in stop.drops {
                if onBoard.removeValue(forKey: task.id) == nil {
                    violations.append(.droppedBeforePickup(stop: number, task: task.id))
                }
            }
            for task in stop.pickups { onBoard[task.id] = task }
            violations += loadViolations(onBoard: onBoard, vehicle: vehicle, afterStop: number)
        }
        return Outcome(violations: violations, arrivals: arrivals, start: departure, end: clock)
    }

    private func loadViolations(onBoard: [UUID: LogisticsTask], vehicle: Vehicle, afterStop stop: Int) -> [RoundViolation] {
        var violations: [RoundViolation] = []
        let kg = onBoard.values.reduce(0) { $0 + $1.kg }
        let litres = onBoard.values.reduce(0) { $0 + $1.litres }
        if kg > vehicle.capacityKg + 1e-9 {
            violations.append(.overCapacity(afterStop: stop, unit: "kg", load: kg, capacity: vehicle.capacityKg))
        }
        if litres > vehicle.capacityLitres + 1e-9 {
            violations.append(.overCapacity(afterStop: stop, unit: "litres", load: litres, capacity: vehicle.capacityLitres))
        }
        if onBoard.values.contains(where: \.isFood) && onBoard.values.contains(where: { !$0.isFood }) {
            violations.append(.foodWithWaste(afterStop: stop))
        }
        return violations
    }

    /// The first instant at or after `instant` at which the site is open on that
    /// local day; nil if it does not open again that day.
    func openingStart(at site: Site, notBefore instant: Date) -> Date? {
        if site.openingHours.isUnrestricted { return instant }
        let day = CalendarDate(instant, in: timeZone)
        for range in site.openingHours.ranges(on: day.weekday) {
            let opens = day.instant(at: range.from, in: timeZone)
            let closes = day.instant(at: range.until, in: timeZone)
            if instant < closes { return max(instant, opens) }
        }
        return nil
    }
}

/// One rule a round breaks, stated so a coordinator can fix it.
public enum RoundViolation: Sendable, Hashable, CustomStringConvertible {
    case vehicleUnavailable(day: CalendarDate)
    case coldChain(task: UUID, temperature: TemperatureClass)
    case overCapacity(afterStop: Int, unit: String, load: Double, capacity: Double)
    case foodWithWaste(afterStop: Int)
    case droppedBeforePickup(stop: Int, task: UUID)
    case timeWindowMissed(stop: Int, task: UUID, arrival: Date, windowEnd: Date)
    case collectedTooLate(stop: Int, task: UUID, arrival: Date, latest: Date)
    case siteClosed(stop: Int, site: UUID, at: Date)
    case vehicleDoubleBooked(otherRound: UUID)
    case driverDoubleBooked(otherRound: UUID)
    /// The vehicle is no longer the round's organisation's, nor shared with it (a change of its sharing).
    case vehicleNotShared(organisation: UUID)

    public var code: String {
        switch self {
        case .vehicleUnavailable: "vehicle_unavailable"
        case .coldChain: "cold_chain"
        case .overCapacity: "over_capacity"
        case .foodWithWaste: "food_with_biowaste"
        case .droppedBeforePickup: "dropped_before_pickup"
        case .timeWindowMissed: "time_window_missed"
        case .collectedTooLate: "collected_too_late"
        case .siteClosed: "site_closed"
        case .vehicleDoubleBooked: "vehicle_double_booked"
        case .driverDoubleBooked: "driver_double_booked"
        case .vehicleNotShared: "vehicle_not_shared"
        }
    }

    public var description: String {
        switch self {
        case .vehicleUnavailable(let day):
            "vehicle_unavailable: the vehicle is not available on \(day)"
        case .coldChain(let task, let temperature):
            "cold_chain: task \(task.uuidString.lowercased()) is \(temperature.rawValue) and the vehicle is not refrigerated"
        case .overCapacity(let stop, let unit, let load, let capacity):
            "over_capacity: after stop \(stop) the load is \(Self.number(load)) \(unit), above the capacity of \(Self.number(capacity)) \(unit)"
        case .foodWithWaste(let stop):
            "food_with_biowaste: after stop \(stop) food and non-food (biowaste) would be on board together"
        case .droppedBeforePickup(let stop, let task):
            "dropped_before_pickup: task \(task.uuidString.lowercased()) is dropped at stop \(stop) before it is picked up"
        case .timeWindowMissed(let stop, let task, let arrival, let end):
            "time_window_missed: stop \(stop) is reached at \(Instant.format(arrival)), after task \(task.uuidString.lowercased())'s window closes at \(Instant.format(end))"
        case .collectedTooLate(let stop, let task, let arrival, let latest):
            "collected_too_late: stop \(stop) is reached at \(Instant.format(arrival)), but task \(task.uuidString.lowercased())'s goods must be collected by \(Instant.format(latest)) (their use-by)"
        case .siteClosed(let stop, let site, let at):
            "site_closed: site \(site.uuidString.lowercased()) at stop \(stop) is not open at or after \(Instant.format(at)) that day"
        case .vehicleDoubleBooked(let other):
            "vehicle_double_booked: the vehicle is on round \(other.uuidString.lowercased()) at the same time"
        case .driverDoubleBooked(let other):
            "driver_double_booked: the driver is on round \(other.uuidString.lowercased()) at the same time"
        case .vehicleNotShared(let organisation):
            "vehicle_not_shared: the vehicle would no longer be shared with organisation \(organisation.uuidString.lowercased()), whose round it is"
        }
    }

    private static func number(_ value: Double) -> String {
        value.rounded() == value && abs(value) < 1e15 ? String(Int(value)) : String(format: "%.1f", value)
    }
}
