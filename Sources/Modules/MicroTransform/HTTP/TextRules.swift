import CollectoKernel
import Foundation

// The workshop's request text fields that may not be blank, with their
// longest length: checked when the body is read and listed in the API description.

extension IntakeService.Declaration {
    public static var texts: [FieldRange] { [.text("productName", maxLength: 200)] }
}

extension IntakeController.Refusal {
    public static var texts: [FieldRange] { [.text("reason", maxLength: 500)] }
}

extension RecipeInput {
    public static var texts: [FieldRange] {
        [
            .text("name", maxLength: 200), .text("output.name", maxLength: 200), .text("output.productCode", maxLength: 40),
            .text("steps[].name", maxLength: 100), .text("steps[].equipmentType", maxLength: 60),
        ]
    }
}

extension ResourceService.EquipmentInput {
    public static var texts: [FieldRange] { [.text("name", maxLength: 100), .text("type", maxLength: 60)] }
}

extension ResourceService.UnavailabilityInput {
    public static var texts: [FieldRange] { [.text("reason", maxLength: 300)] }
}

extension RecipesController.Closure {
    public static var texts: [FieldRange] { [.text("reason", maxLength: 300)] }
}

extension BatchRunService.Decision {
    public static var texts: [FieldRange] { [.text("reason", maxLength: 500)] }
}

extension Genealogy.RecallRequest {
    public static var texts: [FieldRange] { [.text("reason", maxLength: 500)] }
}
