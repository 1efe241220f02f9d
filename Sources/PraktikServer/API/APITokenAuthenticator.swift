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
        guard
            let token = try await APIToken.query(on: request.db)
                .filter(\.$tokenDigest == SecretToken.digest(of: bearer))
                .filter(\.$revokedAt == nil)
                .with(\.$user)
                .first(),
            token.user.isActive
        else { throw AppError.unauthenticated }
        let now = request.now
        if token.lastUsedAt.map({ now.timeIntervalSince($0) >= 60 }) ?? true {
            token.lastUsedAt = now
            try await token.save(on: request.db)
        }
        let user = try token.user.signedIn()
        request.currentUser = user
        return user
    }
}
