import CollectoKernel
import Foundation
import Testing

@Suite struct TimeTests {
    let paris = TimeZone(identifier: "Europe/Paris")!

    @Test(arguments: ["2026-02-30", "2026-13-01", "26-01-01", "2026-1-01", "yesterday", ""])
    func impossibleDatesAreRefused(_ text: String) {
        #expect(CalendarDate(text) == nil)
    }

    @Test func calendarDatesKnowTheirWeekday() {
        #expect(CalendarDate("2026-11-24")?.weekday == .tuesday)
        #expect(CalendarDate("2024-02-29")?.weekday == .thursday)
    }

    @Test func localTimesFollowDaylightSavingChanges() throws {
        let winter = try #require(CalendarDate("2026-03-28"))
        let summer = try #require(CalendarDate("2026-03-30"))
        let eight = try #require(LocalTime("08:00"))
        #expect(Instant.format(winter.instant(at: eight, in: paris)) == "2026-03-28T07:00:00.000Z")
        #expect(Instant.format(summer.instant(at: eight, in: paris)) == "2026-03-30T06:00:00.000Z")
    }

    @Test func aSkippedLocalTimeMovesForward() throws {
        // 02:30 does not exist in Paris on 2026-03-29: clocks go from 02:00 to 03:00.
        let day = try #require(CalendarDate("2026-03-29"))
        let instant = day.instant(at: try #require(LocalTime("02:30")), in: paris)
        #expect(instant >= Instant.parse("2026-03-29T01:00:00.000Z")!)
        #expect(instant <= Instant.parse("2026-03-29T01:30:00.000Z")!)
    }

    @Test func instantsRoundTripInUTCText() throws {
        let text = "2026-07-14T10:15:30.250Z"
        let date = try #require(Instant.parse(text))
        #expect(Instant.format(date) == text)
        #expect(Instant.parse("2026-07-14T12:15:30+02:00") == Instant.parse("2026-07-14T10:15:30.000Z"))
    }

    @Test func theDayOfAnInstantDependsOnTheZone() throws {
        let lateEvening = try #require(Instant.parse("2026-06-30T22:30:00.000Z"))
        #expect(CalendarDate(lateEvening, in: .gmt).description == "2026-06-30")
        #expect(CalendarDate(lateEvening, in: paris).description == "2026-07-01")
    }

    @Test func theManualClockStaysWhereItIsSet() {
        let clock = ManualWallClock(Date(timeIntervalSince1970: 0))
        clock.advance(by: 90)
        #expect(clock.now() == Date(timeIntervalSince1970: 90))
    }
}
