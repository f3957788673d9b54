import Foundation

/// A setting a module reads from the deployment's configuration, under its
/// id: `biowaste.emissionFactors.composting.source` is the option
/// `emissionFactors.composting.source` of the module `biowaste`, also set by
/// `COLLECTOD_BIOWASTE_EMISSION_FACTORS_COMPOSTING_SOURCE`.
public struct ModuleOption: Sendable, Hashable {
    public var key: String
    public var summary: String
    public var defaultValue: String

    public init(_ key: String, summary: String, default defaultValue: String) {
        self.key = key
        self.summary = summary
        self.defaultValue = defaultValue
    }
}

/// A module's option values as configured, defaults filled in.
public struct ModuleOptions: Sendable, Hashable {
    public let values: [String: String]

    public init(_ values: [String: String] = [:]) {
        self.values = values
    }

    /// The options `declared`, each from `configured` or its default.
    public init(declared: [ModuleOption], configured: [String: String]) {
        var values: [String: String] = [:]
        for option in declared { values[option.key] = configured[option.key] ?? option.defaultValue }
        self.values = values
    }

    public func string(_ key: String) -> String? { values[key] }
    public func double(_ key: String) -> Double? { values[key].flatMap(Double.init) }
}
