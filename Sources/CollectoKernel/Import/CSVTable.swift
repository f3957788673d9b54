import CSV
import Foundation

/// A CSV file read with a header row (through CSV.swift), each record keeping
/// the line it starts on so that errors can point at it.
public struct CSVTable: Sendable {
    /// One record: its first line in the file and its fields by column name.
    public struct Record: Sendable {
        public let line: Int
        public let fields: [String: String]

        /// A field, trimmed; nil when the column is absent or the cell empty.
        public subscript(_ column: String) -> String? {
            guard let value = fields[column]?.trimmingCharacters(in: .whitespaces), !value.isEmpty else { return nil }
            return value
        }
    }

    public let header: [String]
    public let records: [Record]

    /// Parses `text`; throws ``CSVImportError`` if the header is missing or lacks a required column.
    public init(text: String, required: [String], optional: [String]) throws {
        let reader: CSVReader
        do {
            reader = try CSVReader(string: text, hasHeaderRow: true)
        } catch {
            throw CSVImportError(problems: [.init(line: 1, column: nil, message: "the file has no header row")])
        }
        let header = (reader.headerRow ?? []).map { $0.trimmingCharacters(in: .whitespaces).lowercased() }
        let missing = required.filter { !header.contains($0) }
        let unknown = header.filter { !required.contains($0) && !optional.contains($0) }
        var problems = missing.map { CSVImportError.Problem(line: 1, column: $0, message: "required column \($0) is missing") }
        problems += unknown.map { CSVImportError.Problem(line: 1, column: $0, message: "unknown column \($0)") }
        if !problems.isEmpty { throw CSVImportError(problems: problems) }
        var records: [Record] = []
        var line = 2
        while let row = reader.next() {
            let consumed = 1 + row.reduce(0) { $0 + $1.filter { $0 == "\n" }.count }
            defer { line += consumed }
            if row.allSatisfy({ $0.trimmingCharacters(in: .whitespaces).isEmpty }) { continue }
            guard row.count == header.count else {
                problems.append(.init(line: line, column: nil, message: "expected \(header.count) fields, found \(row.count)"))
                continue
            }
            records.append(Record(line: line, fields: Dictionary(zip(header, row), uniquingKeysWith: { first, _ in first })))
        }
        if !problems.isEmpty { throw CSVImportError(problems: problems) }
        self.header = header
        self.records = records
    }
}

/// Everything wrong with an import file, line by line. Nothing is imported
/// when there is any problem.
public struct CSVImportError: Error, Sendable, CustomStringConvertible {
    /// One problem at one line.
    public struct Problem: Sendable, Hashable {
        public let line: Int
        public let column: String?
        public let message: String

        public init(line: Int, column: String?, message: String) {
            self.line = line
            self.column = column
            self.message = message
        }
    }

    public let problems: [Problem]

    public init(problems: [Problem]) {
        self.problems = problems
    }

    public var description: String {
        problems.map { "line \($0.line)\($0.column.map { ", column \($0)" } ?? ""): \($0.message)" }.joined(separator: "\n")
    }
}

/// What an import did.
public struct CSVImportReport: Sendable, Equatable {
    public let imported: Int
}
