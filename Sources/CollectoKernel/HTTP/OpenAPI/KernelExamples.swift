import Foundation

// The examples the API description shows for the kernel's request bodies:
// what a food bank's coordinator would send on the deployment's own data.

extension AuthController.LogIn: ExampleBody {
    static func example(_ ids: ExampleIDs) -> String {
        #"{"email": "coordination@banque-alimentaire.example.org", "password": "collecto-demo"}"#
    }
}

extension UsersController.PasswordChange: ExampleBody {
    static func example(_ ids: ExampleIDs) -> String {
        #"{"currentPassword": "collecto-demo", "newPassword": "une phrase de passe assez longue"}"#
    }
}

extension OrganisationService.Input: ExampleBody {
    public static func example(_ ids: ExampleIDs) -> String {
        #"{"kind": "partner_association", "name": "Épicerie solidaire du Blosne", "contactEmail": "contact@epicerie-blosne.example.org", "phone": "02 99 00 00 00"}"#
    }
}

extension SiteService.Input: ExampleBody {
    public static func example(_ ids: ExampleIDs) -> String {
        """
        {"organisationId": "\(ids[.partner])", "name": "Local du Blosne", "address": "12 rue de Hongrie", "postcode": "35200",
         "city": "Rennes", "latitude": 48.0878, "longitude": -1.6512, "serviceMinutes": 15, "storageClasses": ["ambient", "chilled"],
         "openingHours": {"tuesday": [{"from": "09:00", "until": "12:00"}], "thursday": [{"from": "14:00", "until": "18:00"}]}}
        """
    }
}

extension VehicleService.Input: ExampleBody {
    public static func example(_ ids: ExampleIDs) -> String {
        """
        {"ownerOrganisationId": "\(ids[.foodBank])", "name": "Fourgon frigorifique 3", "plate": "GH-\(ids.today.year % 100)\(ids.today.month)-RN",
         "capacityKg": 1200, "capacityLitres": 9000, "refrigerated": true, "availableWeekdays": ["monday", "tuesday", "thursday"]}
        """
    }
}

extension VehicleService.Changes: ExampleBody {
    public static func example(_ ids: ExampleIDs) -> String {
        """
        {"name": "Fourgon frigorifique 1", "plate": "GJ-\(ids.today.year % 100)\(ids.today.month)-RN", "capacityKg": 1100,
         "capacityLitres": 8500, "refrigerated": true, "availableWeekdays": ["monday", "tuesday", "wednesday", "thursday", "friday"]}
        """
    }
}

extension VehiclesController.Unavailability: ExampleBody {
    static func example(_ ids: ExampleIDs) -> String {
        #"{"day": "\#(ids.day(3))", "reason": "contrôle technique"}"#
    }
}

extension TaskService.Input: ExampleBody {
    public static func example(_ ids: ExampleIDs) -> String {
        """
        {"kind": "kernel.manual", "reference": "meubles donnés à une épicerie", "organisationId": "\(ids[.foodBank])",
         "pickup": {"siteId": "\(ids[.warehouse])", "window": {"from": "\(ids.instant(hours: 24))", "until": "\(ids.instant(hours: 30))"}},
         "drop": {"siteId": "\(ids[.partnerSite])", "window": {"from": "\(ids.instant(hours: 24))", "until": "\(ids.instant(hours: 32))"}},
         "kg": 80, "litres": 200, "temperature": "ambient", "isFood": true}
        """
    }
}

extension RoundRequest: ExampleBody {
    public static func example(_ ids: ExampleIDs) -> String {
        """
        {"organisationId": "\(ids[.foodBank])", "day": "\(ids.day(1))", "startTime": "08:30", "vehicleId": "\(ids[.vehicle])",
         "driverUserId": "\(ids[.driver])", "stops": [{"siteId": "\(ids[.warehouse])"}, {"siteId": "\(ids[.partnerSite])"}]}
        """
    }
}

extension UsersController.NewUser: ExampleBody {
    static func example(_ ids: ExampleIDs) -> String {
        """
        {"email": "benevole.\(ids.today.description)@banque-alimentaire.example.org", "displayName": "Camille Bénévole",
         "password": "une phrase de passe assez longue", "memberships": [{"organisationId": "\(ids[.foodBank])", "role": "member"}]}
        """
    }
}

extension UsersController.RoleBody: ExampleBody {
    static func example(_ ids: ExampleIDs) -> String { #"{"role": "member"}"# }
}

extension StopCompletion: ExampleBody {
    public static func example(_ ids: ExampleIDs) -> String {
        #"{"entries": [{"taskId": "\#(ids[.task])", "action": "pickup", "outcome": "done", "actualKg": 42.5, "note": "quai 2"}]}"#
    }
}
