import CollectoKernel

/// The food bank's product families, which set shelf-life rules and the
/// solidarity contribution.
public enum ProductCategory: String, Sendable, AcceptedValues, CaseIterable, Hashable {
    case fruitAndVegetables = "fruit_vegetables"
    case dairy
    case meatAndFish = "meat_fish"
    case dryGrocery = "dry_grocery"
    case drinks
    case baby
    case hygiene
    case preparedMeals = "prepared_meals"

    /// Days a lot may still go out after its best-before date (DDM) unless the
    /// food bank sets otherwise: long for shelf-stable goods, none for fragile ones.
    public var defaultBestBeforeGraceDays: Int {
        switch self {
        case .dryGrocery: 90
        case .drinks: 60
        case .hygiene: 365
        case .fruitAndVegetables, .dairy, .meatAndFish, .baby, .preparedMeals: 0
        }
    }

    /// The cold chain a category needs when nobody says otherwise: a donor
    /// declaring yogurts without a temperature still gets a refrigerated pickup.
    public var defaultTemperature: TemperatureClass {
        switch self {
        case .dairy, .meatAndFish, .preparedMeals: .chilled
        case .fruitAndVegetables, .dryGrocery, .drinks, .baby, .hygiene: .ambient
        }
    }

    /// What a kilogram given is worth on a donor's tax receipt unless the food
    /// bank sets otherwise (euros; a starting point for each food bank to adjust).
    public var defaultGiftValuePerKg: Double {
        switch self {
        case .fruitAndVegetables: 2.0
        case .dairy: 3.0
        case .meatAndFish: 8.0
        case .dryGrocery: 2.5
        case .drinks: 1.0
        case .baby: 6.0
        case .hygiene: 5.0
        case .preparedMeals: 5.0
        }
    }
}

/// Where a product's supply is funded from (reports split by it).
public enum FundingOrigin: String, Sendable, AcceptedValues, CaseIterable, Hashable {
    case euAid = "eu_aid"
    case nationalPurchase = "national_purchase"
    case localPurchase = "local_purchase"
    case donation
}
