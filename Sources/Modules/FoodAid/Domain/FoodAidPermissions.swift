import CollectoKernel

/// The rights FoodAid checks.
enum FoodAidPermissions {
    static let editPartnerProfile = Permission(
        "foodaid.partner_profile.edit", summary: "Declare the households a partner serves (used for fair allocation)",
        roles: [.admin, .coordinator])
    static let readPartnerProfile = Permission(
        "foodaid.partner_profile.read", summary: "Read a partner's declared households", roles: [.admin, .coordinator, .member, .readOnly])
}
