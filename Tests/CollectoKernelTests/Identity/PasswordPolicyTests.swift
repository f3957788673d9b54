import CollectoKernel
import CollectoTestSupport
import Foundation
import Testing

@testable import CollectoKernel

/// Passwords bcrypt can read whole, not among the first ones tried, and an
/// unknown email answered as slowly as a known one.
@Suite struct PasswordPolicyTests {
    func refusal(_ password: String) -> String? {
        do {
            try PasswordPolicy.check(password)
            return nil
        } catch let error as KernelError {
            return error.message
        } catch {
            return "\(error)"
        }
    }

    @Test func aPasswordLongerThanBcryptReadsIsRefused() {
        #expect(refusal(String(repeating: "ab", count: 36)) == nil)
        #expect(refusal(String(repeating: "ab", count: 36) + "c")?.contains("72 bytes") == true)
        // Accented letters take two bytes each: 37 of them are 74 bytes.
        #expect(refusal(String(repeating: "é", count: 37)) != nil)
    }

    @Test func theFirstPasswordsAnyoneTriesAndOneRepeatedCharacterAreRefused() {
        #expect(refusal("azertyuiop") != nil)
        #expect(refusal("MotDePasse123") != nil)
        #expect(refusal("1234567890") != nil)
        #expect(refusal("aaaaaaaaaaaa") != nil)
        #expect(refusal("short") != nil)
        #expect(refusal("correct horse battery") == nil)
    }

    @Test func anUnknownEmailIsCheckedAgainstAHashOfTheSameCost() async throws {
        let hasher = PasswordHasher(cost: 6)
        let dummy = await IdentityService.unknownAccountHash(hasher)
        let real = await hasher.hash("correct horse battery")
        #expect(dummy.prefix(7) == real.prefix(7))
        #expect(await IdentityService.unknownAccountHash(hasher) == dummy)
    }

    @Test func creatingAUserWithACommonPasswordIsRefusedNamingThePassword() async throws {
        let test = try await TestKernel.make()
        await #expect(throws: KernelError.self) { _ = try await test.kernel.identity.preparePassword("password123") }
    }
}
