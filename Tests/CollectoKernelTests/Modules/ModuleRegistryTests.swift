import CollectoKernel
import CollectoTestSupport
import Foundation
import Testing

@Suite struct ModuleRegistryTests {
    /// A module whose task kind lies outside its namespace.
    struct Trespasser: CollectoModule {
        static let id: ModuleID = "trespasser"
        var version: String { "1" }
        var migrations: [Migration] { [] }
        func register(with registrar: inout ModuleRegistrar, context: ModuleContext) throws {
            registrar.taskKind(TaskKind("foodaid.sneaky", summary: "not mine", isFood: true))
        }
    }

    /// A second module, to check the order of registration.
    struct Second: CollectoModule {
        static let id: ModuleID = "second"
        var version: String { "1" }
        var migrations: [Migration] { [Migration("001", ["CREATE TABLE second_things (id TEXT)"])] }
        func register(with registrar: inout ModuleRegistrar, context: ModuleContext) throws {}
    }

    @Test func theModuleContractIsHonouredByTheRegistry() async throws {
        let test = try await TestKernel.make(modules: [ProbeModule()])
        let entry = try #require(test.kernel.registry.enabled.first)
        #expect(entry.module.id == "probe")
        #expect(entry.registration.taskKinds.map(\.id) == ["probe.parcel"])
        #expect(entry.registration.handlers.map(\.eventType).sorted() == ["kernel.task_stop_recorded", "probe.note_written"])
        #expect(entry.registration.publishedEvents == ["probe.note_written"])
        #expect(entry.registration.permissions.map(\.name) == ["probe.write"])
        #expect(test.kernel.tasks.kinds["probe.parcel"]?.owner == "probe")
        let tables = try await test.kernel.units.read { db in
            try await db.scalarInt("SELECT COUNT(*) FROM kernel_schema_migrations WHERE owner = 'probe'")
        }
        #expect(tables == 2)
    }

    @Test func modulesAreWiredInTheConfiguredOrder() async throws {
        let test = try await TestKernel.make(modules: [ProbeModule(), Second()], enabled: ["second", "probe"])
        #expect(test.kernel.registry.enabled.map(\.module.id.rawValue) == ["second", "probe"])
    }

    @Test func anUnknownOrDuplicatedModuleStopsStartUp() async throws {
        await #expect(throws: ModuleRegistry.Failure.unknownModule("nope")) {
            _ = try await TestKernel.make(modules: [ProbeModule()], enabled: ["nope"])
        }
        await #expect(throws: ModuleRegistry.Failure.duplicateModule("probe")) {
            _ = try await TestKernel.make(modules: [ProbeModule()], enabled: ["probe", "probe"])
        }
    }

    @Test func aModuleCannotRegisterNamesOfAnotherModule() async throws {
        await #expect(throws: ModuleRegistry.Failure.foreignName(module: "trespasser", name: "foodaid.sneaky")) {
            _ = try await TestKernel.make(modules: [Trespasser()])
        }
    }

    @Test func aDisabledModuleHasNoTaskKinds() async throws {
        let test = try await TestKernel.make(modules: [ProbeModule()], enabled: [])
        #expect(test.kernel.tasks.kinds["probe.parcel"] == nil)
        #expect(test.kernel.tasks.kinds["kernel.manual"] != nil)
    }
}
