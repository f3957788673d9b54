import CollectoKernel
import Foundation

/// Greenhouse gases avoided per tonne of biowaste, by treatment, with where
/// each figure comes from. They are module options, written in the
/// deployment's configuration (`biowaste.emissionFactors.*` in
/// `config/collectod.json`) next to their source, so a city sets the factors
/// of its own territory and every report says which it used.
struct EmissionFactors: Sendable, Codable, Hashable {
    /// One treatment's factor.
    struct Factor: Sendable, Codable, Hashable {
        var kgCO2ePerTonne: Double
        var source: String
    }
    var composting: Factor
    var methanisation: Factor

    static let placeholder = "placeholder: set the factor of your territory and its source in the configuration"

    /// The options Biowaste declares.
    static let options: [ModuleOption] = [
        ModuleOption("emissionFactors.composting.kgCO2ePerTonne", summary: "kg CO2e avoided per tonne composted", default: "100"),
        ModuleOption("emissionFactors.composting.source", summary: "Where the composting factor comes from", default: placeholder),
        ModuleOption("emissionFactors.methanisation.kgCO2ePerTonne", summary: "kg CO2e avoided per tonne methanised", default: "150"),
        ModuleOption("emissionFactors.methanisation.source", summary: "Where the methanisation factor comes from", default: placeholder),
    ]

    /// The factors the configuration gives.
    init(_ options: ModuleOptions) throws {
        func factor(_ treatment: String) throws -> Factor {
            let key = "emissionFactors.\(treatment).kgCO2ePerTonne"
            guard let value = options.double(key), value >= 0, value <= 10_000 else {
                throw KernelError.invalid(field: "biowaste.\(key)", message: "a number of kg CO2e per tonne, 0 to 10000")
            }
            return Factor(kgCO2ePerTonne: value, source: options.string("emissionFactors.\(treatment).source") ?? Self.placeholder)
        }
        composting = try factor("composting")
        methanisation = try factor("methanisation")
    }

    func factor(_ treatment: Treatment) -> Factor {
        switch treatment {
        case .composting: composting
        case .methanisation: methanisation
        }
    }
}
