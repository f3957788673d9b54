/// A string-valued enum that the API decodes: an unknown value is refused
/// with the list of the values that are accepted ("caviar is not one of
/// fruit_vegetables, dairy, …"), instead of Swift's generic message, so a
/// client reading the 422 knows what to send.
public protocol AcceptedValues: CaseIterable, RawRepresentable, Codable where RawValue == String {}

extension AcceptedValues {
    public init(from decoder: any Decoder) throws {
        let container = try decoder.singleValueContainer()
        let text = try container.decode(String.self)
        guard let value = Self(rawValue: text) else {
            throw DecodingError.dataCorruptedError(
                in: container, debugDescription: "\(text) is not one of \(Self.allCases.map(\.rawValue).joined(separator: ", "))")
        }
        self = value
    }
}
