import CollectoKernel
import Foundation

/// Micro-processing: a workshop turning end-of-life produce into soups,
/// compotes and jams. Produce arrives from kernel events (sorting at the food
/// bank) or direct declarations and is brought in by rounds; a batch scheduler
/// plans around spoil dates, equipment and cooks; batches are run with HACCP
/// records; released output goes back to food-aid stock and losses to
/// biowaste, both through kernel events; every output lot knows its origins.
public struct MicroTransformModule: CollectoModule {
    public static let id: ModuleID = "microtransform"
    public var version: String { "0.2.0" }
    public var migrations: [Migration] { MicroTransformMigrations.all }

    public init() {}

    public func register(with registrar: inout ModuleRegistrar, context: ModuleContext) throws {
        let timeZone = context.settings.timeZone
        // Its texts (the task kind in French and English) for the kernel's pages; its own pages come later.
        registrar.webResources(WebInterface.resources(of: Bundle.module))
        registrar.taskKind(TaskKind(IntakeService.taskKind, summary: "Bring end-of-life produce to the workshop", isFood: true))
        for permission in MicroTransformPermissions.all { registrar.permission(permission) }
        registrar.handle(IntakeService.offers(timeZone: timeZone))
        registrar.handle(IntakeService.arrivals(timeZone: timeZone))
        registrar.handle(SourceRecalls.handler(tasks: context.tasks))
        registrar.publishes(ProcessedFoodAvailable.self)
        registrar.publishes(ProcessedFoodRecalled.self)
        registrar.publishes(BiowasteProduced.self)
        let (units, clock) = (context.units, context.clock)
        registrar.routes(WorkshopsController(workshops: WorkshopUseCases(units: units)).endpoints)
        registrar.routes(IntakeController(intake: IntakeUseCases(units: units, tasks: context.tasks, timeZone: timeZone)).endpoints)
        registrar.routes(
            RecipesController(recipes: RecipeUseCases(units: units), resources: ResourceUseCases(units: units, timeZone: timeZone))
                .endpoints)
        registrar.routes(
            BatchesController(
                planning: PlanningUseCases(units: units, timeZone: timeZone, clock: clock),
                batches: BatchUseCases(units: units, timeZone: timeZone)
            )
            .endpoints)
        registrar.routes(
            TraceabilityController(
                traceability: TraceabilityUseCases(units: units), reports: ReportUseCases(units: units, timeZone: timeZone, clock: clock)
            )
            .endpoints)
        registrar.massBalance(ProcessingBalance.contributor())
        registrar.exampleIDs(WorkshopExampleIDs.source)
        registrar.demoData(MicroTransformDemoData.loader(tasks: context.tasks))
    }
}
