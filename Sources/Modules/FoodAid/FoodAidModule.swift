import CollectoKernel

/// Food aid: the food bank as wholesaler — partner profiles today; catalogue,
/// stock, donations and partner orders build on it (issue 4).
public struct FoodAidModule: CollectoModule {
    public static let id: ModuleID = "foodaid"
    public var version: String { "0.1.0" }
    public var migrations: [Migration] { FoodAidMigrations.all }

    public init() {}

    public func register(with registrar: inout ModuleRegistrar, context: ModuleContext) throws {
        registrar.permission(FoodAidPermissions.editPartnerProfile)
        registrar.permission(FoodAidPermissions.readPartnerProfile)
        registrar.taskKind(TaskKind("foodaid.donor_pickup", summary: "Collect donated food at a donor's site", isFood: true))
        registrar.taskKind(TaskKind("foodaid.partner_delivery", summary: "Deliver a partner's order", isFood: true))
        registrar.handle(TaskOutcomeLedger.handler)
        registrar.routes(PartnerProfilesController(units: context.units).endpoints)
        registrar.demoData(FoodAidDemoData.loader)
    }
}
