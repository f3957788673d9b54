/// The kinds of organisation in a food-aid network. The food bank is the
/// operator: its staff run the network and see across organisations.
public enum OrganisationKind: String, Sendable, AcceptedValues, CaseIterable {
    case foodBank = "food_bank"
    case partnerAssociation = "partner_association"
    case donor
    case supplier
    case processingWorkshop = "processing_workshop"
    case cityService = "city_service"
    case treatmentSite = "treatment_site"

    /// Whether staff of this kind of organisation operate the whole network.
    public var isOperator: Bool { self == .foodBank }
}
