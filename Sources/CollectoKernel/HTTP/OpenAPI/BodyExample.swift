import Foundation

/// A request body type that shows the API description an example of itself,
/// built from ids that exist (``ExampleIDs``): the example a client copies,
/// and the one schemathesis sends, is accepted.
///
/// The example is written as the JSON a client sends (ids, dates and instants
/// interpolated from ``ExampleIDs``); a test decodes every one into its type.
public protocol ExampleBody: Decodable, SendableMetatype {
    /// A body this type's route accepts, as JSON, with the deployment's ids and today's date.
    static func example(_ ids: ExampleIDs) -> String
    /// The body a `PUT` of this type sends to change a thing that exists: by default the same as ``example(_:)``;
    /// a type whose fields are unique (a product's code, a recipe's name) gives one that does not clash with the
    /// thing the `POST` example creates.
    static func changeExample(_ ids: ExampleIDs) -> String
}

extension ExampleBody {
    public static func changeExample(_ ids: ExampleIDs) -> String { example(ids) }
}

/// The name of an id an example uses: `kernel.foodBank`, `foodaid.product`…
/// The module that owns the entity provides the id (``ExampleIDSource``).
public struct ExampleID: Sendable, Hashable, ExpressibleByStringLiteral, CustomStringConvertible {
    public let name: String

    public init(stringLiteral name: String) {
        self.name = name
    }

    public var description: String { name }
}

/// The ids examples are built from, read from the database when the API
/// description is served; a missing one is a fixed placeholder, so that the
/// example still has the right shape.
public struct ExampleIDs: Sendable {
    public let ids: [ExampleID: UUID]
    public let today: CalendarDate
    public let now: Date

    public init(ids: [ExampleID: UUID], today: CalendarDate, now: Date) {
        self.ids = ids
        self.today = today
        self.now = now
    }

    /// The id, as JSON writes it (lower case).
    public subscript(_ id: ExampleID) -> String {
        (ids[id] ?? UUID(uuidString: "00000000-0000-4000-8000-000000000000")!).uuidString.lowercased()
    }

    /// The calendar day `days` after today.
    public func day(_ days: Int) -> String { today.adding(days: days).description }

    /// The instant `hours` from now.
    public func instant(hours: Double) -> String { Instant.format(now.addingTimeInterval(hours * 3600)) }

    /// Placeholders only, for a description printed without a database.
    public static func placeholders(now: Date, timeZone: TimeZone) -> ExampleIDs {
        ExampleIDs(ids: [:], today: CalendarDate(now, in: timeZone), now: now)
    }
}

/// Where a module finds the ids its examples (and others') use, registered
/// with ``ModuleRegistrar/exampleIDs(_:)``: read-only, from its own tables.
public struct ExampleIDSource: Sendable {
    public let read: @Sendable (any SQLExecutor) async throws -> [ExampleID: UUID]

    public init(_ read: @escaping @Sendable (any SQLExecutor) async throws -> [ExampleID: UUID]) {
        self.read = read
    }
}

/// How an operation's example body is made and checked: encoded from the
/// body type's ``ExampleBody/example(_:)``, and decoded back as the route
/// decodes it (`check`), so that a test can prove every example reads.
public struct BodyExampleMaker: Sendable, Hashable {
    public let typeName: String
    public let make: @Sendable (ExampleIDs) throws -> Data
    public let check: @Sendable (Data) throws -> Void

    init?(_ type: any Decodable.Type, changing: Bool) {
        guard let exampled = type as? any ExampleBody.Type else { return nil }
        self.init(exampling: exampled, changing: changing)
    }

    private init<T: ExampleBody>(exampling type: T.Type, changing: Bool) {
        typeName = String(reflecting: type) + (changing ? " (change)" : "")
        make = { ids in Data((changing ? T.changeExample(ids) : T.example(ids)).utf8) }
        check = { data in
            if let strict = T.self as? any (StrictBody & SendableMetatype).Type {
                try Self.decodeStrict(strict, data)
            } else {
                _ = try JSONBody.decode(T.self, from: data)
            }
        }
    }

    private static func decodeStrict<S: StrictBody>(_ type: S.Type, _ data: Data) throws {
        _ = try JSONBody.decodeStrict(type, from: data)
    }

    public static func == (lhs: BodyExampleMaker, rhs: BodyExampleMaker) -> Bool { lhs.typeName == rhs.typeName }
    public func hash(into hasher: inout Hasher) { hasher.combine(typeName) }
}
