import CollectoKernel
import Foundation
import Testing

/// The rules of the road, checked on rounds built in memory.
@Suite struct RoundFeasibilityTests {
    let paris = TimeZone(identifier: "Europe/Paris")!
    let day = CalendarDate("2026-01-14")!  // a Wednesday
    let organisation = UUID()
    let now = Date(timeIntervalSince1970: 0)

    var checker: RoundFeasibility { RoundFeasibility(timeZone: paris, averageSpeedKmh: 30) }

    func site(_ name: String, _ latitude: Double, _ longitude: Double, hours: OpeningHours = .init()) -> Site {
        Site(
            organisationId: organisation, name: name, address: name, latitude: latitude, longitude: longitude, openingHours: hours,
            serviceMinutes: 10, createdAt: now)
    }

    func vehicle(kg: Double = 1_000, litres: Double = 10_000, refrigerated: Bool = false, unavailable: [CalendarDate] = []) -> Vehicle {
        Vehicle(
            id: UUID(), ownerOrganisationId: organisation, name: "Van", plate: "AB-123-CD", capacityKg: kg, capacityLitres: litres,
            refrigerated: refrigerated, sharedWith: [], availableWeekdays: Weekday.allCases, unavailableDays: unavailable, createdAt: now)
    }

    func task(
        from pickup: Site?, to drop: Site?, kg: Double, litres: Double? = nil, temperature: TemperatureClass = .ambient,
        isFood: Bool = true, dropWindow: TimeWindow? = nil
    ) -> LogisticsTask {
        LogisticsTask(
            id: UUID(), kind: "kernel.manual", ownerModule: "kernel", reference: "r", organisationId: organisation,
            pickup: pickup.map { .init(siteId: $0.id) }, drop: drop.map { .init(siteId: $0.id, window: dropWindow) }, kg: kg,
            litres: litres ?? kg, temperature: temperature, isFood: isFood, status: .pending, roundId: nil, actualKg: nil,
            createdAt: now, updatedAt: now)
    }

    func local(_ time: String) -> Date { day.instant(at: LocalTime(time)!, in: paris) }

    let depot = Site(organisationId: UUID(), name: "Depot", address: "d", latitude: 48.11, longitude: -1.68, createdAt: Date())
    var a: Site { site("A", 48.12, -1.67) }
    var b: Site { site("B", 48.13, -1.66) }

    @Test func aSoundRoundPassesAndGetsArrivalTimes() {
        let (a, b) = (self.a, self.b)
        let first = task(from: depot, to: a, kg: 400)
        let second = task(from: depot, to: b, kg: 500)
        let outcome = checker.check(
            vehicle: vehicle(), day: day, start: LocalTime("09:00")!,
            stops: [
                .init(site: depot, pickups: [first, second], drops: []), .init(site: a, pickups: [], drops: [first]),
                .init(site: b, pickups: [], drops: [second]),
            ])
        #expect(outcome.violations == [])
        #expect(outcome.arrivals.count == 3)
        #expect(outcome.arrivals[0] == local("09:00"))
        #expect(outcome.arrivals[1] > local("09:10"))
    }

    @Test func loadIsCheckedAlongTheStopOrderNotJustInTotal() {
        let (a, b) = (self.a, self.b)
        // 700 kg picked at A and dropped at B, then 700 kg picked at B: never more than 700 on board.
        let first = task(from: a, to: b, kg: 700)
        let second = task(from: b, to: depot, kg: 700)
        let fine = checker.check(
            vehicle: vehicle(kg: 800), day: day, start: LocalTime("09:00")!,
            stops: [
                .init(site: a, pickups: [first], drops: []), .init(site: b, pickups: [second], drops: [first]),
                .init(site: depot, pickups: [], drops: [second]),
            ])
        #expect(fine.violations == [])
        // Picking both up before dropping anything goes over 800 kg after stop 2.
        let third = task(from: b, to: depot, kg: 700)
        let over = checker.check(
            vehicle: vehicle(kg: 800), day: day, start: LocalTime("09:00")!,
            stops: [
                .init(site: a, pickups: [first], drops: []), .init(site: b, pickups: [third], drops: []),
                .init(site: depot, pickups: [], drops: [first, third]),
            ])
        #expect(over.violations.contains { if case .overCapacity(2, "kg", 1400, 800) = $0 { true } else { false } })
    }

    @Test func volumeCountsToo() {
        let load = task(from: depot, to: a, kg: 100, litres: 12_000)
        let outcome = checker.check(
            vehicle: vehicle(litres: 10_000), day: day, start: LocalTime("09:00")!,
            stops: [.init(site: depot, pickups: [load], drops: []), .init(site: a, pickups: [], drops: [load])])
        #expect(outcome.violations.map(\.code) == ["over_capacity"])
    }

