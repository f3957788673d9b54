import CollectoKernel
import Foundation

/// The rights of donations, pickups, sharing between associations, emergency
/// parcels and tax receipts, declared beside the module's others so that the
/// use cases ask a named permission (and the matrix shows it) rather than test
/// a role: donors' and partners' people act for their own organisation, the
/// food bank's coordinators and admins decide, sort, prepare and issue.
extension FoodAidPermissions {
    /// The roles that read an organisation's data (everyone but drivers).
    private static let readers: Set<Role> = [.admin, .coordinator, .member, .readOnly]
    /// The roles that act for their own organisation (not read-only, not drivers).
    private static let actors: Set<Role> = [.admin, .coordinator, .member]
    /// The roles that manage an organisation's operations.
    private static let managers: Set<Role> = [.admin, .coordinator]

    // Donations
    static let editDonorProfile = Permission(
        "foodaid.donor_profile.edit", summary: "Set a donor's type, pickup site and usual pickup days", roles: managers)
    static let readDonorProfile = Permission(
        "foodaid.donor_profile.read", summary: "Read a donor's type, pickup site and usual pickup days", roles: readers)
    static let offerDonations = Permission(
        "foodaid.donations.offer", summary: "Declare donation offers on the donor's behalf", roles: actors, foodBankRoles: managers)
    static let readOffers = Permission(
        "foodaid.donations.read", summary: "Read the donor's donation offers", roles: readers,
        relationship: Permission.Relationship(
            "nearby_partner",
            summary: "one of the caller's organisations is a partner near the donor of a broadcast offer (or claimed it)"))
    static let decideDonations = Permission(
        "foodaid.donations.decide", summary: "Accept, decline or broadcast donation offers", roles: managers, scope: .foodBank)
    static let claimDonations = Permission(
        "foodaid.donations.claim", summary: "Claim a broadcast donation offer for the partner", roles: actors, foodBankRoles: managers)
    static let editDonationRules = Permission(
        "foodaid.donations.rules", summary: "Change the donation rules (use-by margin, broadcast radius)", roles: managers,
        scope: .foodBank)
    static let readPickups = Permission("foodaid.pickups.read", summary: "Read the donor's pickups", roles: readers)
    static let managePickups = Permission(
        "foodaid.pickups.manage", summary: "Schedule donors' regular pickups and sort received ones", roles: managers,
        scope: .foodBank)

    // Sharing between associations
    static let shareSurpluses = Permission(
        "foodaid.sharing.surpluses", summary: "Post, claim, transfer and withdraw surpluses for the organisation", roles: actors,
        foodBankRoles: managers)
    static let readSurpluses = Permission(
        "foodaid.sharing.read", summary: "See the organisation's own and claimed surpluses whatever their state", roles: readers)
    static let declareEquipment = Permission(
        "foodaid.sharing.equipment", summary: "Declare the organisation's equipment that others may book", roles: managers)
    static let bookEquipment = Permission(
        "foodaid.sharing.book", summary: "Book shared equipment for the organisation", roles: actors, foodBankRoles: managers)

    // Emergency parcels
    static let composeParcels = Permission(
        "foodaid.parcels.compose", summary: "Define the standard parcels", roles: managers, scope: .foodBank)
    static let requestParcels = Permission(
        "foodaid.parcels.request", summary: "Request emergency parcels for the referring organisation, and cancel them",
        roles: actors, foodBankRoles: managers)
    static let readParcelRequests = Permission(
        "foodaid.parcels.read", summary: "Read the referring organisation's parcel requests", roles: readers)
    static let prepareParcels = Permission(
        "foodaid.parcels.prepare", summary: "Prepare parcel requests and hand them over", roles: managers, scope: .foodBank)

    // Tax receipts
    static let issueTaxReceipts = Permission(
        "foodaid.tax_receipts.issue", summary: "Issue the year's tax receipts", roles: managers, scope: .foodBank)
    static let readTaxReceipts = Permission(
        "foodaid.tax_receipts.read", summary: "Read and print the donor's tax receipts", roles: readers)

    /// Every permission above, for the registrar and the matrix.
    static let donationsSharingParcels: [Permission] = [
        editDonorProfile, readDonorProfile, offerDonations, readOffers, decideDonations, claimDonations, editDonationRules,
        readPickups, managePickups, shareSurpluses, readSurpluses, declareEquipment, bookEquipment, composeParcels,
        requestParcels, readParcelRequests, prepareParcels, issueTaxReceipts, readTaxReceipts,
    ]
}
