import Vapor

/// A page's own model together with the frame's.
struct PageContext<Page: Encodable>: Encodable {
    let layout: Layout
    let page: Page
}

extension Request {
    /// Renders `template` with the page's model under `page` and the frame's under `layout`, as
    /// HTML with `status` (a form shown again with its problems answers 400, a refusal 409).
    func render<Page: Encodable>(
        _ template: String, _ page: Page, layout: Layout, status: HTTPResponseStatus = .ok
    ) async throws -> Response {
        let view = try await self.view.render(template, PageContext(layout: layout, page: page))
        let response = try await view.encodeResponse(for: self)
        response.headers.contentType = .html
        response.status = status
        return response
    }
}
