import Foundation

/// One spelling for ids: Foundation writes a `UUID` in upper case, while SQL,
/// references and every id a client builds are in lower case. Every JSON body
/// the API writes goes through here, so that an id reads the same wherever it
/// appears, alone or inside a text such as `destination:<id>` or an error message.
public enum LowercaseIdentifiers {
    /// The JSON of `value`, with every UUID in lower case.
    public static func json(_ value: some Encodable, encoder: JSONEncoder = JSONBody.encoder) throws -> Data {
        lowercased(try encoder.encode(value))
    }

    /// `data` with every upper-case UUID (8-4-4-4-12 hexadecimal digits) in lower case.
    public static func lowercased(_ data: Data) -> Data {
        var bytes = [UInt8](data)
        let length = 36
        guard bytes.count >= length else { return data }
        var index = 0
        while index <= bytes.count - length {
            if isUUID(bytes, at: index) && (index == 0 || !isHex(bytes[index - 1]))
                && (index + length == bytes.count || !isHex(bytes[index + length]))
            {
                for offset in index..<(index + length) where (0x41...0x46).contains(bytes[offset]) { bytes[offset] += 0x20 }
                index += length
            } else {
                index += 1
            }
        }
        return Data(bytes)
    }

    private static func isUUID(_ bytes: [UInt8], at start: Int) -> Bool {
        for offset in 0..<36 {
            let byte = bytes[start + offset]
            if [8, 13, 18, 23].contains(offset) {
                guard byte == 0x2D else { return false }
            } else {
                guard isHex(byte) else { return false }
            }
        }
        return true
    }

    private static func isHex(_ byte: UInt8) -> Bool {
        (0x30...0x39).contains(byte) || (0x41...0x46).contains(byte) || (0x61...0x66).contains(byte)
    }
}
