import Foundation

/// A password hashed by ``IdentityService/preparePassword(_:field:)``, ready to store.
public struct PasswordHash: Sendable {
    let value: String
}

/// Users, memberships, log-in and bearer tokens.
public struct IdentityService: Sendable {
    /// What a successful log-in returns.
    public struct Session: Sendable, Codable {
        public let token: String
        public let expiresAt: Date
        public let userId: UUID
    }

    let database: any SQLDatabase
    let clock: any WallClock
    let hasher: PasswordHasher
    let tokenLifetime: TimeInterval
    /// Slows wrong passwords down; none in code that logs in on its own behalf.
    let throttle: LogInThrottle?

    public init(
        database: any SQLDatabase, clock: any WallClock, hasher: PasswordHasher, tokenLifetime: TimeInterval,
        throttle: LogInThrottle.Settings? = nil
    ) {
        self.database = database
        self.clock = clock
        self.hasher = hasher
        self.tokenLifetime = tokenLifetime
        self.throttle = throttle.map { LogInThrottle(database: database, clock: clock, settings: $0) }
    }

    /// A password checked against the policy and hashed, before any transaction opens: bcrypt is slow on purpose.
    public func preparePassword(_ password: String, field: String = "password") async throws -> PasswordHash {
        try PasswordPolicy.check(password, field: field)
        return PasswordHash(value: await hasher.hash(password))
    }

    /// Creates a user with memberships, in the caller's transaction (the
    /// console and the demo; an admin invites through ``Accounts/invite(_:by:)``).
    public func createUser(
        email rawEmail: String, displayName: String, password: PasswordHash, memberships: [User.Membership], in tx: any SQLExecutor
    ) async throws -> User {
        guard !memberships.isEmpty else {
            throw KernelError.invalid(field: "memberships", message: "a user belongs to at least one organisation")
        }
        return try await createAccount(email: rawEmail, displayName: displayName, password: password, memberships: memberships, in: tx)
    }

    /// The email as stored: trimmed and lowercased.
    static func normalised(_ email: String) -> String {
        email.trimmingCharacters(in: .whitespaces).lowercased()
    }

    /// Creates an account, with no membership yet when invited (it joins on accepting).
    func createAccount(
        email rawEmail: String, displayName: String, password: PasswordHash, memberships: [User.Membership], in tx: any SQLExecutor
    ) async throws -> User {
        let email = Self.normalised(rawEmail)
        try Validate.email(email, field: "email")
        try Validate.nonEmpty(displayName, field: "displayName", maxLength: 200)
        if try await tx.queryFirst("SELECT id FROM kernel_users WHERE email = ?", [email]) != nil {
            throw KernelError.conflict(code: "email_taken", message: "a user with email \(email) exists")
        }
        try await checkMemberships(memberships, in: tx)
        let user = User(
            id: UUID(), email: email, displayName: displayName, disabled: false, memberships: memberships, createdAt: clock.now())
        try await tx.execute(
            "INSERT INTO kernel_users (id, email, display_name, password_hash, disabled, created_at) VALUES (?, ?, ?, ?, 0, ?)",
            [user.id, email, displayName, password.value, user.createdAt])
        for membership in memberships {
            try await tx.execute(
                "INSERT INTO kernel_memberships (user_id, organisation_id, role) VALUES (?, ?, ?)",
                [user.id, membership.organisationId, membership.role.rawValue])
        }
        return user
    }

    /// One membership per organisation, each of an existing organisation.
    func checkMemberships(_ memberships: [User.Membership], in tx: any SQLExecutor) async throws {
        var seen: Set<UUID> = []
        for (index, membership) in memberships.enumerated() {
            guard seen.insert(membership.organisationId).inserted else {
                throw KernelError.invalid(
                    field: "memberships[\(index)].organisationId",
                    message: "one membership per organisation: \(membership.organisationId) is listed twice")
            }
            guard try await tx.queryFirst("SELECT id FROM kernel_organisations WHERE id = ?", [membership.organisationId]) != nil else {
                throw KernelError.invalid(field: "memberships", message: "no organisation \(membership.organisationId)")
            }
        }
    }

