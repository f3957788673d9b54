import Foundation

/// Slows down wrong passwords, per account and per client address, so that
/// guessing a password takes years while nobody can lock a coordinator out:
/// after a few free attempts each further failure doubles the wait before
/// the next try, up to a short ceiling for an account (an attacker can delay
/// the coordinator by seconds, never shut them out) and a long one for an
/// address. A try during the wait is answered 429 with `Retry-After`,
/// without running bcrypt, so a flood costs the server nothing. The counts
/// live in the database, shared by every instance; a success clears the
/// account's count, and a quiet quarter of an hour clears any count.
public struct LogInThrottle: Sendable {
    /// How the throttle behaves; set in the configuration (`auth.throttle.*`).
    public struct Settings: Sendable, Hashable {
        /// Wrong passwords allowed before any wait.
        public var freeAttempts = 5
        /// The longest wait an account's failures impose, whoever sends them.
        public var accountMaximumDelay: TimeInterval = 30
        /// The longest wait an address's failures impose.
        public var addressMaximumDelay: TimeInterval = 15 * 60
        /// Failures older than this are forgotten.
        public var forgetAfter: TimeInterval = 15 * 60
        public var enabled = true

        public init() {}
    }

    let database: any SQLDatabase
    let clock: any WallClock
    let settings: Settings

    public init(database: any SQLDatabase, clock: any WallClock, settings: Settings) {
        self.database = database
        self.clock = clock
        self.settings = settings
    }

    static func scopes(email: String, address: String?) -> [(scope: String, isAccount: Bool)] {
        [("account:\(email)", true), ("address:\(address ?? "unknown")", false)]
    }

    /// Throws 429 when the account or the address must still wait.
    public func check(email: String, address: String?) async throws {
        guard settings.enabled else { return }
        let now = clock.now()
        let scopes = Self.scopes(email: email, address: address).map(\.scope)
        let waits = try await database.read { db in
            try await db.query(
                "SELECT blocked_until FROM kernel_login_throttle WHERE scope IN (?, ?) AND blocked_until > ?", [scopes[0], scopes[1], now]
            ).map { try $0.instant("blocked_until") }
        }
        if let until = waits.max() {
            throw TooManyAttempts(seconds: max(1, Int(until.timeIntervalSince(now).rounded(.up))))
        }
    }

    /// Counts a wrong password against the account and the address.
    public func failed(email: String, address: String?) async throws {
        guard settings.enabled else { return }
        let now = clock.now()
        let settings = self.settings
        _ = try await database.transaction { db in
            for (scope, isAccount) in Self.scopes(email: email, address: address) {
                let row = try await db.queryFirst("SELECT failures, last_failure_at FROM kernel_login_throttle WHERE scope = ?", [scope])
                var failures = try row?.int("failures") ?? 0
                if let last = try row?.instant("last_failure_at"), now.timeIntervalSince(last) > settings.forgetAfter { failures = 0 }
                failures += 1
                let ceiling = isAccount ? settings.accountMaximumDelay : settings.addressMaximumDelay
                let over = failures - settings.freeAttempts
                let delay = over > 0 ? min(ceiling, pow(2, Double(min(over, 30)) - 1)) : 0
                let until = now.addingTimeInterval(delay)
                if row == nil {
                    try await db.execute(
                        "INSERT INTO kernel_login_throttle (scope, failures, last_failure_at, blocked_until) VALUES (?, ?, ?, ?)",
                        [scope, failures, now, until])
                } else {
                    try await db.execute(
                        "UPDATE kernel_login_throttle SET failures = ?, last_failure_at = ?, blocked_until = ? WHERE scope = ?",
                        [failures, now, until, scope])
                }
            }
            return 0
        }
    }

    /// A right password clears the account's count.
    public func succeeded(email: String) async throws {
        guard settings.enabled else { return }
        _ = try await database.transaction { db in
            try await db.execute("DELETE FROM kernel_login_throttle WHERE scope = ?", ["account:\(email)"])
        }
    }
}

/// A log-in refused before it was checked: the account or address must wait.
public struct TooManyAttempts: DomainError {
    /// Seconds before the next try is checked.
    public let seconds: Int
    public var kind: ProblemKind { .tooManyRequests }
    public var code: String { "too_many_attempts" }
    public var message: String { "too many wrong passwords: try again in \(seconds) s" }
    public var retryAfter: Int? { seconds }
}
