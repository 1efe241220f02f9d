import Foundation
import NIOCore

/// Writes HTML straight into one buffer of UTF-8 bytes, element by element, for the Swift views
/// (`PageView.swift`); the buffer becomes the response body as it is.
///
/// Written by hand rather than with a library: the lists were Plot views, and under `perf record` on
/// `/places` Plot's node tree (building it, then rendering it: closures, existential boxes, a buffer
/// and a string per element) was a third of all the server's samples (BENCHMARKS.md). Here an element
/// is its tags appended in place, so a page costs one growing buffer. Bytes rather than a `String`:
/// `String`'s appends re-check each piece's encoding, about a tenth of `/places`' handler samples
/// under perf record, and the body was then copied out of the string once more.
///
/// Tag and attribute names are `StaticString`s, so no name can come from data.
/// Data is always escaped: `text(_:)` and `Attribute.attr(_:_:)` go through `HTMLEscaping`, as
/// Leaf's `#( )` does; only `markup(_:)` writes as given, and it takes a literal.
struct HTMLWriter: ~Copyable {
    /// The page so far: `count` bytes written of `capacity` allocated. Raw memory rather than a
    /// `ByteBuffer`: a page is some 10,000 small writes, and each of `ByteBuffer`'s checks that its
    /// storage is not shared before it checks the capacity (its writes were 6.5 % of `/places`'
    /// samples under `perf record`; this way the page costs 0.87 of the CPU, BENCHMARKS.md). Here a
    /// write is a comparison and a copy. The writer cannot be copied, so the memory has one owner
    /// and is freed with it.
    private var bytes: UnsafeMutableRawPointer
    private var count = 0
    private var capacity: Int

    /// `capacity`: what the page is expected to need, so the buffer rarely grows (a list page of
    /// 50 rows is about 24 kB).
    init(capacity: Int = 32 * 1024) {
        self.capacity = max(capacity, 64)
        bytes = .allocate(byteCount: self.capacity, alignment: 1)
    }

    deinit { bytes.deallocate() }

    /// What has been written, as the bytes of a response body.
    var buffer: ByteBuffer {
        ByteBufferAllocator().buffer(bytes: UnsafeRawBufferPointer(start: bytes, count: count))
    }

    /// What has been written, as text.
    var html: String { String(decoding: UnsafeRawBufferPointer(start: bytes, count: count), as: UTF8.self) }

    /// One attribute of an element.
    struct Attribute {
        fileprivate let name: StaticString
        fileprivate let value: Value
        fileprivate let isPresent: Bool

        fileprivate enum Value {
            /// As given, escaped when written; empty writes the bare name.
            case text(String)
            /// A record's link: its id written straight between the link's two parts.
            case record(RecordLink, UUID)
        }

        /// An attribute with its value escaped; kept when the value is empty, as a bare attribute
        /// (`<input value/>`), which HTML reads as an empty value.
        static func attr(_ name: StaticString, _ value: String) -> Attribute {
            Attribute(name: name, value: .text(value), isPresent: true)
        }

        /// `href` to the record `id`: what `.attr("href", link.path(id))` writes, without making the string.
        static func href(_ link: RecordLink, _ id: UUID) -> Attribute {
            Attribute(name: "href", value: .record(link, id), isPresent: true)
        }

        /// A boolean attribute (`selected`, `hidden`), present only when `isOn`.
        static func flag(_ name: StaticString, _ isOn: Bool) -> Attribute {
            Attribute(name: name, value: .text(""), isPresent: isOn)
        }

        /// No attribute: for one written only under a condition.
        static let none = Attribute(name: "", value: .text(""), isPresent: false)
    }

    /// `<name …>`, what `content` writes, `</name>`.
    mutating func element(_ name: StaticString, _ attributes: Attribute..., content: (inout HTMLWriter) -> Void) {
        open(name, attributes)
        content(&self)
        close(name)
    }

    /// `<name …>text</name>`, the text escaped.
    mutating func element(_ name: StaticString, _ attributes: Attribute..., text: String) {
        open(name, attributes)
        self.text(text)
        close(name)
    }

    /// An element without content, closed as `<input …/>` (HTML reads it as `<input …>`).
    mutating func void(_ name: StaticString, _ attributes: Attribute...) {
        write("<")
        write(name)
        write(attributes)
        write("/>")
    }

    /// Text, escaped.
    mutating func text(_ text: String) {
        writeEscaped(text)
    }

    /// Markup written as given: only literals, never data.
    mutating func markup(_ literal: StaticString) {
        write(literal)
    }

    private mutating func open(_ name: StaticString, _ attributes: [Attribute]) {
        write("<")
        write(name)
        write(attributes)
        write(">")
    }

    private mutating func close(_ name: StaticString) {
        write("</")
        write(name)
        write(">")
    }

    private mutating func write(_ attributes: [Attribute]) {
        for attribute in attributes where attribute.isPresent {
            write(" ")
            write(attribute.name)
            switch attribute.value {
            case .text(let value) where value.isEmpty:
                break
            case .text(let value):
                write("=\"")
                writeEscaped(value)
                write("\"")
            case .record(let link, let id):
                write("=\"")
                writeEscaped(link.prefix)
                writeUUID(id)
                writeEscaped(link.suffix)
                write("\"")
            }
        }
    }

    private mutating func writeUUID(_ id: UUID) {
        if count + UUIDText.length > capacity { grow(toHold: count + UUIDText.length) }
        count += UUIDText.write(id, into: UnsafeMutableRawBufferPointer(start: bytes + count, count: UUIDText.length))
    }

    private mutating func write(_ literal: StaticString) {
        literal.withUTF8Buffer { append(UnsafeRawBufferPointer($0)) }
    }

    private mutating func writeEscaped(_ text: String) {
        var text = text
        text.withUTF8 { utf8 in
            HTMLEscaping.forEachPiece(of: utf8) { run in
                append(run)
            } replacement: {
                write($0)
            }
        }
    }

    private mutating func append(_ piece: UnsafeRawBufferPointer) {
        guard let source = piece.baseAddress, !piece.isEmpty else { return }
        if count + piece.count > capacity { grow(toHold: count + piece.count) }
        (bytes + count).copyMemory(from: source, byteCount: piece.count)
        count += piece.count
    }

    private mutating func grow(toHold needed: Int) {
        var newCapacity = capacity * 2
        while newCapacity < needed { newCapacity *= 2 }
        let larger = UnsafeMutableRawPointer.allocate(byteCount: newCapacity, alignment: 1)
        larger.copyMemory(from: bytes, byteCount: count)
        bytes.deallocate()
        bytes = larger
        capacity = newCapacity
    }
}
