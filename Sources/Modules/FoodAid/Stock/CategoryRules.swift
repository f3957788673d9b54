import CollectoKernel
import Foundation

/// The food bank's per-category settings: best-before grace days and the
/// solidarity contribution per kg; defaults apply where none is stored.
struct CategoryRules: Sendable {
    /// One category's settings.
    struct Rule: Sendable, Codable, StrictBody {
        enum Field: String, CodingKey, CaseIterable { case bestBeforeGraceDays, contributionPerKg, giftValuePerKg }
        static let ranges: [FieldRange] = [
            .integer("bestBeforeGraceDays", 0...3650), .number("contributionPerKg", 0...100), .number("giftValuePerKg", 0...1000),
        ]
        var bestBeforeGraceDays: Int
        var contributionPerKg: Double
        /// Value of a kilogram given, for donors' tax receipts.
        var giftValuePerKg: Double?
    }

    func shelfLife(in db: any SQLExecutor) async throws -> ShelfLifeRules {
        var grace: [ProductCategory: Int] = [:]
        for row in try await db.query("SELECT category, best_before_grace_days FROM foodaid_category_rules") {
            if let category = ProductCategory(rawValue: try row.string("category")) {
                grace[category] = try row.int("best_before_grace_days")
            }
        }
        return ShelfLifeRules(graceDays: grace)
    }

    func all(in db: any SQLExecutor) async throws -> [String: Rule] {
        var rules: [String: Rule] = [:]
        for category in ProductCategory.allCases {
            rules[category.rawValue] = Rule(
                bestBeforeGraceDays: category.defaultBestBeforeGraceDays, contributionPerKg: 0,
                giftValuePerKg: category.defaultGiftValuePerKg)
        }
        for row in try await db.query("SELECT * FROM foodaid_category_rules") {
            let category = try row.string("category")
            rules[category] = Rule(
                bestBeforeGraceDays: try row.int("best_before_grace_days"), contributionPerKg: try row.double("contribution_per_kg"),
                giftValuePerKg: try row.optionalDouble("gift_value_per_kg") ?? ProductCategory(rawValue: category)?.defaultGiftValuePerKg)
        }
        return rules
    }

    func set(_ category: ProductCategory, _ rule: Rule, in tx: Transaction) async throws {
        try Validate.range(rule.bestBeforeGraceDays, 0...3650, field: "bestBeforeGraceDays")
        try Validate.range(rule.contributionPerKg, 0...100, field: "contributionPerKg")
        if let value = rule.giftValuePerKg { try Validate.range(value, 0...1000, field: "giftValuePerKg") }
        try await tx.execute("DELETE FROM foodaid_category_rules WHERE category = ?", [category.rawValue])
        try await tx.execute(
            "INSERT INTO foodaid_category_rules (category, best_before_grace_days, contribution_per_kg, gift_value_per_kg) VALUES (?, ?, ?, ?)",
            [category.rawValue, rule.bestBeforeGraceDays, rule.contributionPerKg, rule.giftValuePerKg])
    }
}
