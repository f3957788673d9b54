import CSV
import CollectoKernel
import Foundation

/// The catalogue as CSV, both ways: import is all or nothing with every
/// problem reported by line (the kernel's ``CSVTable``), export writes the
/// same columns through CSV.swift's writer.
///
/// Columns: `code,name,category,unit,unit_weight_kg,temperature,funding_origin,active,max_per_order`.
/// A row whose code exists replaces that product; a new code creates one.
struct CatalogueCSV: Sendable {
    static let columns = ["code", "name", "category", "unit", "unit_weight_kg", "temperature", "funding_origin", "active", "max_per_order"]

    func importCSV(_ text: String, in tx: Transaction) async throws -> (created: Int, updated: Int) {
        let table = try CSVTable(
            text: text, required: ["code", "name", "category", "unit", "unit_weight_kg", "funding_origin"],
            optional: ["temperature", "active", "max_per_order"])
        var problems: [CSVImportError.Problem] = []
        var created = 0
        var updated = 0
        var seen: [String: Int] = [:]
        for record in table.records {
            do {
                let input = try Self.input(record)
                if let first = seen[input.code.uppercased()] {
                    throw KernelError.invalid(field: "code", message: "code \(input.code) is also on line \(first)")
                }
                seen[input.code.uppercased()] = record.line
                if let existing = try await tx.queryFirst("SELECT id FROM foodaid_products WHERE code = ?", [input.code.uppercased()]) {
                    _ = try await CatalogueService().update(try existing.uuid("id"), with: input, in: tx)
                    updated += 1
                } else {
                    _ = try await CatalogueService().create(input, in: tx)
                    created += 1
                }
            } catch let error as any DomainError {
                problems.append(.init(line: record.line, column: error.field.map(Self.column(for:)), message: error.message))
            }
        }
        if !problems.isEmpty { throw CSVImportError(problems: problems) }
        return (created, updated)
    }

    func exportCSV(_ products: [Product]) throws -> String {
        let writer = try CSVExport(header: Self.columns)
        for product in products {
            try writer.row([
                product.code, product.name, product.category.rawValue, product.unit, Self.number(product.unitWeightKg),
                product.temperature.rawValue, product.fundingOrigin.rawValue, product.active ? "true" : "false",
                product.maxPerOrder.map(String.init) ?? "",
            ])
        }
        return writer.text()
    }

    static func input(_ record: CSVTable.Record) throws -> CatalogueService.Input {
        func parse<T: RawRepresentable>(_ column: String, _ type: T.Type) throws -> T where T.RawValue == String {
            guard let text = record[column], let value = T(rawValue: text) else {
                throw KernelError.invalid(field: column, message: "\(column) has an unknown value \(record[column] ?? "(empty)")")
            }
            return value
        }
        guard let weight = record["unit_weight_kg"].flatMap({ Double($0.replacingOccurrences(of: ",", with: ".")) }) else {
            throw KernelError.invalid(field: "unit_weight_kg", message: "unit_weight_kg must be a number")
        }
        var active: Bool?
        if let text = record["active"]?.lowercased() {
            guard ["true", "false", "1", "0", "yes", "no"].contains(text) else {
                throw KernelError.invalid(field: "active", message: "active must be true or false")
            }
            active = ["true", "1", "yes"].contains(text)
        }
        var limit: Int?
        if let text = record["max_per_order"] {
            guard let value = Int(text) else {
                throw KernelError.invalid(field: "max_per_order", message: "max_per_order must be a whole number")
            }
            limit = value
        }
        return CatalogueService.Input(
            code: record["code"] ?? "", name: record["name"] ?? "", category: try parse("category", ProductCategory.self),
            unit: record["unit"] ?? "", unitWeightKg: weight,
            temperature: record["temperature"] == nil ? nil : try parse("temperature", TemperatureClass.self),
            fundingOrigin: try parse("funding_origin", FundingOrigin.self), active: active, maxPerOrder: limit)
    }

    /// The CSV column for an input field named in an error.
    static func column(for field: String) -> String {
        ["unitWeightKg": "unit_weight_kg", "fundingOrigin": "funding_origin", "maxPerOrder": "max_per_order"][field] ?? field
    }

    static func number(_ value: Double) -> String {
        value.rounded() == value && abs(value) < 1e15 ? String(Int(value)) : String(value)
    }
}
