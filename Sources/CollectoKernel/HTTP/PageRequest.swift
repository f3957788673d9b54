import Hummingbird

/// Which slice of a list a caller asks for: `?limit=` (1 to 1000, 100 by
/// default) and `?offset=` (0 by default). Lists are returned in a stable order.
public struct PageRequest: Sendable, Hashable {
    public static let defaultLimit = 100
    public static let maximumLimit = 1000
    /// The query parameters every paged list accepts.
    public static let parameters = ["limit", "offset"]

    public var limit: Int
    public var offset: Int

    public init(limit: Int = PageRequest.defaultLimit, offset: Int = 0) {
        self.limit = limit
        self.offset = offset
    }
}

extension Request {
    /// The page the caller asks for; a bad limit or offset is a 422 naming it.
    public func page() throws -> PageRequest {
        let limit =
            try query("limit") { Int($0).flatMap { (1...PageRequest.maximumLimit).contains($0) ? $0 : nil } } ?? PageRequest.defaultLimit
        let offset = try query("offset") { Int($0).flatMap { $0 >= 0 ? $0 : nil } } ?? 0
        return PageRequest(limit: limit, offset: offset)
    }
}

extension Array {
    /// The elements of one page.
    public func paged(_ page: PageRequest) -> [Element] {
        guard page.offset < count else { return [] }
        return Array(self[page.offset..<Swift.min(count, page.offset + page.limit)])
    }
}
