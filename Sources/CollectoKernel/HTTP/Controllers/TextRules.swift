import Foundation

// The kernel's request text fields that may not be blank, with their longest
// length: checked when the body is read and listed in the API description.

extension OrganisationService.Input {
    public static var texts: [FieldRange] { [.text("name", maxLength: 200)] }
}

extension SiteService.Input {
    public static var texts: [FieldRange] { [.text("name", maxLength: 200), .text("address", maxLength: 500)] }
}

extension VehicleService.Input {
    public static var texts: [FieldRange] { [.text("name", maxLength: 200), .text("plate", maxLength: 20)] }
}

extension VehiclesController.Unavailability {
    public static var texts: [FieldRange] { [.text("reason", maxLength: 500)] }
}

extension TaskService.Input {
    public static var texts: [FieldRange] { [.text("reference", maxLength: 200)] }
}

extension UsersController.NewUser {
    public static var texts: [FieldRange] { [.text("displayName", maxLength: 200)] }
}