    /// Checks a password and issues a token that expires after the configured lifetime.
    public func logIn(email rawEmail: String, password: String, from address: String? = nil) async throws -> Session {
        let email = rawEmail.trimmingCharacters(in: .whitespaces).lowercased()
        try await throttle?.begin(email: email, address: address)
        let row = try await database.read { db in
            try await db.queryFirst("SELECT id, password_hash, disabled FROM kernel_users WHERE email = ?", [email])
        }
        // An unknown email is checked against a hash of the same cost, so that the answer takes as long and tells nothing.
        let hash: String
        if let stored = try row?.string("password_hash") {
            hash = stored
        } else {
            hash = await Self.unknownAccountHash(hasher)
        }
        let matches = await hasher.verify(password, against: hash)
        guard let row, matches, try !row.bool("disabled") else {
            throw KernelError.unauthenticated("wrong email or password")
        }
        try await throttle?.succeeded(email: email, address: address)
        let userID = try row.uuid("id")
        let token = BearerToken.generate()
        let now = clock.now()
        let expiresAt = now.addingTimeInterval(tokenLifetime)
        try await database.transaction { db in
            try await db.execute(
                "INSERT INTO kernel_tokens (token_hash, user_id, issued_at, expires_at) VALUES (?, ?, ?, ?)",
                [token.digest, userID, now, expiresAt])
        }
        return Session(token: token.value, expiresAt: expiresAt, userId: userID)
    }

    /// Whether `password` is the user's, checked outside any transaction.
    public func checkPassword(_ password: String, of userID: UUID) async throws -> Bool {
        let stored = try await database.read { db in
            try await db.queryFirst("SELECT password_hash FROM kernel_users WHERE id = ?", [userID])?.string("password_hash")
        }
        guard let stored else { return false }
        return await hasher.verify(password, against: stored)
    }

    /// The caller a token stands for; throws when the token is unknown, expired or revoked.
    public func authenticate(_ token: BearerToken) async throws -> Caller {
        let now = clock.now()
        return try await database.read { db in
            guard
                let row = try await db.queryFirst(
                    """
                    SELECT u.id, u.email FROM kernel_tokens t JOIN kernel_users u ON u.id = t.user_id
                    WHERE t.token_hash = ? AND t.revoked_at IS NULL AND t.expires_at > ? AND u.disabled = 0
                    """, [token.digest, now])
            else { throw KernelError.unauthenticated("the token is unknown, expired or revoked") }
            return try await Self.caller(userID: try row.uuid("id"), email: try row.string("email"), in: db)
        }
    }

    /// Loads a user's roles as a ``Caller``.
    static func caller(userID: UUID, email: String, in db: any SQLExecutor) async throws -> Caller {
        let rows = try await db.query(
            """
            SELECT m.organisation_id, m.role, o.kind FROM kernel_memberships m
            JOIN kernel_organisations o ON o.id = m.organisation_id WHERE m.user_id = ?
            """, [userID])
        var roles: [UUID: Role] = [:]
        var operators: Set<UUID> = []
        var kinds: [UUID: OrganisationKind] = [:]
        for row in rows {
            let organisation = try row.uuid("organisation_id")
            roles[organisation] = try row.value(Role.self, "role")
            let kind = OrganisationKind(rawValue: try row.string("kind"))
            kinds[organisation] = kind
            if kind?.isOperator == true { operators.insert(organisation) }
        }
        return Caller(userID: userID, email: email, roles: roles, operatorOrganisations: operators, organisationKinds: kinds)
    }

    /// Revokes one token (log-out), in the caller's transaction.
    public func revoke(_ token: BearerToken, in tx: Transaction) async throws {
        try await tx.execute("UPDATE kernel_tokens SET revoked_at = ? WHERE token_hash = ? AND revoked_at IS NULL", [tx.now, token.digest])
    }

    /// Revokes every live token of a user, in the caller's transaction.
    public func revokeAll(of userID: UUID, in tx: any SQLExecutor) async throws -> Int {
        try await tx.execute(
            "UPDATE kernel_tokens SET revoked_at = ? WHERE user_id = ? AND revoked_at IS NULL", [clock.now(), userID])
    }

    /// One user with memberships.
    public func user(_ id: UUID, in db: any SQLExecutor) async throws -> User? {
        guard
            let row = try await db.queryFirst(
                "SELECT id, email, display_name, disabled, created_at FROM kernel_users WHERE id = ?", [id])
        else { return nil }
        let memberships = try await db.query(
            "SELECT organisation_id, role FROM kernel_memberships WHERE user_id = ? ORDER BY organisation_id", [id]
        ).map { User.Membership(organisationId: try $0.uuid("organisation_id"), role: try $0.value(Role.self, "role")) }
        return User(
            id: try row.uuid("id"), email: try row.string("email"), displayName: try row.string("display_name"),
            disabled: try row.bool("disabled"), memberships: memberships, createdAt: try row.instant("created_at"))
    }
}

extension IdentityService {
    private final class DummyHashes: @unchecked Sendable {
        let lock = NSLock()
        var byCost: [UInt8: String] = [:]
    }

    private static let dummies = DummyHashes()

    /// A hash of a random password at the hasher's cost, made once.
    static func unknownAccountHash(_ hasher: PasswordHasher) async -> String {
        let known = dummies.lock.withLock { dummies.byCost[hasher.cost] }
        if let known { return known }
        let made = await hasher.hash(UUID().uuidString)
        dummies.lock.withLock { dummies.byCost[hasher.cost] = made }
        return made
    }
}
