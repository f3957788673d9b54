import CollectoKernel
import CollectoTestSupport
import Foundation
import HTTPTypes
import HummingbirdTesting
import Testing

@testable import collectod

/// Every operation the API lists, sent by every role of a partner and of the
/// food bank and by nobody at all, on a partner's ids and on ids that do not
/// exist: nothing answers a 5xx, nothing but the public routes answers
/// without a token, and every refusal is the API's JSON error. The role
/// walks of each module check who is allowed what; this checks that no
/// operation was left out of the rules that hold for all.
@Suite struct EveryOperationSweepTests {
    /// Routes anyone may call without a token.
    static let publicPaths: Set<String> = [
        "/healthz", "/metrics", "/api/v1/auth/login", "/api/v1/auth/password-reset", "/api/v1/openapi.json",
    ]

    /// The path with each `{parameter}` replaced: the partner's own ids where a parameter names an organisation or a site.
    static func concrete(_ path: String, organisation: UUID, site: UUID, other: UUID) -> String {
        var result = path
        while let open = result.firstIndex(of: "{"), let close = result[open...].firstIndex(of: "}") {
            let name = result[result.index(after: open)..<close].lowercased()
            let value: String =
                if name.contains("sequence") {
                    "1"
                } else if name.contains("organisation") || name.contains("partner") || name.contains("owner") {
                    organisation.uuidString
                } else if name.contains("site") || name.contains("workshop") { site.uuidString } else { other.uuidString }
            result.replaceSubrange(open...close, with: value)
        }
        return result
    }

    @Test func noOperationAnswersA5xxOrServesAnyoneWithoutAToken() async throws {
        let test = try await TestKernel.make(modules: InstalledModules.all)
        let fixtures = Fixtures(test.kernel)
        let bank = try await fixtures.organisation("Banque", .foodBank)
        let partner = try await fixtures.organisation("Épicerie", .partnerAssociation)
        let shop = try await fixtures.site(of: partner.id, name: "Boutique")
        var callers: [(String, String?)] = [("nobody", nil)]
        for role in Role.allCases {
            callers.append(
                (
                    "\(role.rawValue) of the partner",
                    try await fixtures.logIn("\(role.rawValue)@epicerie.test", role: role, in: partner.id).token
                ))
            callers.append(
                (
                    "\(role.rawValue) of the food bank",
                    try await fixtures.logIn("\(role.rawValue)@banque.test", role: role, in: bank.id).token
                ))
        }
        let operations = APIRouterBuilder(kernel: test.kernel).build().operations
        #expect(operations.count > 100, "the sweep found only \(operations.count) operations")
        let everyone = callers
        try await withAPI(test.kernel) { client in
            for operation in operations {
                let uri = Self.concrete(operation.path, organisation: partner.id, site: shop.id, other: UUID())
                let body: String? = [.post, .put, .patch].contains(operation.method) ? "{}" : nil
                for (who, token) in everyone {
                    // Log-out and revoking would end the sweep's own tokens: they are sent by nobody only.
                    if token != nil, operation.path.hasSuffix("/logout") || operation.path.hasSuffix("/revoke-tokens") { continue }
                    let response = try await client.json(operation.method, uri, token: token, raw: body)
                    let said = "\(operation.method) \(operation.path) by \(who): \(response.status.code) \(response.text.prefix(200))"
                    #expect(response.status.code < 500, "\(said)")
                    if token == nil, !Self.publicPaths.contains(operation.path) {
                        #expect(response.status == .unauthorized, "\(said)")
                    }
                    if response.status.code >= 400 {
                        #expect(response.apiError != nil, "a refusal that is not the API's JSON error: \(said)")
                    }
                }
            }
        }
    }
}
