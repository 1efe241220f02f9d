import NIOCore

/// Escapes text for HTML text and attribute values, exactly as Leaf's `#( )` does (`& " ' < >`),
/// working on UTF-8 bytes: a page of 50 rows escapes some 500 values.
enum HTMLEscaping {
    static func escape(_ text: String) -> String {
        var buffer = ByteBufferAllocator().buffer(capacity: text.utf8.count + 16)
        write(text, into: &buffer)
        return String(buffer: buffer)
    }

    /// Writes `text` escaped at the end of `buffer`.
    static func write(_ text: String, into buffer: inout ByteBuffer) {
        var text = text
        text.withUTF8 { utf8 in
            forEachPiece(of: utf8) {
                buffer.writeBytes($0)
            } replacement: {
                buffer.writeStaticString($0)
            }
        }
    }

    /// The escaped form of `utf8` in pieces, in order: runs without a special character as they
    /// are (`run`), each special character as its entity (`replacement`). The common case, no
    /// `&"'<>` at all, is one run, so one copy and no new string.
    @inline(__always)
    static func forEachPiece(
        of utf8: UnsafeBufferPointer<UInt8>, run: (UnsafeRawBufferPointer) -> Void, replacement: (StaticString) -> Void
    ) {
        var runStart = 0
        for index in utf8.indices {
            let entity: StaticString
            switch utf8[index] {
            case 0x26: entity = "&amp;"
            case 0x22: entity = "&quot;"
            case 0x27: entity = "&#39;"
            case 0x3C: entity = "&lt;"
            case 0x3E: entity = "&gt;"
            default: continue
            }
            run(UnsafeRawBufferPointer(UnsafeBufferPointer(rebasing: utf8[runStart..<index])))
            replacement(entity)
            runStart = index + 1
        }
        run(UnsafeRawBufferPointer(UnsafeBufferPointer(rebasing: utf8[runStart..<utf8.count])))
    }
}
