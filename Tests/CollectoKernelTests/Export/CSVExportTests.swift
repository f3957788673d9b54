import CollectoKernel
import Testing

/// A cell a spreadsheet would run as a formula comes out inert; figures stay figures.
@Suite struct CSVExportTests {
    @Test(arguments: [
        (#"=HYPERLINK("http://evil.example/x","clic")"#, #"'=HYPERLINK("http://evil.example/x","clic")"#), ("+33 6 12", "'+33 6 12"),
        ("-2+3", "'-2+3"), ("@SUM(A1)", "'@SUM(A1)"), ("\tcmd", "'\tcmd"), ("\rcmd", "'\rcmd"),
        ("-0.5", "-0.5"), ("+3", "+3"), ("210.432", "210.432"), ("Épicerie", "Épicerie"), ("", ""),
    ])
    func aFormulaIsWrittenInert(_ cell: String, _ written: String) {
        #expect(CSVExport.neutralised(cell) == written)
    }

    @Test func everyRowAndTheHeaderAreNeutralised() throws {
        let export = try CSVExport(header: ["name", "kg"])
        try export.row(["=1+1", "-1.25"])
        let lines = export.text().split(whereSeparator: \.isNewline)
        #expect(lines == ["name,kg", "'=1+1,-1.25"])
    }
}
