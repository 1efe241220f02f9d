import Fluent
import Vapor

/// Authenticates `Authorization: Bearer <token>` for `/api/v1`. Cookies are ignored on the API,
/// so a browser session cannot be ridden by a cross-site request.
enum APITokenAuthenticator {
    static func authenticate(_ request: Request) async throws -> SignedInUser {
        if let user = request.currentUser { return user }
        guard let bearer = request.headers.bearerAuthorization?.token, !bearer.isEmpty else {
            throw AppError.unauthenticated
        }
        guard let account = try await APITokenService(database: request.db, clock: request.application.clock).user(forBearer: bearer)
        else { throw AppError.unauthenticated }
        let user = try account.signedIn()
        request.currentUser = user
        return user
    }
}
