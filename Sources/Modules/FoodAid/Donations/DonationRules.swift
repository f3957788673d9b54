import CollectoKernel
import Foundation

/// The food bank's donation settings, stored so that they can change without
/// a redeploy: the use-by margin at take-over (French rule: 48 hours) and how
/// far a local offer is broadcast to partners.
struct DonationRules: Sendable, Codable, StrictBody {
    enum Field: String, CodingKey, CaseIterable { case minimumUseByHours, broadcastRadiusKm }
    static let ranges: [FieldRange] = [.integer("minimumUseByHours", 0...240), .number("broadcastRadiusKm", 0.1...200)]

    var minimumUseByHours: Int
    var broadcastRadiusKm: Double

    static let defaults = DonationRules(minimumUseByHours: 48, broadcastRadiusKm: 10)

    static func load(in db: any SQLExecutor) async throws -> DonationRules {
        guard let row = try await db.queryFirst("SELECT value FROM foodaid_settings WHERE key = 'donation_rules'") else { return defaults }
        return try row.json("value")
    }

    func save(in tx: Transaction) async throws {
        try Validate.range(minimumUseByHours, 0...240, field: "minimumUseByHours")
        try Validate.range(broadcastRadiusKm, 0.1...200, field: "broadcastRadiusKm")
        try await tx.execute("DELETE FROM foodaid_settings WHERE key = 'donation_rules'")
        try await tx.execute("INSERT INTO foodaid_settings (key, value) VALUES ('donation_rules', ?)", [try JSONText.encode(self)])
    }
}
