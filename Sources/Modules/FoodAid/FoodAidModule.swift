import CollectoKernel

/// Food aid: the food bank as wholesaler — its catalogue, stock in lots (FEFO,
/// use-by and best-before rules, recalls), partners' orders in windows with
/// fair allocation, preparation and shipping on rounds.
public struct FoodAidModule: CollectoModule {
    public static let id: ModuleID = "foodaid"
    public var version: String { "0.1.0" }
    public var migrations: [Migration] { FoodAidMigrations.all }

    public init() {}

    public func register(with registrar: inout ModuleRegistrar, context: ModuleContext) throws {
        for permission in FoodAidPermissions.all { registrar.permission(permission) }
        registrar.taskKind(TaskKind("foodaid.donor_pickup", summary: "Collect donated food at a donor's site", isFood: true))
        registrar.taskKind(TaskKind("foodaid.partner_delivery", summary: "Deliver a partner's order", isFood: true))
        registrar.handle(TaskOutcomeLedger.handler)
        registrar.handle(PickupService.arrivals)
        registrar.handle(ProcessedFoodReceipts.receipts(timeZone: context.settings.timeZone))
        registrar.handle(ProcessedFoodReceipts.recalls)
        registrar.publishes(EndOfLifeProduceAvailable.self)
        registrar.publishes(BiowasteProduced.self)
        registrar.publishes(SourceRecalled.self)
        registrar.routes(
            PartnerProfilesController(
                profiles: PartnerProfileUseCases(units: context.units), quotas: PartnerQuotaUseCases(units: context.units)
            ).endpoints)
        registrar.routes(CatalogueController(catalogue: CatalogueUseCases(units: context.units)).endpoints)
        registrar.routes(ParcelsController(parcels: ParcelUseCases(units: context.units)).endpoints)
        registrar.routes(TaxReceiptsController(receipts: TaxReceiptUseCases(units: context.units)).endpoints)
        registrar.routes(SharingController(sharing: SharingUseCases(units: context.units, timeZone: context.settings.timeZone)).endpoints)
        registrar.routes(
            ReportsController(reports: ReportUseCases(units: context.units, timeZone: context.settings.timeZone, clock: context.clock))
                .endpoints)
        registrar.routes(
            DonationsController(
                donations: DonationUseCases(units: context.units, tasks: context.tasks, timeZone: context.settings.timeZone)
            ).endpoints)
        registrar.routes(StockController(stock: StockUseCases(units: context.units, timeZone: context.settings.timeZone)).endpoints)
        let ordering = OrderingUseCases(
            units: context.units, tasks: context.tasks, timeZone: context.settings.timeZone, clock: context.clock)
        registrar.routes(OrderingController(ordering: ordering).endpoints)
        let donations = DonationUseCases(units: context.units, tasks: context.tasks, timeZone: context.settings.timeZone)
        FoodAidWeb(
            ordering: ordering, donations: donations,
            stock: StockUseCases(units: context.units, timeZone: context.settings.timeZone),
            catalogue: CatalogueUseCases(units: context.units), sites: SiteUseCases(units: context.units),
            profiles: PartnerProfileUseCases(units: context.units), quotas: PartnerQuotaUseCases(units: context.units),
            receipts: TaxReceiptUseCases(units: context.units),
            reports: ReportUseCases(units: context.units, timeZone: context.settings.timeZone, clock: context.clock),
            parcels: ParcelUseCases(units: context.units),
            sharing: SharingUseCases(units: context.units, timeZone: context.settings.timeZone), clock: context.clock
        ).register(with: &registrar)
        registrar.massBalance(FoodAidBalance.contributor)
        registrar.exampleIDs(FoodAidExampleIDs.source)
        registrar.demoData(FoodAidDemoData.loader(tasks: context.tasks))
    }
}
