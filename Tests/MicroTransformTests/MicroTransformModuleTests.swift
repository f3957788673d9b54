import CollectoKernel
import CollectoTestSupport
import MicroTransform
import Testing

@Suite struct MicroTransformModuleTests {
    @Test func registersItsSchemaTaskKindAndPermissions() async throws {
        let test = try await TestKernel.make(modules: [MicroTransformModule()])
        let entry = try #require(test.kernel.registry.enabled.first)
        #expect(entry.registration.taskKinds.map(\.id) == ["microtransform.produce_intake"])
        let permissions = entry.registration.permissions.map(\.name)
        #expect(permissions.contains("microtransform.batches.plan") && permissions.contains("microtransform.batches.run"))
        #expect(permissions.allSatisfy { $0.hasPrefix("microtransform.") } && Set(permissions).count == permissions.count)
        let table = try await test.kernel.units.read { db in
            try await TestDatabase.tableCount(prefix: "microtransform_workshops", in: db)
        }
        #expect(table == 1)
    }
}
