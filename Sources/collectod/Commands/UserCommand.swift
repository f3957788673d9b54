import ArgumentParser
import CollectoKernel
import Foundation

#if canImport(Glibc)
    import Glibc
#endif

/// `collectod user add`: creates a user, e.g. the first admin of a new deployment.
struct UserCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "user", abstract: "Manage users.",
        subcommands: [Add.self, List.self, Disable.self, Enable.self, SetRole.self, Password.self])

    /// `collectod user add`.
    struct Add: AsyncParsableCommand {
        static let configuration = CommandConfiguration(
            abstract: "Create a user with a role in an organisation (created too when --kind is given and it does not exist).")

        @OptionGroup var common: CommonOptions

        @Option(help: "Email used to log in.") var email: String
        @Option(help: "Name shown to others.") var name: String
        @Option(help: "Organisation name or id.") var organisation: String
        @Option(help: "Kind of organisation to create if none has this name (e.g. food_bank).") var kind: String?
        @Option(help: "Role: admin, coordinator, driver, member, read_only.") var role: String = "admin"
        @Flag(help: "Read the password from standard input instead of prompting.") var passwordStdin = false

        func run() async throws {
            guard let role = Role(rawValue: role) else {
                throw ValidationError("--role must be one of \(Role.allCases.map(\.rawValue).joined(separator: ", "))")
            }
            let kind = try kind.map { text -> OrganisationKind in
                guard let kind = OrganisationKind(rawValue: text) else {
                    throw ValidationError("--kind must be one of \(OrganisationKind.allCases.map(\.rawValue).joined(separator: ", "))")
                }
                return kind
            }
            let password = try readPassword()
            let configuration = try await common.load()
            let organisationRef = organisation
            let (email, name) = (self.email, self.name)
            try await withKernel(configuration, logger: LoggingBootstrap.logger(level: configuration.logLevel)) { kernel in
                do {
                    let hashed = try await kernel.identity.preparePassword(password)
                    let user = try await kernel.units.write(by: nil) { tx in
                        let organisationId = try await Self.organisation(organisationRef, kind: kind, in: tx)
                        let user = try await kernel.identity.createUser(
                            email: email, displayName: name, password: hashed,
                            memberships: [.init(organisationId: organisationId, role: role)], in: tx)
                        try await tx.audit(
                            "create", entity: "user", id: user.id.uuidString, organisation: organisationId, details: "via CLI")
                        return user
                    }
                    print("Created user \(user.email) (\(user.id.uuidString.lowercased())) as \(role.rawValue) of \(organisationRef).")
                } catch let error as any DomainError {
                    throw CommandFailure((error.field.map { "\($0): " } ?? "") + error.message)
                }
            }
        }

        static func organisation(_ reference: String, kind: OrganisationKind?, in tx: Transaction) async throws -> UUID {
            if let id = UUID(uuidString: reference), try await OrganisationService().get(id, in: tx) != nil { return id }
            let rows = try await tx.query("SELECT id FROM kernel_organisations WHERE name = ?", [reference])
            if rows.count == 1 { return try rows[0].uuid("id") }
            if rows.count > 1 {
                throw KernelError.invalid(field: "organisation", message: "several organisations are named \(reference); use its id")
            }
            guard let kind else {
                throw KernelError.invalid(field: "organisation", message: "no organisation \(reference); add --kind to create it")
            }
            return try await OrganisationService().create(.init(name: reference, kind: kind), in: tx).id
        }

        func readPassword() throws -> String {
            try Self.readPassword(fromStandardInput: passwordStdin)
        }

        /// The password from standard input, or prompted twice on the terminal.
        static func readPassword(fromStandardInput passwordStdin: Bool) throws -> String {
            if passwordStdin {
                guard let line = readLine(strippingNewline: true), !line.isEmpty else {
                    throw ValidationError("no password on standard input")
                }
                return line
            }
            guard let raw = getpass("Password: ") else { throw ValidationError("no password given") }
            let password = String(cString: raw)
            guard let again = getpass("Password again: "), String(cString: again) == password else {
                throw ValidationError("the passwords differ")
            }
            return password
        }
    }
}
