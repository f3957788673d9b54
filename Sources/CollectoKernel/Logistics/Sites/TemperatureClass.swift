/// The cold chain a good needs, and the storage a site offers.
public enum TemperatureClass: String, Sendable, AcceptedValues, CaseIterable, Hashable {
    case ambient
    case chilled
    case frozen

    /// Whether carrying this needs a refrigerated vehicle.
    public var needsRefrigeration: Bool { self != .ambient }
}
