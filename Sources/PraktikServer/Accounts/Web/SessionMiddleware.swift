import Vapor

/// Loads the signed-in user from the session cookie for web requests. An unknown, ended or expired
/// cookie is cleared from the browser.
struct SessionMiddleware: AsyncMiddleware {
    func respond(to request: Request, chainingTo next: any AsyncResponder) async throws -> Response {
        guard !request.isAPIRequest, let token = request.cookies[request.sessionCookieName]?.string, !token.isEmpty else {
            return try await next.respond(to: request)
        }
        if let (session, user) = try await request.sessionStore.resolve(token: token) {
            request.currentSession = session
            request.currentUser = user
            return try await next.respond(to: request)
        }
        let response = try await next.respond(to: request)
        // A handler may have started a new session (sign-in); only clear a cookie nobody replaced.
        if response.cookies[request.sessionCookieName] == nil {
            response.clearSessionCookie(for: request)
        }
        return response
    }
}
