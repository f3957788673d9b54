/// Why a storage operation failed, independent of the engine underneath.
public enum StorageError: Error, Sendable, Equatable, CustomStringConvertible {
    /// A unique or foreign-key constraint refused the write.
    case constraintViolation(String)
    /// Two writers collided (PostgreSQL serialization failure, SQLite busy); the transaction may be retried.
    case conflict(String)
    /// A column did not hold what the code expected.
    case unexpectedValue(column: String, expected: String)
    /// A migration that already ran was changed, or the database knows migrations this build does not.
    case migrationMismatch(String)
    /// The engine reported an error.
    case engine(String)
    /// The database location in the configuration cannot be used.
    case badLocation(String)

    public var description: String {
        switch self {
        case .constraintViolation(let message): "constraint violated: \(message)"
        case .conflict(let message): "write conflict: \(message)"
        case .unexpectedValue(let column, let expected): "column \(column) does not hold \(expected)"
        case .migrationMismatch(let message): "migration mismatch: \(message)"
        case .engine(let message): "database error: \(message)"
        case .badLocation(let message): "bad database location: \(message)"
        }
    }
}
