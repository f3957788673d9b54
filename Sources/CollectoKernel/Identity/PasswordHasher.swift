import HummingbirdBcrypt

/// Hashes and checks passwords with bcrypt (from hummingbird-auth). The cost is
/// configurable so tests can run fast while deployments use a strong one.
public struct PasswordHasher: Sendable {
    public let cost: UInt8

    public init(cost: UInt8 = 11) {
        self.cost = cost
    }

    public func hash(_ password: String) -> String {
        Bcrypt.hash(password, cost: cost)
    }

    public func verify(_ password: String, against hash: String) -> Bool {
        Bcrypt.verify(password, hash: hash)
    }

    /// Passwords shorter than this are refused.
    public static let minimumLength = 10
}
