import CollectoKernel
import Foundation

/// Creating, changing, listing, importing and exporting catalogue products.
struct CatalogueService: Sendable {
    /// What the food bank sends to create or replace a product.
    struct Input: Sendable, Codable, StrictBody {
        enum Field: String, CodingKey, CaseIterable {
            case code, name, category, unit, unitWeightKg, temperature, fundingOrigin, active, maxPerOrder
        }
        static let ranges: [FieldRange] = [.kilograms("unitWeightKg", 0.001...1_000), .integer("maxPerOrder", 1...100_000)]
        var code: String
        var name: String
        var category: ProductCategory
        var unit: String
        var unitWeightKg: Double
        var temperature: TemperatureClass?
        var fundingOrigin: FundingOrigin
        var active: Bool?
        var maxPerOrder: Int?

        func validate() throws {
            try Validate.nonEmpty(code, field: "code", maxLength: 40)
            guard code.allSatisfy({ $0.isASCII && ($0.isLetter || $0.isNumber || $0 == "-" || $0 == "_") }) else {
                throw KernelError.invalid(field: "code", message: "code uses letters, digits, - and _ only")
            }
            try Validate.nonEmpty(name, field: "name", maxLength: 200)
            try Validate.nonEmpty(unit, field: "unit", maxLength: 60)
            guard unitWeightKg > 0, unitWeightKg <= 1_000 else {
                throw KernelError.invalid(field: "unitWeightKg", message: "unitWeightKg must be above 0 and at most 1000")
            }
            if let maxPerOrder { try Validate.range(maxPerOrder, 1...100_000, field: "maxPerOrder") }
        }
    }

    func create(_ input: Input, in tx: Transaction) async throws -> Product {
        try input.validate()
        let code = input.code.uppercased()
        if try await tx.queryFirst("SELECT id FROM foodaid_products WHERE code = ?", [code]) != nil {
            throw FoodAidError.productCodeTaken(code: code, product: nil)
        }
        let product = Product(
            id: UUID(), code: code, name: input.name, category: input.category, unit: input.unit, unitWeightKg: input.unitWeightKg,
            temperature: input.temperature ?? .ambient, fundingOrigin: input.fundingOrigin, active: input.active ?? true,
            maxPerOrder: input.maxPerOrder, createdAt: tx.now, updatedAt: tx.now)
        try await tx.execute(
            """
            INSERT INTO foodaid_products (id, code, name, category, unit, unit_weight_kg, temperature, funding_origin, active,
                max_per_order, created_at, updated_at) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)
            """,
            [
                product.id, product.code, product.name, product.category.rawValue, product.unit, product.unitWeightKg,
                product.temperature.rawValue, product.fundingOrigin.rawValue, product.active, product.maxPerOrder, product.createdAt,
                product.updatedAt,
            ])
        return product
    }

    func update(_ id: UUID, with input: Input, in tx: Transaction) async throws -> Product {
        try input.validate()
        guard var product = try await get(id, in: tx) else { throw KernelError.notFound(entity: "product", id: id.uuidString) }
        let code = input.code.uppercased()
        if let other = try await tx.queryFirst("SELECT id FROM foodaid_products WHERE code = ? AND id <> ?", [code, id]) {
            throw FoodAidError.productCodeTaken(code: code, product: try other.string("id"))
        }
        product.code = code
        product.name = input.name
        product.category = input.category
        product.unit = input.unit
        product.unitWeightKg = input.unitWeightKg
        product.temperature = input.temperature ?? product.temperature
        product.fundingOrigin = input.fundingOrigin
        product.active = input.active ?? product.active
        product.maxPerOrder = input.maxPerOrder
        product.updatedAt = tx.now
        try await tx.execute(
            """
            UPDATE foodaid_products SET code = ?, name = ?, category = ?, unit = ?, unit_weight_kg = ?, temperature = ?,
                funding_origin = ?, active = ?, max_per_order = ?, updated_at = ? WHERE id = ?
            """,
            [
                product.code, product.name, product.category.rawValue, product.unit, product.unitWeightKg, product.temperature.rawValue,
                product.fundingOrigin.rawValue, product.active, product.maxPerOrder, product.updatedAt, id,
            ])
        return product
    }

    func get(_ id: UUID, in db: any SQLExecutor) async throws -> Product? {
        try await db.queryFirst("SELECT * FROM foodaid_products WHERE id = ?", [id]).map(Self.product)
    }

    /// Products, optionally only active ones or one category, by code.
    /// Products, optionally only active ones or of one category, filtered and paged in SQL, with how many match.
    func list(activeOnly: Bool, category: ProductCategory?, page: PageRequest? = nil, in db: any SQLExecutor) async throws
        -> Page<Product>
    {
        var query = SQLListQuery("SELECT * FROM foodaid_products")
        query.filter("active = ?", activeOnly ? 1 : nil)
        query.filter("category = ?", category?.rawValue)
        query.order(by: "code, id", page: page)
        return try await query.page(in: db, each: Self.product)
    }

    static func product(_ row: SQLRow) throws -> Product {
        Product(
            id: try row.uuid("id"), code: try row.string("code"), name: try row.string("name"),
            category: try row.value(ProductCategory.self, "category"), unit: try row.string("unit"),
            unitWeightKg: try row.double("unit_weight_kg"),
            temperature: try row.value(TemperatureClass.self, "temperature"),
            fundingOrigin: try row.value(FundingOrigin.self, "funding_origin"), active: try row.bool("active"),
            maxPerOrder: try row.optionalInt("max_per_order"), createdAt: try row.instant("created_at"),
            updatedAt: try row.instant("updated_at"))
    }
}
