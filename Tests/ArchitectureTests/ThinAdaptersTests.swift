import Foundation
import Testing

/// Controllers are adapters: they decode, call one use case, and encode or
/// render. So no file under a module's `HTTP/` folder, nor any of the
/// kernel's controllers (`HTTP/Controllers/`), opens a unit of work,
/// decides access, writes an audit entry, publishes an event or holds SQL:
/// a rule written there is a rule the web pages would miss (ADR 8).
@Suite struct ThinAdaptersTests {
    /// What may not appear in an adapter, and why.
    static let forbidden: [(pattern: String, what: String)] = [
        (#"\bUnitOfWorkRunner\b"#, "a unit of work"),
        (#"\bunits\."#, "a unit of work"),
        (#"\.write\(by:"#, "a unit of work"),
        (#"\.read\s*\{"#, "a unit of work"),
        (#"\.read\(\{"#, "a unit of work"),
        (#"\.transaction\b"#, "a transaction"),
        (#"\bTransaction\b"#, "a transaction"),
        (#"\bSQLExecutor\b"#, "SQL access"),
        (#"\bSQLDatabase\b"#, "SQL access"),
        (#"\.require\("#, "an access decision"),
        (#"\bisHeld\b"#, "an access decision"),
        (#"\bcanRead\b"#, "an access decision"),
        (#"\bcanManage\b"#, "an access decision"),
        (#"\bcanAdminister\b"#, "an access decision"),
        (#"\bmanagesEverything\b"#, "an access decision"),
        (#"\bseesEverything\b"#, "an access decision"),
        (#"\boperatorRole\b"#, "an access decision"),
        (#"\breadableOrganisations\b"#, "an access decision"),
        (#"\brole\(in:"#, "an access decision"),
        (#"\bPermissions?\b"#, "an access decision"),
        (#"\w+Access\."#, "an access decision"),
        (#"\baudit\("#, "an audit entry"),
        (#"\bpublish\("#, "an event"),
        (#""[^"\n]*\b(SELECT|INSERT|UPDATE|DELETE)\s"#, "SQL"),
    ]

    /// The folders of controllers: each module's `HTTP/`, and the kernel's own.
    static let controllerFolders = [
        "Sources/Modules/FoodAid/HTTP", "Sources/Modules/MicroTransform/HTTP", "Sources/Modules/Biowaste/HTTP",
        "Sources/CollectoKernel/HTTP/Controllers",
    ]

    @Test(arguments: controllerFolders)
    func aControllerOnlyDecodesCallsOneUseCaseAndEncodes(_ folder: String) throws {
        let base = ModuleBoundaryTests.root.appendingPathComponent(folder)
        let files = try #require(FileManager.default.enumerator(at: base, includingPropertiesForKeys: nil))
        let rules = try Self.forbidden.map { (try NSRegularExpression(pattern: $0.pattern), $0.what, $0.pattern) }
        var checked = 0
        for case let url as URL in files where url.pathExtension == "swift" {
            checked += 1
            let text = try String(contentsOf: url, encoding: .utf8)
            for (number, line) in text.split(separator: "\n", omittingEmptySubsequences: false).enumerated() {
                let code = String(line.split(separator: "//", maxSplits: 1, omittingEmptySubsequences: false).first ?? "")
                guard !code.trimmingCharacters(in: .whitespaces).hasPrefix("///") else { continue }
                for (rule, what, pattern) in rules
                where rule.firstMatch(in: code, range: NSRange(code.startIndex..., in: code)) != nil {
                    Issue.record("\(folder)/\(url.lastPathComponent):\(number + 1) holds \(what) (\(pattern)): \(code)")
                }
            }
        }
        #expect(checked >= 3, "no controller read under \(base.path)")
    }

    /// The rule itself is checked: each pattern catches the line it is meant for.
    @Test func theRulesCatchWhatTheyName() throws {
        let samples = [
            "return try await units.write(by: context.caller) { tx in",
            "try FoodAidAccess.requireFoodBankStaff(context.caller)",
            "guard context.caller.canRead(id) else {",
            #"try await db.query("SELECT * FROM foodaid_lots WHERE id = ?", [id])"#,
            #"try await tx.audit("create", entity: "x", id: nil, organisation: nil)"#,
        ]
        let rules = try Self.forbidden.map { try NSRegularExpression(pattern: $0.pattern) }
        for sample in samples {
            #expect(rules.contains { $0.firstMatch(in: sample, range: NSRange(sample.startIndex..., in: sample)) != nil }, "\(sample)")
        }
        let thin = "return try await ordering.submit(try context.uuid(\"id\"), by: context.caller)"
        #expect(!rules.contains { $0.firstMatch(in: thin, range: NSRange(thin.startIndex..., in: thin)) != nil })
    }
}
