/// Writes HTML straight into one `String`, element by element, for the Swift views (`PageView.swift`).
///
/// Written by hand rather than with a library: the lists were Plot views, and under `perf record` on
/// `/places` Plot's node tree (building it, then rendering it: closures, existential boxes, a buffer
/// and a string per element) was a third of all the server's samples (BENCHMARKS.md). Here an element
/// is its tags appended in place, so a page costs one growing string.
///
/// Data is always escaped: `text(_:)` and `Attribute.attr(_:_:)` go through `HTMLEscaping.escape`, as
/// Leaf's `#( )` does; only `markup(_:)` writes as given, and it takes a literal.
struct HTMLWriter {
    private(set) var html: String

    /// `capacity`: what the page is expected to need, so the string rarely grows (a list page of
    /// 50 rows is about 14 kB).
    init(capacity: Int = 32 * 1024) {
        html = ""
        html.reserveCapacity(capacity)
    }

    /// One attribute of an element.
    struct Attribute {
        fileprivate let name: String
        /// Already escaped; empty writes the bare name.
        fileprivate let value: String
        fileprivate let isPresent: Bool

        /// An attribute with its value escaped; kept when the value is empty, as a bare attribute
        /// (`<input value/>`), which HTML reads as an empty value.
        static func attr(_ name: String, _ value: String) -> Attribute {
            Attribute(name: name, value: HTMLEscaping.escape(value), isPresent: true)
        }

        /// A boolean attribute (`selected`, `hidden`), present only when `isOn`.
        static func flag(_ name: String, _ isOn: Bool) -> Attribute {
            Attribute(name: name, value: "", isPresent: isOn)
        }

        /// No attribute: for one written only under a condition.
        static let none = Attribute(name: "", value: "", isPresent: false)
    }

    /// `<name …>`, what `content` writes, `</name>`.
    mutating func element(_ name: String, _ attributes: Attribute..., content: (inout HTMLWriter) -> Void) {
        open(name, attributes)
        content(&self)
        close(name)
    }

    /// `<name …>text</name>`, the text escaped.
    mutating func element(_ name: String, _ attributes: Attribute..., text: String) {
        open(name, attributes)
        self.text(text)
        close(name)
    }

    /// An element without content, closed as `<input …/>` (HTML reads it as `<input …>`).
    mutating func void(_ name: String, _ attributes: Attribute...) {
        html.append("<")
        html.append(name)
        write(attributes)
        html.append("/>")
    }

    /// Text, escaped.
    mutating func text(_ text: String) {
        html.append(HTMLEscaping.escape(text))
    }

    /// Markup written as given: only literals, never data.
    mutating func markup(_ literal: StaticString) {
        html.append(literal.description)
    }

    private mutating func open(_ name: String, _ attributes: [Attribute]) {
        html.append("<")
        html.append(name)
        write(attributes)
        html.append(">")
    }

    private mutating func close(_ name: String) {
        html.append("</")
        html.append(name)
        html.append(">")
    }

    private mutating func write(_ attributes: [Attribute]) {
        for attribute in attributes where attribute.isPresent {
            html.append(" ")
            html.append(attribute.name)
            if !attribute.value.isEmpty {
                html.append("=\"")
                html.append(attribute.value)
                html.append("\"")
            }
        }
    }
}
