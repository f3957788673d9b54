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
        let limit = try whole("limit", in: 1...PageRequest.maximumLimit) ?? PageRequest.defaultLimit
        let offset = try whole("offset", in: 0...Int(Int32.max)) ?? 0
        return PageRequest(limit: limit, offset: offset)
    }

    /// A whole-number query parameter within `range`; out of it, a 422 that states the range.
    public func whole(_ name: String, in range: ClosedRange<Int>) throws -> Int? {
        guard let text = uri.queryParameters.get(name) else { return nil }
        guard let value = Int(text), range.contains(value) else {
            throw KernelError.invalid(
                field: name, message: "\(name) is a whole number from \(range.lowerBound) to \(range.upperBound), not \(text)")
        }
        return value
    }
}

extension Array {
    /// The elements of one page.
    public func paged(_ page: PageRequest) -> [Element] {
        guard page.offset < count else { return [] }
        return Array(self[page.offset..<Swift.min(count, page.offset + page.limit)])
    }
}
