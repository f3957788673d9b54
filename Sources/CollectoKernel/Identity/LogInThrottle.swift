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

    /// Claims an attempt before the password is checked: throws 429 when the account or the address must still
    /// wait; otherwise counts the attempt as a failure until ``succeeded(email:address:)`` says otherwise. Counting
    /// first, in one transaction with the check, means a burst of simultaneous guesses cannot all slip in before
    /// the first failure is counted.
    public func begin(email: String, address: String?) async throws {
        guard settings.enabled else { return }
        let now = clock.now()
        let settings = self.settings
        try await database.transaction { db in
            let scopes = Self.scopes(email: email, address: address)
            var rows: [String: SQLRow] = [:]
            for (scope, _) in scopes {
                rows[scope] = try await db.queryFirst(
                    "SELECT failures, last_failure_at, blocked_until FROM kernel_login_throttle WHERE scope = ?", [scope])
            }
            let waits = try rows.values.map { try $0.instant("blocked_until") }.filter { $0 > now }
            if let until = waits.max() {
                throw TooManyAttempts(seconds: max(1, Int(until.timeIntervalSince(now).rounded(.up))))
            }
            for (scope, isAccount) in scopes {
                var failures = try rows[scope]?.int("failures") ?? 0
                if let last = try rows[scope]?.instant("last_failure_at"), now.timeIntervalSince(last) > settings.forgetAfter {
                    failures = 0
                }
                try await Self.store(
                    scope, failures: failures + 1, isAccount: isAccount, exists: rows[scope] != nil, now: now, settings, in: db)
            }
        }
    }

    /// A right password clears the account's count and takes the attempt back from the address's.
    public func succeeded(email: String, address: String?) async throws {
        guard settings.enabled else { return }
        let now = clock.now()
        let settings = self.settings
        try await database.transaction { db in
            try await db.execute("DELETE FROM kernel_login_throttle WHERE scope = ?", ["account:\(email)"])
            let scope = "address:\(address ?? "unknown")"
            if let row = try await db.queryFirst("SELECT failures FROM kernel_login_throttle WHERE scope = ?", [scope]) {
                try await Self.store(
                    scope, failures: max(0, try row.int("failures") - 1), isAccount: false, exists: true, now: now, settings, in: db)
            }
        }
    }

    /// Writes a scope's count and the wait it imposes: nothing within the free attempts, then doubling up to its ceiling.
    static func store(
        _ scope: String, failures: Int, isAccount: Bool, exists: Bool, now: Date, _ settings: Settings, in db: any SQLExecutor
    ) async throws {
        let ceiling = isAccount ? settings.accountMaximumDelay : settings.addressMaximumDelay
        let over = failures - settings.freeAttempts
        let delay = over > 0 ? min(ceiling, pow(2, Double(min(over, 30)) - 1)) : 0
        let until = now.addingTimeInterval(delay)
        if exists {
            try await db.execute(
                "UPDATE kernel_login_throttle SET failures = ?, last_failure_at = ?, blocked_until = ? WHERE scope = ?",
                [failures, now, until, scope])
        } else {
            try await db.execute(
                "INSERT INTO kernel_login_throttle (scope, failures, last_failure_at, blocked_until) VALUES (?, ?, ?, ?)",
                [scope, failures, now, until])
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
