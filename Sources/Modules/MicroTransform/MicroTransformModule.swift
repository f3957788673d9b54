import CollectoKernel

/// Micro-processing: a workshop turning end-of-life produce into soups,
/// compotes and jams. Registers its schema, task kind and permissions; intake,
/// recipes and the batch scheduler come with issue 5.
public struct MicroTransformModule: CollectoModule {
    public static let id: ModuleID = "microtransform"
    public var version: String { "0.1.0" }
    public var migrations: [Migration] {
        [
            Migration(
                "001_workshops",
                [
                    """
                    CREATE TABLE microtransform_workshops (
                        organisation_id TEXT PRIMARY KEY REFERENCES kernel_organisations (id),
                        site_id TEXT NOT NULL REFERENCES kernel_sites (id), daily_capacity_kg REAL NOT NULL, created_at TEXT NOT NULL)
                    """
                ])
        ]
    }

    public init() {}

    public func register(with registrar: inout ModuleRegistrar, context: ModuleContext) throws {
        registrar.taskKind(TaskKind("microtransform.produce_intake", summary: "Bring end-of-life produce to the workshop", isFood: true))
        registrar.permission(Permission("microtransform.batches.plan", summary: "Plan and release batches", roles: [.admin, .coordinator]))
        registrar.permission(
            Permission("microtransform.batches.run", summary: "Run batches and record HACCP", roles: [.admin, .coordinator, .member]))
        registrar.demoData(
            DemoDataLoader(name: "microtransform.workshop") { network, tx in
                try await tx.execute(
                    "INSERT INTO microtransform_workshops (organisation_id, site_id, daily_capacity_kg, created_at) VALUES (?, ?, ?, ?)",
                    [network.workshop.organisation.id, network.workshop.site.id, 400.0, tx.now])
            })
    }
}
