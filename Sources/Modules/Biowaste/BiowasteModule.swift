import CollectoKernel

/// Biowaste: collection points and their containers, tracked by city services
/// from pickup to composting or methanisation. Registers its schema, task kind
/// and permissions; requests, pickups and the register come with issue 6.
public struct BiowasteModule: CollectoModule {
    public static let id: ModuleID = "biowaste"
    public var version: String { "0.1.0" }
    public var migrations: [Migration] {
        [
            Migration(
                "001_collection_points",
                [
                    """
                    CREATE TABLE biowaste_collection_points (
                        site_id TEXT PRIMARY KEY REFERENCES kernel_sites (id),
                        expected_kg_per_week REAL NOT NULL, created_at TEXT NOT NULL)
                    """
                ])
        ]
    }

    public init() {}

    public func register(with registrar: inout ModuleRegistrar, context: ModuleContext) throws {
        // Biowaste is never food: the kernel keeps it out of any compartment carrying food.
        registrar.taskKind(TaskKind("biowaste.pickup", summary: "Collect biowaste containers for a treatment site", isFood: false))
        registrar.permission(
            Permission("biowaste.reports.read", summary: "Read tonnage reports", roles: [.admin, .coordinator, .readOnly]))
        registrar.permission(Permission("biowaste.pickups.record", summary: "Record pickups", roles: [.admin, .coordinator, .driver]))
        registrar.demoData(
            DemoDataLoader(name: "biowaste.collection_points") { network, tx in
                let producers = [network.foodBank, network.workshop] + network.partners.prefix(38)
                for (index, producer) in producers.enumerated() {
                    try await tx.execute(
                        "INSERT INTO biowaste_collection_points (site_id, expected_kg_per_week, created_at) VALUES (?, ?, ?)",
                        [producer.site.id, Double(20 + (index * 37) % 180), tx.now])
                }
            })
    }
}
