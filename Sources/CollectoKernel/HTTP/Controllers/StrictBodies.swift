/// The fields each kernel request body accepts; anything else is refused.
extension SiteService.Input: StrictBody {
    public enum Field: String, CodingKey, CaseIterable {
        case organisationId, name, address, postcode, city, latitude, longitude, openingHours, storageClasses, serviceMinutes
    }
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
}

extension TaskService.Input: StrictBody {
    public enum Field: String, CodingKey, CaseIterable {
        case kind, reference, organisationId, pickup, drop, kg, litres, temperature, isFood
    }
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
}
