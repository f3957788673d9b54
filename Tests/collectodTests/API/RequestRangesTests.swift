import CollectoKernel
import CollectoTestSupport
import Foundation
import Testing

@testable import collectod

/// Every number a client can send has a declared range, checked when the body
/// is read: no quantity of 10^15, no change of 2^63 that overflows a column.
@Suite struct RequestRangesTests {
    static func operations() async throws -> [APIOperation] {
        let test = try await TestKernel.make(modules: InstalledModules.all)
        return APIRouterBuilder(kernel: test.kernel).build().operations
    }

    @Test func everyRequestBodyCanBeWalkedFieldByField() async throws {
        for operation in try await Self.operations() {
            guard let shape = operation.bodyShape else { continue }
            #expect(shape.unreadable == nil, "\(operation.method) \(operation.path): \(shape.typeName): \(shape.unreadable ?? "")")
            #expect(!shape.fields.isEmpty, "\(operation.method) \(operation.path): \(shape.typeName) shows no field")
        }
    }

    @Test func everyNumericFieldOfEveryBodyDeclaresItsRange() async throws {
        var missing: [String] = []
        for operation in try await Self.operations() {
            guard let shape = operation.bodyShape else { continue }
            let declared = Set(operation.bodyRanges.map(\.path))
            for field in shape.numericFields where !declared.contains(field.path) {
                missing.append("\(shape.typeName).\(field.path)")
            }
        }
        #expect(Set(missing).sorted() == [], "numeric fields without a range")
    }

    @Test func everyDeclaredRangeNamesAFieldOfItsBody() async throws {
        for operation in try await Self.operations() {
            guard let shape = operation.bodyShape else { continue }
            let numeric = Set(shape.numericFields.map(\.path))
            let texts = Set(shape.fields.filter { $0.kind == .string }.map(\.path))
            for range in operation.bodyRanges {
                if range.maxLength != nil {
                    #expect(texts.contains(range.path), "\(shape.typeName) declares a text rule for \(range.path), which is no text of it")
                } else {
                    #expect(numeric.contains(range.path), "\(shape.typeName) declares a range for \(range.path), which is no number of it")
                }
            }
        }
    }
}
