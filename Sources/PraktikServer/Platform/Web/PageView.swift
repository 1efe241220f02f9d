import PraktikCore
import Vapor

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
    /// Pages written as Swift rather than as a Leaf template: the lists people page through all day,
    /// where Leaf's rendering was most of the request (see BENCHMARKS.md). A view writes its page model
    /// into an `HTMLWriter`; `request.render(view:layout:)` puts it in the frame.
    ///
    /// The writer is hand-written, not a library: the views were Plot's before, and Plot's node tree
    /// (built, then rendered) was a third of a `/places` request's CPU, measured under `perf record`
    /// (NOTES.md, BENCHMARKS.md). Data always goes through `text(_:)` (escaped text) and `.attr(_:_:)`
    /// (escaped attribute value), which escape as Leaf's `#( )` does; `markup(_:)` takes only literals.
    ///
    /// Renders the view in the shared frame (`LayoutView`), as HTML with `status`.
    func render(view: (inout HTMLWriter, Words) -> Void, layout: Layout, status: HTTPResponseStatus = .ok) -> Response {
        let words = Words(self)
        let page = LayoutView.document(layout, words: words) { view(&$0, words) }
        var headers = HTTPHeaders()
        headers.contentType = .html
        return Response(status: status, headers: headers, body: .init(buffer: page.buffer))
    }
}
