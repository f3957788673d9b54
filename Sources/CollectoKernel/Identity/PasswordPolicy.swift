import Foundation

/// Which passwords collectod accepts: long enough to resist guessing, short
/// enough that bcrypt reads all of it (it ignores what follows the 72nd
/// byte, so a longer password would log in with any ending), and not one of
/// the passwords people choose first.
public enum PasswordPolicy {
    /// The fewest characters a password has.
    public static let minimumLength = 10
    /// The most bytes bcrypt reads.
    public static let maximumBytes = 72

    /// The passwords tried first by anyone guessing, in French and English
    /// (after leaked-password lists); compared without case.
    static let common: Set<String> = [
        "1234567890", "12345678910", "0123456789", "1234512345", "0987654321", "1122334455", "1qaz2wsx3edc", "1q2w3e4r5t",
        "password", "password1", "password12", "password123", "passw0rd123", "qwertyuiop", "qwerty1234", "qwerty12345",
        "azertyuiop", "azerty1234", "azerty12345", "azerty123456", "motdepasse", "motdepasse1", "motdepasse123", "mot2passe123",
        "bonjour123", "bonjour1234", "soleil1234", "doudou1234", "marseille13", "liverpool1", "iloveyou12", "jetaime123",
        "jetaime1234", "football12", "baseball12", "superman12", "administrator", "admin12345", "admin123456", "welcome123",
        "bienvenue1", "bienvenue123", "changeme123", "letmein123", "princess12", "sunshine12", "trustno1234", "abcdefghij",
        "abcd1234567", "aaaaaaaaaa1", "banquealimentaire", "collectod123", "collectod2026", "restosducoeur",
    ]

    /// Throws, naming `field`, when the password is refused.
    public static func check(_ password: String, field: String = "password") throws {
        guard password.count >= minimumLength else {
            throw KernelError.invalid(field: field, message: "a password needs at least \(minimumLength) characters")
        }
        guard password.utf8.count <= maximumBytes else {
            throw KernelError.invalid(field: field, message: "a password holds at most \(maximumBytes) bytes (about 70 letters)")
        }
        guard Set(password).count > 1 else {
            throw KernelError.invalid(field: field, message: "a password is not one character repeated")
        }
        guard !common.contains(password.lowercased()) else {
            throw KernelError.invalid(field: field, message: "this password is among the first ones anyone would try: choose another")
        }
    }
}
