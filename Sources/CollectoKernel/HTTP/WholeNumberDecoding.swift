extension KeyedDecodingContainer {
    /// Decodes a count that must be a whole number, so that `1.5` is refused
    /// naming its field (Foundation reports it as unreadable JSON otherwise).
    public func decodeWholeNumber(forKey key: Key) throws -> Int {
        let value = try decode(Double.self, forKey: key)
        guard value.rounded() == value, abs(value) < 1e15 else {
            throw DecodingError.dataCorruptedError(forKey: key, in: self, debugDescription: "must be a whole number, got \(value)")
        }
        return Int(value)
    }
}
