import Plot
import PraktikCore
import Vapor

/// Pages written as Swift (Plot) rather than as a Leaf template: the lists people page through all
/// day, where Leaf's rendering was most of the request (see BENCHMARKS.md). A view is a function
/// from its page model to `HTMLNode`s; `request.render(view:layout:)` puts it in the frame.
///
/// Plot writes attribute values as given and lets `&…;` through in text, so views never pass data
/// to Plot's own text or attribute builders: data goes through `.words(_:)` (escaped text) and
/// `.attr(_:_:)` (escaped attribute), which escape as Leaf's `#( )` does.
typealias HTMLNode = Node<HTML.BodyContext>

extension Node where Context == HTML.BodyContext {
    /// An element by name with its attributes and children.
    static func el(_ name: String, _ nodes: HTMLNode...) -> HTMLNode {
        .element(named: name, nodes: nodes)
    }

    /// An element by name with its attributes and children.
    static func el(_ name: String, _ nodes: [HTMLNode]) -> HTMLNode {
        .element(named: name, nodes: nodes)
    }

    /// An element without content (`<input …/>`, `<meta …/>`): attributes only.
    static func void(_ name: String, _ attributes: Attribute<HTML.BodyContext>...) -> HTMLNode {
        .selfClosedElement(named: name, attributes: attributes)
    }

    /// Text, escaped.
    static func words(_ text: String) -> HTMLNode {
        .raw(HTMLEscaping.escape(text))
    }

    /// An attribute with its value escaped; kept when the value is empty (as a bare
    /// attribute, which HTML reads as an empty value).
    static func attr(_ name: String, _ value: String) -> HTMLNode {
        .attribute(named: name, value: HTMLEscaping.escape(value), ignoreIfValueIsEmpty: false)
    }

    /// A boolean attribute (`selected`, `hidden`), present only when `isOn`.
    static func flag(_ name: String, _ isOn: Bool) -> HTMLNode {
        isOn ? .attribute(named: name) : .empty
    }
}

extension Attribute where Context == HTML.BodyContext {
    /// An attribute of a void element, its value escaped; kept when the value is empty (as a bare
    /// attribute, which HTML reads as an empty value).
    static func attr(_ name: String, _ value: String) -> Attribute {
        Attribute(name: name, value: HTMLEscaping.escape(value), ignoreIfValueIsEmpty: false)
    }
}

/// The request's language, for views: `t(key)`, `t(key, argument)`.
struct Words: Sendable {
    let translations: Translations
    let language: AppLanguage

    init(_ request: Request) {
        translations = request.application.translations
        language = request.language
    }

    func callAsFunction(_ key: String, _ arguments: String...) -> String {
        translations.text(for: key, in: language, arguments: arguments)
    }
}

extension Request {
    /// Renders a Swift view in the shared frame (`LayoutView`), as HTML with `status`.
    func render(view: (Words) -> HTMLNode, layout: Layout, status: HTTPResponseStatus = .ok) -> Response {
        let words = Words(self)
        let html = LayoutView.document(layout, words: words, body: view(words))
        var headers = HTTPHeaders()
        headers.contentType = .html
        return Response(status: status, headers: headers, body: .init(string: html))
    }
}
