import Biowaste
import CollectoKernel
import CollectoTestSupport
import Testing

@Suite struct BiowasteModuleTests {
    @Test func biowastePickupsAreNeverFood() async throws {
        let test = try await TestKernel.make(modules: [BiowasteModule()])
        let kind = try #require(test.kernel.tasks.kinds["biowaste.pickup"])
        #expect(kind.kind.isFood == false)
        #expect(kind.owner == "biowaste")
        // A task of that kind is created as non-food unless said otherwise.
        let fixtures = Fixtures(test.kernel)
        let city = try await fixtures.organisation("Ville", .cityService)
        let point = try await fixtures.site(of: city.id)
        let task = try await test.kernel.units.write(by: nil) { tx in
            try await test.kernel.tasks.create(
                .init(
                    kind: "biowaste.pickup", reference: "bin-1", organisationId: city.id, pickup: .init(siteId: point.id), drop: nil, kg: 40
                ), in: tx)
        }
        #expect(task.isFood == false)
    }
}
