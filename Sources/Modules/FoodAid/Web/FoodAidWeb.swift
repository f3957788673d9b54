import CollectoKernel
import Foundation

/// FoodAid's pages and menu entries: what a partner association, the food
/// bank's staff and a donor do in the browser. Every page is a thin adapter over
/// the same use cases as the module's API routes.
struct FoodAidWeb {
    let ordering: OrderingUseCases
    let donations: DonationUseCases
    let stock: StockUseCases
    let catalogue: CatalogueUseCases
    let sites: SiteUseCases
    let profiles: PartnerProfileUseCases
    let quotas: PartnerQuotaUseCases
    let receipts: TaxReceiptUseCases
    let reports: ReportUseCases
    let parcels: ParcelUseCases
    let sharing: SharingUseCases
    let clock: any WallClock

    /// The folder of the module's templates and texts.
    static var resources: URL { WebInterface.resources(of: Bundle.module) }

    func register(with registrar: inout ModuleRegistrar) {
        registrar.webResources(Self.resources)
        registrar.pages(PartnerPages(ordering: ordering, catalogue: catalogue, stock: stock, profiles: profiles).pages)
        registrar.pages(StaffPages(ordering: ordering, donations: donations, stock: stock, sites: sites).pages)
        registrar.pages(DonorPages(donations: donations, sites: sites, clock: clock).pages)
        registrar.pages(FulfilmentPages(ordering: ordering).pages)
        registrar.pages(SortingPages(donations: donations, catalogue: catalogue).pages)
        registrar.pages(StockPages(stock: stock, catalogue: catalogue, ordering: ordering).pages)
        registrar.pages(HouseholdsPages(profiles: profiles).pages)
        registrar.pages(PartnerAdminPages(profiles: profiles, quotas: quotas, catalogue: catalogue).pages)
        registrar.pages(NoticePages(stock: stock).pages)
        registrar.pages(DonorReceiptPages(receipts: receipts).pages)
        registrar.pages(TaxReceiptPages(receipts: receipts, clock: clock, timeZone: reports.timeZone).pages)
        registrar.pages(ReportPages(reports: reports).pages)
        registrar.pages(StatementPages(reports: reports).pages)
        registrar.pages(SharingPages(sharing: sharing, donations: donations).pages)
        registrar.pages(EquipmentPages(sharing: sharing, timeZone: reports.timeZone).pages)
        registrar.pages(ParcelPages(parcels: parcels, clock: clock, timeZone: reports.timeZone).pages)
        registrar.pages(CataloguePages(catalogue: catalogue).pages)
        registrar.pages(ProductPages(catalogue: catalogue).pages)
        registrar.pages(WindowPages(ordering: ordering, sites: sites).pages)
        registrar.menu(MenuEntry(label: "foodaid_menu_partner_home", path: "/foodaid/partner", order: 100) { Self.partner(of: $0) != nil })
        registrar.menu(MenuEntry(label: "foodaid_menu_partner_orders", path: "/foodaid/orders", order: 110) { Self.partner(of: $0) != nil })
        registrar.menu(MenuEntry(label: "foodaid_menu_notices", path: "/foodaid/notices", order: 120) { Self.partner(of: $0) != nil })
        registrar.menu(MenuEntry(label: "foodaid_menu_households", path: "/foodaid/households", order: 130) { Self.partner(of: $0) != nil })
        registrar.menu(MenuEntry(label: "foodaid_menu_parcels", path: "/foodaid/parcels", order: 135) { Self.partner(of: $0) != nil })
        registrar.menu(MenuEntry(label: "foodaid_menu_parcels", path: "/foodaid/parcels", order: 27) { $0.managesEverything })
        registrar.menu(MenuEntry(label: "foodaid_menu_partners", path: "/foodaid/partners", order: 28) { $0.managesEverything })
        registrar.menu(MenuEntry(label: "foodaid_menu_sharing", path: "/foodaid/sharing", order: 125) { Self.partner(of: $0) != nil })
        registrar.menu(MenuEntry(label: "foodaid_menu_equipment", path: "/foodaid/equipment", order: 127) { Self.partner(of: $0) != nil })
        registrar.menu(MenuEntry(label: "foodaid_menu_statements", path: "/foodaid/statements", order: 140) { Self.partner(of: $0) != nil })
        registrar.menu(
            MenuEntry(label: "foodaid_menu_households_pending", path: "/foodaid/households/pending", order: 26) { $0.managesEverything })
        registrar.menu(MenuEntry(label: "foodaid_menu_receipts", path: "/foodaid/donor/receipts", order: 210) { Self.donor(of: $0) != nil })
        registrar.menu(MenuEntry(label: "foodaid_menu_dashboard", path: "/foodaid/dashboard", order: 10) { $0.seesEverything })
        registrar.menu(MenuEntry(label: "foodaid_menu_offers", path: "/foodaid/offers", order: 20) { $0.managesEverything })
        registrar.menu(MenuEntry(label: "foodaid_menu_orders", path: "/foodaid/orders", order: 25) { $0.seesEverything })
        registrar.menu(MenuEntry(label: "foodaid_menu_pickups", path: "/foodaid/pickups", order: 22) { $0.managesEverything })
        registrar.menu(MenuEntry(label: "foodaid_menu_stock", path: "/foodaid/stock", order: 24) { $0.managesEverything })
        registrar.menu(MenuEntry(label: "foodaid_menu_windows", path: "/foodaid/windows", order: 30) { $0.managesEverything })
        registrar.menu(MenuEntry(label: "foodaid_menu_catalogue", path: "/foodaid/catalogue", order: 35) { $0.managesEverything })
        registrar.menu(MenuEntry(label: "foodaid_menu_reports", path: "/foodaid/reports", order: 40) { $0.managesEverything })
        registrar.menu(MenuEntry(label: "foodaid_menu_tax_receipts", path: "/foodaid/receipts", order: 45) { $0.managesEverything })
        registrar.menu(MenuEntry(label: "foodaid_menu_donor", path: "/foodaid/donor", order: 200) { Self.donor(of: $0) != nil })
    }

    /// The partner association the caller orders for (their first, when they belong to several).
    static func partner(of caller: Caller) -> UUID? {
        caller.organisations(ofKind: .partnerAssociation).first?.organisation
    }

    /// The donor or supplier the caller offers for.
    static func donor(of caller: Caller) -> UUID? {
        (caller.organisations(ofKind: .donor) + caller.organisations(ofKind: .supplier)).first?.organisation
    }
}
