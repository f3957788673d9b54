import CollectoKernel
import Foundation

// The biowaste request text fields that may not be blank, with their longest
// length: checked when the body is read and listed in the API description.

extension RegisterService.Correction {
    public static var texts: [FieldRange] { [.text("reason", maxLength: 500)] }
}

extension PointService.ContainerInput {
    public static var texts: [FieldRange] { [.text("type", maxLength: 60)] }
}
