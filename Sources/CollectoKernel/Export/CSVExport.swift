import CSV
import Foundation

/// The one way collectod writes CSV, so that every export (registers,
/// reports, the catalogue, the balance) is safe to open in a spreadsheet: a
/// cell a spreadsheet would run as a formula (beginning with `=`, `+`, `-`,
/// `@`, a tab or a carriage return) is written with a leading apostrophe, as
/// OWASP advises. Plain numbers (`-0.5`, `+3`) are left as they are, so
/// figures stay figures.
public struct CSVExport {
    private let stream = OutputStream(toMemory: ())
    private let writer: CSVWriter

    /// Starts an export with its header row.
    public init(header: [String]) throws {
        writer = try CSVWriter(stream: stream)
        try writer.write(row: header.map(Self.neutralised))
    }

    /// Writes one row, each cell neutralised.
    public func row(_ cells: [String]) throws {
        try writer.write(row: cells.map(Self.neutralised))
    }

    /// The CSV written so far, closed, its ids in lower case as in the JSON.
    public func text() -> String {
        writer.stream.close()
        let data = stream.property(forKey: .dataWrittenToMemoryStreamKey) as? Data ?? Data()
        return String(decoding: LowercaseIdentifiers.lowercased(data), as: UTF8.self)
    }

    /// `cell`, or `'cell` when a spreadsheet would read it as a formula.
    public static func neutralised(_ cell: String) -> String {
        guard let first = cell.unicodeScalars.first, ["=", "+", "-", "@", "\t", "\r"].contains(first) else { return cell }
        if (first == "-" || first == "+"), Double(cell) != nil, cell.allSatisfy({ $0.isNumber || "+-.eE".contains($0) }) { return cell }
        return "'" + cell
    }
}
