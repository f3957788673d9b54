import CollectoKernel

/// Who may do what in FoodAid, in one place: the food bank's coordinators and
/// admins run the catalogue, stock, windows and fulfilment; a partner's people
/// order, receive and read for their own organisation only. Use cases ask these
/// permissions; nothing else in the module tests a role.
enum FoodAidPermissions {
    static let manageCatalogue = Permission(
        "foodaid.catalogue.manage", summary: "Add, change and import catalogue products and category rules",
        roles: [.admin, .coordinator], scope: .foodBank)
    static let manageStock = Permission(
        "foodaid.stock.manage", summary: "Receive lots, correct them, quarantine, recall and lift quarantines",
        roles: [.admin, .coordinator], scope: .foodBank)
    static let readNotices = Permission(
        "foodaid.notices.read", summary: "Read and acknowledge the recall notices sent to one's organisation",
        roles: [.admin, .coordinator, .member, .readOnly])
    static let acknowledgeNotices = Permission(
        "foodaid.notices.acknowledge", summary: "Say a recall notice was read and acted on",
        roles: [.admin, .coordinator, .member], foodBankRoles: [.admin, .coordinator])
    static let manageWindows = Permission(
        "foodaid.windows.manage", summary: "Open ordering windows and run fair allocation", roles: [.admin, .coordinator],
        scope: .foodBank)
    static let fulfilOrders = Permission(
        "foodaid.orders.fulfil", summary: "Validate, prepare, ship and close orders; read picking lists",
        roles: [.admin, .coordinator], scope: .foodBank)
    static let cancelOrdersAfterCutoff = Permission(
        "foodaid.orders.cancel_after_cutoff",
        summary: "Cancel a submitted, allocated or validated order after the cut-off, with a reason; its units go back to stock",
        roles: [.admin, .coordinator], scope: .foodBank)
    static let placeOrders = Permission(
        "foodaid.orders.place", summary: "Draft, submit, cancel and receive the organisation's orders",
        roles: [.admin, .coordinator, .member], foodBankRoles: [.admin, .coordinator])
    static let readOrders = Permission(
        "foodaid.orders.read", summary: "Read the organisation's orders, delivery notes and ordering windows",
        roles: [.admin, .coordinator, .member, .readOnly])
    static let readSupplyReport = Permission(
        "foodaid.reports.supply", summary: "Read the food bank's supply report", roles: [.admin, .coordinator], scope: .foodBank)
    static let readStatements = Permission(
        "foodaid.reports.statements", summary: "Read the organisation's monthly contribution statements",
        roles: [.admin, .coordinator, .member, .readOnly])
    static let editPartnerProfile = Permission(
        "foodaid.partner_profile.edit", summary: "Declare the households a partner serves (used for fair allocation)",
        roles: [.admin, .coordinator])
    static let approvePartnerHouseholds = Permission(
        "foodaid.partner_profile.approve_households",
        summary: "Approve or reject the households count a partner asks for, list the pending ones", roles: [.admin, .coordinator],
        scope: .foodBank)
    static let setPartnerQuotas = Permission(
        "foodaid.partner_quotas.set", summary: "Set or remove a partner's quota of a product per ordering window",
        roles: [.admin, .coordinator], scope: .foodBank)
    static let readPartnerProfile = Permission(
        "foodaid.partner_profile.read", summary: "Read a partner's declared households and deliveries",
        roles: [.admin, .coordinator, .member, .readOnly])

    /// Every permission the module declares, for the registrar and the matrix.
    static var all: [Permission] {
        [
            manageCatalogue, manageStock, readNotices, acknowledgeNotices, manageWindows, fulfilOrders, cancelOrdersAfterCutoff,
            placeOrders, readOrders,
            readSupplyReport,
            readStatements, editPartnerProfile, approvePartnerHouseholds, setPartnerQuotas, readPartnerProfile,
        ] + donationsSharingParcels
    }
}
