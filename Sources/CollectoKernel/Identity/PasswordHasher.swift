import Dispatch
import HummingbirdBcrypt

/// Hashes and checks passwords with bcrypt (from hummingbird-auth). The cost is
/// configurable so tests can run fast while deployments use a strong one.
///
/// bcrypt takes a fifth of a second by design: it runs on a dispatch queue,
/// never on Swift's cooperative pool, so a flood of log-ins cannot starve
/// every other request of threads; callers run it outside any transaction.
public struct PasswordHasher: Sendable {
    public let cost: UInt8

    public init(cost: UInt8 = 11) {
        self.cost = cost
    }

    public func hash(_ password: String) async -> String {
        let cost = self.cost
        return await Self.offThePool { Bcrypt.hash(password, cost: cost) }
    }

    public func verify(_ password: String, against hash: String) async -> Bool {
        await Self.offThePool { Bcrypt.verify(password, hash: hash) }
    }

    /// Passwords shorter than this are refused.
    public static var minimumLength: Int { PasswordPolicy.minimumLength }

    private static let queue = DispatchQueue(label: "collectod.bcrypt", qos: .userInitiated, attributes: .concurrent)

    private static func offThePool<T: Sendable>(_ work: @escaping @Sendable () -> T) async -> T {
        await withCheckedContinuation { continuation in
            queue.async { continuation.resume(returning: work()) }
        }
    }
}
