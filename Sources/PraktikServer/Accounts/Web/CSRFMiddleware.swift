import Crypto
import Foundation
import Vapor

/// Refuses every state-changing web request that does not carry the right CSRF token.
///
/// A signed-in session has its own token (synchronizer token). Before sign-in, a random token lives
/// in an HttpOnly cookie and the form must repeat it (double submit), which protects the sign-in
/// form itself from login CSRF. The JSON API is exempt: it authenticates by bearer token, which a
/// browser never attaches on its own.
struct CSRFMiddleware: AsyncMiddleware {
    static let formField = "_csrf"
    static let headerName = "X-CSRF-Token"
    /// Largest body we read to find the token; uploads larger than this are refused anyway.
    static let maximumBodyBytes = 32 * 1024 * 1024

    func respond(to request: Request, chainingTo next: any AsyncResponder) async throws -> Response {
        if request.isAPIRequest { return try await next.respond(to: request) }
        let https = request.application.settings.servesHTTPS
        let cookieName = SessionCookie.csrfName(https: https)
        let cookieToken = request.cookies[cookieName].map(\.string).flatMap { $0.isEmpty ? nil : $0 }
        let anonymousToken = cookieToken ?? SecretToken.generate()
        request.csrfToken = request.currentSession?.csrfToken ?? anonymousToken

        if ![.GET, .HEAD, .OPTIONS].contains(request.method) {
            let presented = try await presentedToken(in: request)
            // Before sign-in the expected token is the cookie's; a form without that cookie fails.
            let expected = request.currentSession?.csrfToken ?? cookieToken
            guard let expected, let presented, Self.constantTimeEquals(expected, presented) else {
                throw AppError.invalidCSRFToken
            }
        }
        let response = try await next.respond(to: request)
        if cookieToken == nil {
            response.cookies[cookieName] = SessionCookie.value(anonymousToken, https: https)
        }
        return response
    }

    private func presentedToken(in request: Request) async throws -> String? {
        if let header = request.headers.first(name: Self.headerName) { return header }
        if request.body.data == nil {
            _ = try await request.body.collect(max: Self.maximumBodyBytes).get()
        }
        struct TokenField: Decodable {
            let _csrf: String?
        }
        guard request.headers.contentType != nil else { return nil }
        return (try? request.content.decode(TokenField.self))?._csrf
    }

    static func constantTimeEquals(_ lhs: String, _ rhs: String) -> Bool {
        let a = Array(lhs.utf8), b = Array(rhs.utf8)
        guard a.count == b.count else { return false }
        var difference: UInt8 = 0
        for index in a.indices { difference |= a[index] ^ b[index] }
        return difference == 0
    }
}

extension Request {
    private struct CSRFKey: StorageKey { typealias Value = String }

    /// The token every form on the page must carry in its `_csrf` field.
    var csrfToken: String {
        get { storage[CSRFKey.self] ?? "" }
        set { storage[CSRFKey.self] = newValue }
    }
}
