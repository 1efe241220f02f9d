import Foundation
import Vapor

/// Gives every web request the CSRF token its forms must carry, and a visitor without a session
/// the cookie that holds it. It reads no body: the check itself is `CSRFCheckMiddleware`, on each
/// state-changing route, after routing has found the route and its body limit.
///
/// A signed-in session has its own token (synchronizer token). Before sign-in, a random token lives
/// in an HttpOnly cookie and the form must repeat it (double submit), which protects the sign-in
/// form itself from login CSRF. The JSON API is exempt: it authenticates by bearer token, which a
/// browser never attaches on its own.
struct CSRFTokenMiddleware: AsyncMiddleware {
    func respond(to request: Request, chainingTo next: any AsyncResponder) async throws -> Response {
        if request.isAPIRequest { return try await next.respond(to: request) }
        let cookieToken = request.csrfCookieToken
        let anonymousToken = cookieToken ?? SecretToken.generate()
        request.csrfToken = request.currentSession?.csrfToken ?? anonymousToken
        let response = try await next.respond(to: request)
        if cookieToken == nil {
            let https = request.application.settings.servesHTTPS
            response.cookies[SessionCookie.csrfName(https: https)] = SessionCookie.value(anonymousToken, https: https)
        }
        return response
    }
}

extension Request {
    private struct CSRFKey: StorageKey { typealias Value = String }

    /// The token every form on the page must carry in its `_csrf` field.
    var csrfToken: String {
        get { storage[CSRFKey.self] ?? "" }
        set { storage[CSRFKey.self] = newValue }
    }

    /// The pre-sign-in token from the visitor's cookie, if it sent one.
    var csrfCookieToken: String? {
        let name = SessionCookie.csrfName(https: application.settings.servesHTTPS)
        return cookies[name].map(\.string).flatMap { $0.isEmpty ? nil : $0 }
    }

    /// The token a state-changing request must present: its session's, or before sign-in its
    /// cookie's. Nil when it has neither, and then no request it sends can be valid.
    var expectedCSRFToken: String? {
        currentSession?.csrfToken ?? csrfCookieToken
    }
}
