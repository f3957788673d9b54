import Foundation

/// Field checks shared by kernel and modules; each failure names the field.
public enum Validate {
    public static func nonEmpty(_ value: String, field: String, maxLength: Int = 500) throws {
        let trimmed = value.trimmingCharacters(in: .whitespacesAndNewlines)
        if trimmed.isEmpty { throw KernelError.invalid(field: field, message: "\(field) must not be empty") }
        if trimmed.count > maxLength {
            throw KernelError.invalid(field: field, message: "\(field) is longer than \(maxLength) characters")
        }
    }

    public static func email(_ value: String, field: String) throws {
        let parts = value.split(separator: "@", omittingEmptySubsequences: false)
        guard parts.count == 2, !parts[0].isEmpty, parts[1].contains("."), !parts[1].hasPrefix("."),
            !parts[1].hasSuffix("."), !value.contains(" "), value.count <= 254
        else { throw KernelError.invalid(field: field, message: "\(field) is not an email address") }
    }

    public static func range(_ value: Double, _ bounds: ClosedRange<Double>, field: String) throws {
        guard value.isFinite, bounds.contains(value) else {
            throw KernelError.invalid(field: field, message: "\(field) must be between \(bounds.lowerBound) and \(bounds.upperBound)")
        }
    }

    public static func range(_ value: Int, _ bounds: ClosedRange<Int>, field: String) throws {
        guard bounds.contains(value) else {
            throw KernelError.invalid(field: field, message: "\(field) must be between \(bounds.lowerBound) and \(bounds.upperBound)")
        }
    }

    public static func latitude(_ value: Double, field: String = "latitude") throws {
        try range(value, -90...90, field: field)
    }

    public static func longitude(_ value: Double, field: String = "longitude") throws {
        try range(value, -180...180, field: field)
    }

    /// Parses a UUID given as text, or throws naming the field.
    public static func uuid(_ value: String, field: String) throws -> UUID {
        guard let uuid = UUID(uuidString: value) else {
            throw KernelError.invalid(field: field, message: "\(field) is not a UUID")
        }
        return uuid
    }
}
