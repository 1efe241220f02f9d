import Foundation

/// UUIDs as the 36-character text that SQLite stores and every link carries, read and written from
/// bytes. On Linux Foundation's `UUID(uuidString:)` calls `sscanf` and `uuidString` calls `sprintf`:
/// under `perf record` on `/places` the two were 7 % of the server's samples (100 ids read and as
/// many links written per page, and four ids per signed-in request for the session). Written by
/// hand for that reason; `UUIDTextTests` holds both to Foundation's answers.
enum UUIDText {
    /// The UUID of `text` in either case, as `UUID(uuidString:)` reads it, or nil.
    static func parse(_ text: String) -> UUID? {
        var text = text
        return text.withUTF8 { bytes -> UUID? in
            guard bytes.count == 36 else { return nil }
            var value: uuid_t = (0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0)
            var index = 0
            let parsed = withUnsafeMutableBytes(of: &value) { out -> Bool in
                for byteIndex in 0..<16 {
                    if index == 8 || index == 13 || index == 18 || index == 23 {
                        guard bytes[index] == UInt8(ascii: "-") else { return false }
                        index += 1
                    }
                    guard let high = nibble(bytes[index]), let low = nibble(bytes[index + 1]) else { return false }
                    out[byteIndex] = high << 4 | low
                    index += 2
                }
                return true
            }
            return parsed ? UUID(uuid: value) : nil
        }
    }

    /// The length of an id's text.
    static let length = 36

    /// `id.uuidString`: upper-case hexadecimal with dashes after the 4th, 6th, 8th and 10th byte.
    static func format(_ id: UUID) -> String {
        String(unsafeUninitializedCapacity: length) { write(id, into: UnsafeMutableRawBufferPointer($0)) }
    }

    /// Writes `id` as `format(_:)` does into the first `length` bytes of `out`, which must have room
    /// for them; returns `length`. For writers of their own memory (`HTMLWriter`) that need no string.
    @discardableResult
    static func write(_ id: UUID, into out: UnsafeMutableRawBufferPointer) -> Int {
        precondition(out.count >= length)
        return withUnsafeBytes(of: id.uuid) { source in
            var index = 0
            for (byteIndex, byte) in source.enumerated() {
                if byteIndex == 4 || byteIndex == 6 || byteIndex == 8 || byteIndex == 10 {
                    out[index] = UInt8(ascii: "-")
                    index += 1
                }
                out[index] = digits[Int(byte >> 4)]
                out[index + 1] = digits[Int(byte & 0x0F)]
                index += 2
            }
            return index
        }
    }

    private static let digits: [UInt8] = Array("0123456789ABCDEF".utf8)

    private static func nibble(_ byte: UInt8) -> UInt8? {
        switch byte {
        case UInt8(ascii: "0")...UInt8(ascii: "9"): byte - UInt8(ascii: "0")
        case UInt8(ascii: "A")...UInt8(ascii: "F"): byte - UInt8(ascii: "A") + 10
        case UInt8(ascii: "a")...UInt8(ascii: "f"): byte - UInt8(ascii: "a") + 10
        default: nil
        }
    }
}
