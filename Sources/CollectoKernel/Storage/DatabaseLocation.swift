import Foundation
import Logging

/// Where a database is, as the configuration and the CLI write it:
/// `postgres://user@host:port/db`, `sqlite:PATH`, or a plain file path (SQLite).
public struct DatabaseLocation: Sendable, Hashable, CustomStringConvertible {
    public let dialect: SQLDialect
    /// The PostgreSQL URL or the SQLite path.
    public let address: String

    public init(_ text: String) {
        if text.hasPrefix("postgres://") || text.hasPrefix("postgresql://") {
            (dialect, address) = (.postgres, text)
        } else if text.hasPrefix("sqlite:") {
            (dialect, address) = (.sqlite, String(text.dropFirst("sqlite:".count)))
        } else {
            (dialect, address) = (.sqlite, text)
        }
    }

    public func open(logger: Logger, poolSize: Int = 10) throws -> any SQLDatabase {
        switch dialect {
        case .sqlite: try SQLiteDatabase(path: address)
        case .postgres: try PostgresDatabase(url: address, logger: logger, maxConnections: poolSize)
        }
    }

    /// The location without any password, for logs and messages.
    public var redacted: String {
        guard dialect == .postgres, var components = URLComponents(string: address), components.password != nil else { return description }
        components.password = "***"
        return components.string ?? address
    }

    public var description: String {
        dialect == .sqlite ? "sqlite:\(address)" : address
    }
}
