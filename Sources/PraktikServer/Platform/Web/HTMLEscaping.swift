import NIOCore

/// Escapes text for HTML text and attribute values, exactly as Leaf's `#( )` does (`& " ' < >`),
/// working on UTF-8 bytes: a page of 50 rows escapes some 500 values.
enum HTMLEscaping {
    static func escape(_ text: String) -> String {
        var buffer = ByteBufferAllocator().buffer(capacity: text.utf8.count + 16)
        write(text, into: &buffer)
        return String(buffer: buffer)
    }

    /// Writes `text` escaped at the end of `buffer`: runs without a special character are copied
    /// as they are, so the common case (no `&"'<>` at all) is one copy and no new string.
    static func write(_ text: String, into buffer: inout ByteBuffer) {
        var text = text
        text.withUTF8 { bytes in
            var runStart = 0
            for index in bytes.indices {
                let replacement: StaticString
                switch bytes[index] {
                case 0x26: replacement = "&amp;"
                case 0x22: replacement = "&quot;"
                case 0x27: replacement = "&#39;"
                case 0x3C: replacement = "&lt;"
                case 0x3E: replacement = "&gt;"
                default: continue
                }
                buffer.writeBytes(UnsafeRawBufferPointer(UnsafeBufferPointer(rebasing: bytes[runStart..<index])))
                buffer.writeStaticString(replacement)
                runStart = index + 1
            }
            buffer.writeBytes(UnsafeRawBufferPointer(UnsafeBufferPointer(rebasing: bytes[runStart..<bytes.count])))
        }
    }
}
