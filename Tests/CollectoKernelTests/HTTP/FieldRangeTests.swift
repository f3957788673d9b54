import CollectoKernel
import Foundation
import Testing

/// Declared ranges are checked on the raw JSON, each refusal naming the field as the client wrote it.
@Suite struct FieldRangeTests {
    struct Body: StrictBody {
        enum Field: String, CodingKey, CaseIterable { case quantity, lines, haccp }
        struct Line: Decodable { let kg: Double }
        struct HACCP: Decodable { let ph: Double? }
        let quantity: Int
        let lines: [Line]
        let haccp: HACCP?
        static let ranges: [FieldRange] = [
            .integer("quantity", 1...100), .kilograms("lines[].kg", 0.001...50), .number("haccp.ph", 0...14),
        ]
    }

    func refusal(_ json: String) -> RequestError? {
        do {
            _ = try JSONBody.decodeStrict(Body.self, from: Data(json.utf8))
            return nil
        } catch let error as RequestError {
            return error
        } catch {
            return nil
        }
    }

    @Test func aValueOutsideItsRangeIsRefusedNamingItsPathAndIndex() {
        #expect(refusal(#"{"quantity": 5, "lines": [{"kg": 1}, {"kg": 51}]}"#)?.field == "lines[1].kg")
        #expect(refusal(#"{"quantity": 9223372036854775807, "lines": []}"#)?.field == "quantity")
        #expect(refusal(#"{"quantity": 1e300, "lines": []}"#)?.field == "quantity")
        #expect(refusal(#"{"quantity": 0, "lines": []}"#)?.message == "quantity must be between 1 and 100")
        #expect(refusal(#"{"quantity": 2, "lines": [], "haccp": {"ph": 15}}"#)?.field == "haccp.ph")
    }

    @Test func countsAreWholeAndWeightsAreToTheGram() {
        #expect(refusal(#"{"quantity": 2.5, "lines": []}"#)?.message == "quantity must be a whole number")
        #expect(refusal(#"{"quantity": 2, "lines": [{"kg": 1.0005}]}"#)?.message == "lines[0].kg has more than 3 decimals")
        #expect(refusal(#"{"quantity": 2, "lines": [{"kg": 21.432}, {"kg": 0.001}]}"#) == nil)
        #expect(refusal(#"{"quantity": 2, "lines": [], "haccp": {"ph": null}}"#) == nil)
    }

    @Test func aLargeWeightIsToTheGramToo() {
        let tonnes = FieldRange.kilograms("kg", 0...1_000_000)
        #expect(tonnes.problem(with: 456_006.150_381_943_15) == "has more than 3 decimals")
        #expect(tonnes.problem(with: 456_006.15) == nil)
        #expect(tonnes.problem(with: 999_999.999) == nil)
        #expect(tonnes.problem(with: 0.1 + 0.2) == nil)
    }

    @Test func gramsNeverTrapOnAnyFloatingValue() {
        #expect(Grams.of(kg: 210.432) == 210_432)
        #expect(Grams.of(kg: .infinity) == 0)
        #expect(Grams.of(kg: 1e300) == Grams.maximum)
        #expect(Grams.kg(210_432) == 210.432)
        #expect(Grams.whole(1e300, rounding: .up, in: 0...3_650) == 3_650)
    }

    @Test func anIntegerColumnHoldingAnOverflowedRealIsAStorageErrorNotATrap() throws {
        let row = SQLRow(columns: ["on_hand"], values: [.real(9.3e18)])
        #expect(throws: StorageError.self) { try row.int("on_hand") }
        #expect(try SQLRow(columns: ["on_hand"], values: [.real(12)]).int("on_hand") == 12)
    }
}
