import Crypto
import Foundation

/// An opaque bearer token. Only its SHA-256 digest is stored, so a copy of
/// the database does not hand out live sessions.
public struct BearerToken: Sendable, Hashable {
    public let value: String

    public init(value: String) {
        self.value = value
    }

    /// A new token from 32 bytes of system randomness.
    public static func generate() -> BearerToken {
        var generator = SystemRandomNumberGenerator()
        let bytes = (0..<32).map { _ in UInt8.random(in: .min ... .max, using: &generator) }
        let text = Data(bytes).base64EncodedString()
            .replacingOccurrences(of: "+", with: "-").replacingOccurrences(of: "/", with: "_")
            .replacingOccurrences(of: "=", with: "")
        return BearerToken(value: "cto_" + text)
    }

    /// The digest under which the token is stored.
    public var digest: String {
        SHA256.hash(data: Data(value.utf8)).map { String(format: "%02x", $0) }.joined()
    }
}
