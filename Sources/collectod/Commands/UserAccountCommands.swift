import ArgumentParser
import CollectoKernel
import Foundation

/// `collectod user list|disable|enable|role|password`: the console's side of
/// running accounts, through the same use cases as the API (``Accounts``),
/// as the network's admin; each change is audited.
extension UserCommand {
    /// Runs `body` with the accounts of the configured deployment, turning refusals into one-line messages.
    static func withAccounts(_ common: CommonOptions, _ body: (Accounts, Kernel) async throws -> Void) async throws {
        let configuration = try await common.load()
        try await withKernel(configuration, logger: LoggingBootstrap.logger(level: configuration.logLevel)) { kernel in
            do {
                try await body(Accounts(identity: kernel.identity, units: kernel.units), kernel)
            } catch let error as any DomainError {
                throw CommandFailure((error.field.map { "\($0): " } ?? "") + error.message)
            }
        }
    }

    /// `collectod user list --organisation NAME|ID`.
    struct List: AsyncParsableCommand {
        static let configuration = CommandConfiguration(
            abstract: "List an organisation's users, their roles and whether they are disabled.")
        @OptionGroup var common: CommonOptions
        @Option(help: "Organisation name or id.") var organisation: String

        func run() async throws {
            let reference = organisation
            try await UserCommand.withAccounts(common) { accounts, kernel in
                let id = try await kernel.units.write(by: nil) { tx in try await Add.organisation(reference, kind: nil, in: tx) }
                for user in try await accounts.list(organisation: id, by: Accounts.console) {
                    let role = user.memberships.first { $0.organisationId == id }?.role.rawValue ?? ""
                    print("\(user.email)\t\(user.displayName)\t\(role)\(user.disabled ? "\tdisabled" : "")")
                }
            }
        }
    }

    /// Disables or enables the user with this email, saying so.
    static func setDisabled(_ disabled: Bool, email: String, _ common: CommonOptions) async throws {
        try await withAccounts(common) { accounts, _ in
            let user = try await accounts.user(email: email, by: Accounts.console)
            _ = try await accounts.setDisabled(user.id, disabled, by: Accounts.console)
            print(disabled ? "Disabled \(user.email); their tokens are revoked." : "Enabled \(user.email).")
        }
    }

    /// `collectod user disable --email E`.
    struct Disable: AsyncParsableCommand {
        static let configuration = CommandConfiguration(abstract: "Disable a user: every token of theirs ends at once.")
        @OptionGroup var common: CommonOptions
        @Option(help: "The user's email.") var email: String

        func run() async throws { try await UserCommand.setDisabled(true, email: email, common) }
    }

    /// `collectod user enable --email E`.
    struct Enable: AsyncParsableCommand {
        static let configuration = CommandConfiguration(abstract: "Enable a disabled user.")
        @OptionGroup var common: CommonOptions
        @Option(help: "The user's email.") var email: String

        func run() async throws { try await UserCommand.setDisabled(false, email: email, common) }
    }

    /// `collectod user role --email E --organisation X --role R`.
    struct SetRole: AsyncParsableCommand {
        static let configuration = CommandConfiguration(
            commandName: "role", abstract: "Give a user a role in an organisation, or change it.")
        @OptionGroup var common: CommonOptions
        @Option(help: "The user's email.") var email: String
        @Option(help: "Organisation name or id.") var organisation: String
        @Option(help: "Role: admin, coordinator, driver, member, read_only.") var role: String

        func run() async throws {
            guard let role = Role(rawValue: role) else {
                throw ValidationError("--role must be one of \(Role.allCases.map(\.rawValue).joined(separator: ", "))")
            }
            let (email, reference) = (self.email, organisation)
            try await UserCommand.withAccounts(common) { accounts, kernel in
                let user = try await accounts.user(email: email, by: Accounts.console)
                let id = try await kernel.units.write(by: nil) { tx in try await Add.organisation(reference, kind: nil, in: tx) }
                _ = try await accounts.setRole(user.id, organisation: id, role: role, by: Accounts.console)
                print("\(user.email) is now \(role.rawValue) of \(reference).")
            }
        }
    }

    /// `collectod user password --email E [--password-stdin]`.
    struct Password: AsyncParsableCommand {
        static let configuration = CommandConfiguration(
            abstract: "Set a user's password (prompted, or read from standard input); their tokens end.")
        @OptionGroup var common: CommonOptions
        @Option(help: "The user's email.") var email: String
        @Flag(help: "Read the password from standard input instead of prompting.") var passwordStdin = false

        func run() async throws {
            let password = try Add.readPassword(fromStandardInput: passwordStdin)
            let email = self.email
            try await UserCommand.withAccounts(common) { accounts, _ in
                let user = try await accounts.user(email: email, by: Accounts.console)
                try await accounts.setPassword(of: user.id, to: password, by: Accounts.console)
                print("Set the password of \(user.email); their tokens are revoked.")
            }
        }
    }
}