    @Test func chilledGoodsNeedARefrigeratedVehicle() {
        let yogurts = task(from: depot, to: a, kg: 50, temperature: .chilled)
        let stops: [RoundFeasibility.Stop] = [
            .init(site: depot, pickups: [yogurts], drops: []), .init(site: a, pickups: [], drops: [yogurts]),
        ]
        #expect(
            checker.check(vehicle: vehicle(), day: day, start: LocalTime("09:00")!, stops: stops).violations.map(\.code) == ["cold_chain"])
        #expect(checker.check(vehicle: vehicle(refrigerated: true), day: day, start: LocalTime("09:00")!, stops: stops).isFeasible)
    }

    @Test func foodIsNeverLoadedWhileBiowasteIsOnBoard() {
        let (a, b) = (self.a, self.b)
        let waste = task(from: a, to: depot, kg: 100, isFood: false)
        let food = task(from: b, to: depot, kg: 100)
        let mixed = checker.check(
            vehicle: vehicle(), day: day, start: LocalTime("09:00")!,
            stops: [
                .init(site: a, pickups: [waste], drops: []), .init(site: b, pickups: [food], drops: []),
                .init(site: depot, pickups: [], drops: [waste, food]),
            ])
        #expect(mixed.violations.map(\.code) == ["food_with_biowaste"])
        // Delivering food first and collecting waste on the way back is fine.
        let delivery = task(from: depot, to: b, kg: 100)
        let wasteBack = task(from: a, to: depot, kg: 100, isFood: false)
        let sequenced = checker.check(
            vehicle: vehicle(), day: day, start: LocalTime("09:00")!,
            stops: [
                .init(site: depot, pickups: [delivery], drops: []), .init(site: b, pickups: [], drops: [delivery]),
                .init(site: a, pickups: [wasteBack], drops: []), .init(site: depot, pickups: [], drops: [wasteBack]),
            ])
        #expect(sequenced.isFeasible)
    }

    @Test func aTimeWindowOutOfReachIsReported() {
        // Saint-Malo is ~65 km from Rennes: over two hours at 30 km/h.
        let far = site("Saint-Malo", 48.649, -2.026)
        let window = TimeWindow(from: local("08:00"), until: local("10:00"))
        let parcel = task(from: depot, to: far, kg: 10, dropWindow: window)
        let outcome = checker.check(
            vehicle: vehicle(), day: day, start: LocalTime("09:00")!,
            stops: [.init(site: depot, pickups: [parcel], drops: []), .init(site: far, pickups: [], drops: [parcel])])
        #expect(outcome.violations.map(\.code) == ["time_window_missed"])
        let early = checker.check(
            vehicle: vehicle(), day: day, start: LocalTime("06:30")!,
            stops: [.init(site: depot, pickups: [parcel], drops: []), .init(site: far, pickups: [], drops: [parcel])])
        #expect(early.isFeasible)
    }

    @Test func theVehicleWaitsForAWindowToOpen() {
        let window = TimeWindow(from: local("14:00"), until: local("16:00"))
        let parcel = task(from: depot, to: a, kg: 10, dropWindow: window)
        let outcome = checker.check(
            vehicle: vehicle(), day: day, start: LocalTime("09:00")!,
            stops: [.init(site: depot, pickups: [parcel], drops: []), .init(site: a, pickups: [], drops: [parcel])])
        #expect(outcome.isFeasible)
        #expect(outcome.arrivals[1] == local("14:00"))
    }

    @Test func openingHoursAreReadInLocalTime() {
        let morningOnly = OpeningHours([.wednesday: [.init(from: LocalTime("08:00")!, until: LocalTime("12:00")!)]])
        let shop = site("Shop", 48.111, -1.681, hours: morningOnly)
        let parcel = task(from: depot, to: shop, kg: 10)
        let stops: [RoundFeasibility.Stop] = [
            .init(site: depot, pickups: [parcel], drops: []), .init(site: shop, pickups: [], drops: [parcel]),
        ]
        #expect(checker.check(vehicle: vehicle(), day: day, start: LocalTime("07:00")!, stops: stops).arrivals[1] == local("08:00"))
        #expect(
            checker.check(vehicle: vehicle(), day: day, start: LocalTime("12:30")!, stops: stops).violations.map(\.code) == ["site_closed"])
        let thursday = CalendarDate("2026-01-15")!
        #expect(
            checker.check(vehicle: vehicle(), day: thursday, start: LocalTime("09:00")!, stops: stops).violations.map(\.code) == [
                "site_closed"
            ])
    }

    @Test func anUnavailableVehicleIsReported() {
        let parcel = task(from: depot, to: a, kg: 10)
        let outcome = checker.check(
            vehicle: vehicle(unavailable: [day]), day: day, start: LocalTime("09:00")!,
            stops: [.init(site: depot, pickups: [parcel], drops: []), .init(site: a, pickups: [], drops: [parcel])])
        #expect(outcome.violations.map(\.code) == ["vehicle_unavailable"])
    }

    @Test func droppingBeforePickingUpIsReported() {
        let parcel = task(from: a, to: depot, kg: 10)
        let outcome = checker.check(
            vehicle: vehicle(), day: day, start: LocalTime("09:00")!,
            stops: [.init(site: depot, pickups: [], drops: [parcel]), .init(site: a, pickups: [parcel], drops: [])])
        #expect(outcome.violations.map(\.code).contains("dropped_before_pickup"))
    }
}
