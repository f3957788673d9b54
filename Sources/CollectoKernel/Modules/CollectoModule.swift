/// A plug-in of the modular monolith (FoodAid, MicroTransform, Biowaste…).
///
/// A module declares what it owns (its schema migrations, with tables
/// prefixed by its id) and, in ``register(with:context:)``, what it adds to the
/// running system: routes, task kinds, events it publishes and handles,
/// permissions, demo data. It reaches other modules only through kernel
/// events and kernel types, never by importing them.
///
/// ```swift
/// public struct FoodAidModule: CollectoModule {
///     public static let id: ModuleID = "foodaid"
///     public var version: String { "0.1.0" }
///     public var migrations: [Migration] { FoodAidMigrations.all }
///     public func register(with registrar: inout ModuleRegistrar, context: ModuleContext) throws {
///         registrar.routes(OrdersController(context: context).endpoints)
///         registrar.taskKind(TaskKind("foodaid.partner_delivery", summary: "…", isFood: true))
///         registrar.handle(.on(TaskStopRecorded.self, name: "foodaid.deliveries") { event, _, tx in … })
///     }
/// }
/// ```
public protocol CollectoModule: Sendable {
    /// The module's identifier: its URL prefix (`/api/v1/<id>`), table prefix and configuration key.
    static var id: ModuleID { get }
    var version: String { get }
    /// The module's schema, append-only.
    var migrations: [Migration] { get }
    /// The settings it reads from the configuration, under its id.
    var options: [ModuleOption] { get }
    /// Called once at start-up for an enabled module.
    func register(with registrar: inout ModuleRegistrar, context: ModuleContext) throws
}

extension CollectoModule {
    public var id: ModuleID { Self.id }
    public var options: [ModuleOption] { [] }
}

/// A module identifier: lowercase letters and digits, starting with a letter.
public struct ModuleID: Sendable, Hashable, Codable, ExpressibleByStringLiteral, CustomStringConvertible, Comparable {
    public let rawValue: String

    public init(stringLiteral value: String) {
        rawValue = value
    }

    public init(_ value: String) {
        rawValue = value
    }

    public var description: String { rawValue }

    /// Whether the identifier has the allowed shape.
    public var isWellFormed: Bool {
        guard let first = rawValue.first, first.isLetter, first.isLowercase else { return false }
        return rawValue.allSatisfy { ($0.isLetter && $0.isLowercase && $0.isASCII) || $0.isNumber }
    }

    public static func < (lhs: ModuleID, rhs: ModuleID) -> Bool { lhs.rawValue < rhs.rawValue }
}
