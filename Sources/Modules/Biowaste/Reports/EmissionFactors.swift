import CollectoKernel
import Foundation

/// Greenhouse gases avoided per tonne of biowaste, by treatment, with where
/// each figure comes from. Stored with the module's settings so the city can
/// set its own factors and cite their source; the defaults say they are
/// placeholders to be replaced.
struct EmissionFactors: Sendable, Codable, Hashable, StrictBody {
    enum Field: String, CodingKey, CaseIterable { case composting, methanisation }
    /// One treatment's factor.
    struct Factor: Sendable, Codable, Hashable {
        var kgCO2ePerTonne: Double
        var source: String
    }
    var composting: Factor
    var methanisation: Factor

    static let defaults = EmissionFactors(
        composting: .init(
            kgCO2ePerTonne: 100,
            source: "placeholder: replace with your territory's factor (e.g. ADEME Base Empreinte, composting vs. incineration)"),
        methanisation: .init(
            kgCO2ePerTonne: 150,
            source: "placeholder: replace with your territory's factor (e.g. ADEME Base Empreinte, anaerobic digestion vs. incineration)"))

    func factor(_ treatment: Treatment) -> Factor {
        switch treatment {
        case .composting: composting
        case .methanisation: methanisation
        }
    }

    static func load(in db: any SQLExecutor) async throws -> EmissionFactors {
        guard let row = try await db.queryFirst("SELECT value FROM biowaste_settings WHERE key = 'emission_factors'") else {
            return defaults
        }
        return try row.json("value")
    }

    func save(in tx: Transaction) async throws {
        for (field, factor) in [("composting", composting), ("methanisation", methanisation)] {
            try Validate.range(factor.kgCO2ePerTonne, 0...10_000, field: "\(field).kgCO2ePerTonne")
            try Validate.nonEmpty(factor.source, field: "\(field).source", maxLength: 500)
        }
        try await tx.execute("DELETE FROM biowaste_settings WHERE key = 'emission_factors'")
        try await tx.execute("INSERT INTO biowaste_settings (key, value) VALUES ('emission_factors', ?)", [try JSONText.encode(self)])
    }
}
