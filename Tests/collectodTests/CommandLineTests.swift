import CollectoKernel
import CollectoTestSupport
import Foundation
import Testing

/// The `collectod` binary run as a user runs it.
@Suite struct CommandLineTests {
    static var binary: URL? {
        let candidates = [
            URL(fileURLWithPath: CommandLine.arguments[0]).deletingLastPathComponent().appendingPathComponent("collectod"),
            URL(fileURLWithPath: ".build/debug/collectod"),
        ]
        return candidates.first { FileManager.default.isExecutableFile(atPath: $0.path) }
    }

    struct Outcome {
        let status: Int32
        let output: String
        let errors: String
    }

    func run(_ arguments: [String], input: String? = nil, environment extra: [String: String] = [:]) throws -> Outcome {
        let process = Process()
        process.executableURL = Self.binary
        process.arguments = arguments
        var environment = ProcessInfo.processInfo.environment
        environment["COLLECTOD_CONFIG"] = nil
        environment["COLLECTOD_AUTH_BCRYPT_COST"] = "4"
        environment.merge(extra) { $1 }
        process.environment = environment
        let output = Pipe()
        let errors = Pipe()
        let stdin = Pipe()
        process.standardOutput = output
        process.standardError = errors
        process.standardInput = stdin
        try process.run()
        if let input { stdin.fileHandleForWriting.write(Data(input.utf8)) }
        try stdin.fileHandleForWriting.close()
        let out = output.fileHandleForReading.readDataToEndOfFile()
        let err = errors.fileHandleForReading.readDataToEndOfFile()
        process.waitUntilExit()
        return Outcome(
            status: process.terminationStatus, output: String(decoding: out, as: UTF8.self), errors: String(decoding: err, as: UTF8.self))
    }

    func file(_ text: String) throws -> String {
        let url = FileManager.default.temporaryDirectory.appendingPathComponent("collectod-\(UUID().uuidString).csv")
        try Data(text.utf8).write(to: url)
        return url.path
    }

    @Test func aBadCSVLineImportsNothingAndSaysWhichLine() throws {
        let database = TestKernel.temporaryDatabasePath()
        let bad = try file("name,kind\nA,donor\nB,rocket\n")
        let refused = try run(["import", "organisations", bad, "--database", database])
        #expect(refused.status == 65)
        #expect(refused.errors.contains("line 3, column kind"))
        let good = try file("name,kind\nA,donor\nB,food_bank\n")
        let accepted = try run(["import", "organisations", good, "--database", database])
        #expect(accepted.status == 0)
        #expect(accepted.output.contains("Imported 2 organisations"))
    }

    @Test func theDemoLoadsOnceAndPrintsEveryLogIn() throws {
        let database = TestKernel.temporaryDatabasePath()
        let loaded = try run(["demo", "--database", database])
        #expect(loaded.status == 0, "\(loaded.errors)")
        #expect(loaded.output.contains("Loaded 130 partners"))
        for logIn in DemoLogIn.all { #expect(loaded.output.contains(logIn.email)) }
        let again = try run(["demo", "--database", database])
        #expect(again.status != 0)
        #expect(again.errors.contains("already holds data"))
    }

    @Test func theFirstAdminIsCreatedFromTheCommandLine() throws {
        let database = TestKernel.temporaryDatabasePath()
        let created = try run(
            [
                "user", "add", "--email", "root@bank.test", "--name", "Root", "--organisation", "Ma Banque", "--kind", "food_bank",
                "--password-stdin",
                "--database", database,
            ], input: "a long enough password\n")
        #expect(created.status == 0, "\(created.errors)")
        #expect(created.output.contains("as admin of Ma Banque"))
        let duplicate = try run(
            [
                "user", "add", "--email", "root@bank.test", "--name", "Root", "--organisation", "Ma Banque", "--password-stdin",
                "--database", database,
            ],
            input: "a long enough password\n")
        #expect(duplicate.status != 0)
        #expect(duplicate.errors.contains("exists"))
    }

    @Test func theConsoleListsDisablesEnablesAndResetsAVolunteer() throws {
        let database = TestKernel.temporaryDatabasePath()
        let add = { (email: String, role: String) in
            try run(
                [
                    "user", "add", "--email", email, "--name", email, "--organisation", "Épicerie", "--kind", "partner_association",
                    "--role", role, "--password-stdin", "--database", database,
                ], input: "a long enough password\n")
        }
        #expect(try add("admin@epicerie.test", "admin").status == 0)
        #expect(try add("benevole@epicerie.test", "member").status == 0)
        let disabled = try run(["user", "disable", "--email", "benevole@epicerie.test", "--database", database])
        #expect(disabled.status == 0, "\(disabled.errors)")
        let listed = try run(["user", "list", "--organisation", "Épicerie", "--database", database])
        #expect(listed.output.contains("benevole@epicerie.test\tbenevole@epicerie.test\tmember\tdisabled"), "\(listed.output)")
        #expect(try run(["user", "enable", "--email", "benevole@epicerie.test", "--database", database]).status == 0)
        let promoted = try run(
            [
                "user", "role", "--email", "benevole@epicerie.test", "--organisation", "Épicerie", "--role", "coordinator", "--database",
                database,
            ])
        #expect(promoted.output.contains("is now coordinator"), "\(promoted.errors)")
        let weak = try run(
            ["user", "password", "--email", "benevole@epicerie.test", "--password-stdin", "--database", database], input: "azertyuiop\n")
        #expect(weak.status != 0)
        #expect(weak.errors.contains("password"))
        let unknown = try run(["user", "disable", "--email", "nobody@epicerie.test", "--database", database])
        #expect(unknown.status != 0)
    }

    @Test func modulesAreListedWithTheirState() throws {
        let listed = try run(["modules"], environment: ["COLLECTOD_MODULES_ENABLED": "biowaste"])
        #expect(listed.status == 0)
        let lines = listed.output.split(separator: "\n").filter { !$0.hasPrefix(" ") }
        #expect(lines.contains { $0.hasPrefix("foodaid") && $0.hasSuffix("disabled") })
        #expect(lines.contains { $0.hasPrefix("biowaste") && $0.hasSuffix(" enabled") })
        let unknown = try run(["modules"], environment: ["COLLECTOD_MODULES_ENABLED": "foodaid,teleport"])
        #expect(unknown.status != 0)
        #expect(unknown.errors.contains("teleport"))
    }
}
