import CollectoKernel
import CollectoTestSupport
import Foundation
import HTTPTypes
import HummingbirdTesting
import Testing

/// One spelling for ids: lower case in every JSON answer, as in SQL and in
/// references, alone or inside a text; `…Id` for every id's name.
@Suite struct IdentifierSpellingTests {
    @Test func everyUUIDIsWrittenInLowerCaseAloneOrInsideAText() {
        let id = UUID(uuidString: "6BE822EA-0E11-4ECF-8C1F-DA64D85B0AD5")!
        let text = #"{"id":"\#(id.uuidString)","name":"destination:\#(id.uuidString)","code":"ABCDEF"}"#
        let written = String(decoding: LowercaseIdentifiers.lowercased(Data(text.utf8)), as: UTF8.self)
        #expect(
            written
                == #"{"id":"6be822ea-0e11-4ecf-8c1f-da64d85b0ad5","name":"destination:6be822ea-0e11-4ecf-8c1f-da64d85b0ad5","code":"ABCDEF"}"#
        )
        // A longer run of hexadecimal digits is no UUID: left as it is.
        let longer = "0\(id.uuidString)"
        #expect(String(decoding: LowercaseIdentifiers.lowercased(Data(longer.utf8)), as: UTF8.self) == longer)
    }

    @Test func theLogInAnswerNamesUserIdAndEveryIdComesInLowerCase() async throws {
        let test = try await TestKernel.make()
        let fixtures = Fixtures(test.kernel)
        let bank = try await fixtures.organisation("Banque", .foodBank)
        let user = try await fixtures.user("coord@bank.test", role: .coordinator, in: bank.id)
        try await withAPI(test.kernel) { client in
            let logIn = try await client.json(
                .post, "/api/v1/auth/login", raw: #"{"email": "coord@bank.test", "password": "\#(Fixtures.password)"}"#)
            #expect(logIn.text.contains(#""userId":"\#(user.id.uuidString.lowercased())""#), "\(logIn.text)")
            #expect(!logIn.text.contains("userID"))
            struct Token: Decodable { let token: String }
            let token = try logIn.decode(Token.self).token
            let organisations = try await client.json(.get, "/api/v1/organisations", token: token)
            #expect(organisations.text.contains(bank.id.uuidString.lowercased()))
            #expect(!organisations.text.contains(bank.id.uuidString))
            let missing = UUID()
            let refused = try await client.json(.get, "/api/v1/sites/\(missing)", token: token)
            #expect(refused.status == .notFound)
            #expect(refused.text.contains(missing.uuidString.lowercased()) && !refused.text.contains(missing.uuidString))
        }
    }
}
