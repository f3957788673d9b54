import CollectoKernel
import Foundation

/// Biowaste: collection points and their containers, tracked by city services
/// from the producing site to composting or methanisation. Waste arrives from
/// kernel events (unfit food from sorting, processing losses), from sites'
/// requests and from regular schedules; a fill forecast proposes pickups
/// before containers overflow; pickups are non-food kernel logistics tasks;
/// drivers weigh or refuse containers; every fact goes into the chronological
/// register the reports and the module's sections of the mass balance are computed from.
public struct BiowasteModule: CollectoModule {
    public static let id: ModuleID = "biowaste"
    public var version: String { "0.3.0" }
    public var migrations: [Migration] { BiowasteMigrations.all }

    public var options: [ModuleOption] { EmissionFactors.options }

    public init() {}

    public func register(with registrar: inout ModuleRegistrar, context: ModuleContext) throws {
        let timeZone = context.settings.timeZone
        // Biowaste is never food: the kernel keeps it out of any compartment carrying food.
        // Its texts (the task kind in French and English) for the kernel's pages; its own pages come later.
        registrar.webResources(WebInterface.resources(of: Bundle.module))
        registrar.taskKind(TaskKind(PickupPlanner.taskKind, summary: "Collect biowaste containers for a treatment site", isFood: false))
        for permission in BiowastePermissions.all { registrar.permission(permission) }
        registrar.handle(WasteArrivals.handler(timeZone: timeZone))
        registrar.handle(CollectionService.stops)
        let (units, clock) = (context.units, context.clock)
        registrar.routes(PointsController(points: PointUseCases(units: units, timeZone: timeZone)).endpoints)
        registrar.routes(
            PickupsController(
                pickups: PickupUseCases(units: units, tasks: context.tasks, timeZone: timeZone),
                forecasts: ForecastUseCases(units: units, timeZone: timeZone, clock: clock)
            )
            .endpoints)
        registrar.routes(
            RegisterController(
                register: RegisterUseCases(units: units, timeZone: timeZone, clock: clock),
                reports: ReportUseCases(units: units, timeZone: timeZone, clock: clock, factors: try EmissionFactors(context.options))
            )
            .endpoints)
        registrar.massBalance(BiowasteBalance.contributor)
        registrar.exampleIDs(BiowasteExampleIDs.source)
        registrar.demoData(BiowasteDemoData.loader(tasks: context.tasks))
    }
}
