/// The fields each kernel request body accepts; anything else is refused.
extension SiteService.Input: StrictBody {
    public enum Field: String, CodingKey, CaseIterable {
        case organisationId, name, address, postcode, city, latitude, longitude, openingHours, storageClasses, serviceMinutes
    }
    public static let ranges: [FieldRange] = [
        .number("latitude", -90...90), .number("longitude", -180...180), .integer("serviceMinutes", 0...480),
    ]
}

extension OrganisationService.Input: StrictBody {
    public enum Field: String, CodingKey, CaseIterable {
        case name, kind, contactEmail, phone
    }
}

extension VehicleService.Input: StrictBody {
    public enum Field: String, CodingKey, CaseIterable {
        case ownerOrganisationId, name, plate, capacityKg, capacityLitres, refrigerated, sharedWith, availableWeekdays, unavailableDays
    }
    public static let ranges: [FieldRange] = [.kilograms("capacityKg", 1...40_000), .number("capacityLitres", 1...100_000)]
}

extension VehicleService.Changes: StrictBody {
    public enum Field: String, CodingKey, CaseIterable {
        case name, plate, capacityKg, capacityLitres, refrigerated, availableWeekdays, sharedWith
    }
    public static let ranges: [FieldRange] = [.kilograms("capacityKg", 1...40_000), .number("capacityLitres", 1...100_000)]
}

extension TaskService.Input: StrictBody {
    public enum Field: String, CodingKey, CaseIterable {
        case kind, reference, organisationId, pickup, drop, kg, litres, temperature, isFood
    }
    public static let ranges: [FieldRange] = [.kilograms("kg", 0...40_000), .number("litres", 0...100_000)]
}

extension RoundRequest: StrictBody {
    public enum Field: String, CodingKey, CaseIterable {
        case organisationId, day, startTime, vehicleId, driverUserId, stops
    }
}

extension StopCompletion: StrictBody {
    public enum Field: String, CodingKey, CaseIterable {
        case entries
    }
    public static let ranges: [FieldRange] = [.kilograms("entries[].actualKg", 0...40_000)]
}
