import CollectoKernel
import Foundation

// FoodAid's request text fields that may not be blank, with their longest
// length: checked when the body is read and listed in the API description.

extension CatalogueService.Input {
    public static var texts: [FieldRange] { [.text("code", maxLength: 40), .text("name", maxLength: 200), .text("unit", maxLength: 60)] }
}

extension StockUseCases.Correction {
    public static var texts: [FieldRange] { [.text("reason", maxLength: 500)] }
}

extension StockService.Receipt {
    public static var texts: [FieldRange] { [.text("originReference", maxLength: 200)] }
}

extension RecallService.Request {
    public static var texts: [FieldRange] { [.text("reason", maxLength: 500)] }
}

extension LiftQuarantine.Request {
    public static var texts: [FieldRange] { [.text("reason", maxLength: 500)] }
}

extension Surplus.Input {
    public static var texts: [FieldRange] { [.text("description", maxLength: 300)] }
}

extension Equipment.Input {
    public static var texts: [FieldRange] { [.text("name", maxLength: 200), .text("kind", maxLength: 60)] }
}

extension SharingController.Cancellation {
    public static var texts: [FieldRange] { [.text("reason", maxLength: 500)] }
}

extension OrderService.Cancellation {
    public static var texts: [FieldRange] { [.text("reason", maxLength: 500)] }
}

extension WindowService.Input {
    public static var texts: [FieldRange] { [.text("name", maxLength: 200)] }
}

extension DonationsController.Reason {
    public static var texts: [FieldRange] { [.text("reason", maxLength: 500)] }
}

extension SortingService.Sorting {
    public static var texts: [FieldRange] { [.text("unfit[].reason", maxLength: 300), .text("weightDifferenceReason", maxLength: 500)] }
}

extension OfferService.Declaration {
    public static var texts: [FieldRange] { [.text("lines[].description", maxLength: 300)] }
}

extension ParcelComposition.Input {
    public static var texts: [FieldRange] { [.text("name", maxLength: 200)] }
}

extension PartnerProfile.Rejection {
    public static var texts: [FieldRange] { [.text("reason", maxLength: 500)] }
}
