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
/// Data is always escaped: `text(_:)` and `Attribute.attr(_:_:)` go through `HTMLEscaping.write`, as
/// Leaf's `#( )` does; only `markup(_:)` writes as given, and it takes a literal.
struct HTMLWriter {
    private(set) var buffer: ByteBuffer

    /// `capacity`: what the page is expected to need, so the buffer rarely grows (a list page of
    /// 50 rows is about 24 kB).
    init(capacity: Int = 32 * 1024) {
        buffer = ByteBufferAllocator().buffer(capacity: capacity)
    }

    /// What has been written, as text.
    var html: String { String(buffer: buffer) }

    /// One attribute of an element.
    struct Attribute {
        fileprivate let name: StaticString
        /// As given, escaped when written; empty writes the bare name.
        fileprivate let value: String
        fileprivate let isPresent: Bool

        /// An attribute with its value escaped; kept when the value is empty, as a bare attribute
        /// (`<input value/>`), which HTML reads as an empty value.
        static func attr(_ name: StaticString, _ value: String) -> Attribute {
            Attribute(name: name, value: value, isPresent: true)
        }

        /// A boolean attribute (`selected`, `hidden`), present only when `isOn`.
        static func flag(_ name: StaticString, _ isOn: Bool) -> Attribute {
            Attribute(name: name, value: "", isPresent: isOn)
        }

        /// No attribute: for one written only under a condition.
        static let none = Attribute(name: "", value: "", isPresent: false)
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
        buffer.writeStaticString("<")
        buffer.writeStaticString(name)
        write(attributes)
        buffer.writeStaticString("/>")
    }

    /// Text, escaped.
    mutating func text(_ text: String) {
        HTMLEscaping.write(text, into: &buffer)
    }

    /// Markup written as given: only literals, never data.
    mutating func markup(_ literal: StaticString) {
        buffer.writeStaticString(literal)
    }

    private mutating func open(_ name: StaticString, _ attributes: [Attribute]) {
        buffer.writeStaticString("<")
        buffer.writeStaticString(name)
        write(attributes)
        buffer.writeStaticString(">")
    }

    private mutating func close(_ name: StaticString) {
        buffer.writeStaticString("</")
        buffer.writeStaticString(name)
        buffer.writeStaticString(">")
    }

    private mutating func write(_ attributes: [Attribute]) {
        for attribute in attributes where attribute.isPresent {
            buffer.writeStaticString(" ")
            buffer.writeStaticString(attribute.name)
            if !attribute.value.isEmpty {
                buffer.writeStaticString("=\"")
                HTMLEscaping.write(attribute.value, into: &buffer)
                buffer.writeStaticString("\"")
            }
        }
    }
}
