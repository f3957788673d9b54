import CollectoKernel
import CollectoTestSupport
import Foundation
import Testing

@Suite struct EventRelayTests {
    func stopRecorded(_ reference: String, at now: Date) -> TaskStopRecorded {
        TaskStopRecorded(
            taskId: UUID(), kind: "probe.parcel", ownerModule: "probe", reference: reference, roundId: UUID(), siteId: UUID(),
            action: .drop, outcome: .done, actualKg: 12.5, note: nil, recordedAt: now)
    }

    func publish(_ references: [String], on kernel: Kernel) async throws {
        for reference in references {
            try await kernel.units.write(by: nil) { tx in try await tx.publish(stopRecorded(reference, at: tx.now)) }
        }
    }

    /// References of the stop events the probe handled, in handling order.
    func seen(_ kernel: Kernel) async throws -> [String] {
        try await kernel.units.read { db in
            try await db.query("SELECT payload FROM probe_seen WHERE handler = 'probe.stops' ORDER BY event_id").map {
                try JSONBody.decoder.decode(TaskStopRecorded.self, from: Data(try $0.string("payload").utf8)).reference
            }
        }
    }

    func notesSeen(_ kernel: Kernel) async throws -> Int {
        try await kernel.units.read { db in try await db.scalarInt("SELECT COUNT(*) FROM probe_seen WHERE handler = 'probe.notes'") }
    }

    @Test func eventsReachHandlersInOrderAndOnlyOnce() async throws {
        let test = try await TestKernel.make(modules: [ProbeModule()])
        try await test.kernel.relay.ensureCursors()
        try await publish(["a", "b", "c"], on: test.kernel)
        try await test.kernel.relay.deliverPending()
        try await test.kernel.relay.deliverPending()
        #expect(try await seen(test.kernel) == ["a", "b", "c"])
        #expect(try await test.kernel.relay.backlog()["probe.stops"] == 0)
    }

    @Test func nothingIsLostWhenTheProcessStopsBetweenCommitAndDelivery() async throws {
        let location = try await TestDatabase.fresh()
        let first = try await TestKernel.make(modules: [ProbeModule()], database: location)
        try await first.kernel.relay.ensureCursors()
        // The change commits with its event, and the process "dies" before any delivery.
        try await publish(["before-crash"], on: first.kernel)
        #expect(try await first.kernel.relay.backlog()["probe.stops"] == 1)
        try await first.kernel.database.close()

        let restarted = try await TestKernel.make(modules: [ProbeModule()], database: location)
        try await restarted.kernel.relay.ensureCursors()
        try await restarted.kernel.relay.deliverPending()
        #expect(try await seen(restarted.kernel) == ["before-crash"])
    }

    @Test func theRunningRelayDeliversSoonAfterCommit() async throws {
        let test = try await TestKernel.make(modules: [ProbeModule()])
        try await withThrowingTaskGroup(of: Void.self) { group in
            group.addTask { try await test.kernel.relay.run() }
            try await Task.sleep(for: .milliseconds(100))
            try await publish(["live"], on: test.kernel)
            var found: [String] = []
            for _ in 0..<100 where found.isEmpty {
                try await Task.sleep(for: .milliseconds(20))
                found = try await seen(test.kernel)
            }
            #expect(found == ["live"])
            group.cancelAll()
        }
    }

    @Test func aFailingHandlerIsRetriedWithBackoffWithoutBlockingOthers() async throws {
        let failures = FailureSwitch()
        let test = try await TestKernel.make(modules: [ProbeModule(failures: failures)])
        try await test.kernel.relay.ensureCursors()
        failures.set(true)
        try await publish(["x"], on: test.kernel)
        try await test.kernel.units.write(by: nil) { tx in try await tx.publish(ProbeModule.NoteWritten(text: "other handler")) }
        try await test.kernel.relay.deliverPending()
        #expect(try await seen(test.kernel).isEmpty)
        #expect(try await notesSeen(test.kernel) == 1)

        // Within the back-off nothing is retried, even once the handler would succeed.
        failures.set(false)
        try await test.kernel.relay.deliverPending()
        #expect(try await seen(test.kernel).isEmpty)
        let state = try await test.kernel.units.read { db in
            try await db.queryFirst("SELECT attempts, last_error FROM kernel_event_cursors WHERE handler = 'probe.stops'")
        }
        #expect(try state?.int("attempts") == 1)
        #expect(try state?.string("last_error") == "probe told to fail")

        test.clock.advance(by: 61)
        try await test.kernel.relay.deliverPending()
        #expect(try await seen(test.kernel) == ["x"])
    }

    @Test func aPoisonedEventIsParkedAfterMaxAttemptsAndTheHandlerMovesOn() async throws {
        let failures = FailureSwitch()
        let test = try await TestKernel.make(modules: [ProbeModule(failures: failures)])
        try await test.kernel.relay.ensureCursors()
        failures.set(true)
        try await publish(["poison"], on: test.kernel)
        for _ in 0..<3 {
            try await test.kernel.relay.deliverPending()
            test.clock.advance(by: 3600)
        }
        failures.set(false)
        try await publish(["after"], on: test.kernel)
        try await test.kernel.relay.deliverPending()
        #expect(try await seen(test.kernel) == ["after"])
        let parked = try await test.kernel.units.read { db in try await db.scalarInt("SELECT COUNT(*) FROM kernel_event_failures") }
        #expect(parked == 1)
    }

    @Test func aDisabledModulesHandlersDoNotRunButItsTablesStay() async throws {
        let location = try await TestDatabase.fresh()
        let enabled = try await TestKernel.make(modules: [ProbeModule()], database: location)
        try await enabled.kernel.relay.ensureCursors()
        try await enabled.kernel.database.close()
        let disabled = try await TestKernel.make(modules: [ProbeModule()], enabled: [], database: location)
        #expect(disabled.kernel.registry.handlers.isEmpty)
        try await publish(["ignored"], on: disabled.kernel)
        try await disabled.kernel.relay.deliverPending()
        let tables = try await disabled.kernel.units.read { db in
            try await TestDatabase.tableCount(prefix: "probe_", in: db)
        }
        #expect(tables == 2)
        #expect(try await disabled.kernel.units.read { db in try await db.scalarInt("SELECT COUNT(*) FROM probe_seen") } == 0)
    }
}
