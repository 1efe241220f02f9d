import Foundation
import PraktikCore
import Vapor

/// Who is making the request, as every route and view needs it. Loaded once per request by the
/// session middleware or the API token authenticator.
struct SignedInUser: Sendable, Equatable {
    let id: UUID
    let email: String
    let displayName: String
    let role: Role
    let unitID: UUID?
    var language: AppLanguage
    /// Set for a participant's portal account: the one record it may read.
    var participantID: UUID? = nil
}

extension Request {
    private struct CurrentUserKey: StorageKey { typealias Value = SignedInUser }
    private struct CurrentSessionKey: StorageKey { typealias Value = ActiveSession }

    var currentUser: SignedInUser? {
        get { storage[CurrentUserKey.self] }
        set { storage[CurrentUserKey.self] = newValue }
    }

    var currentSession: ActiveSession? {
        get { storage[CurrentSessionKey.self] }
        set { storage[CurrentSessionKey.self] = newValue }
    }

    /// The signed-in user, or the sign-in redirect. For handlers behind an access rule that already
    /// requires a signed-in role, this never throws.
    func requireUser() throws -> SignedInUser {
        guard let user = currentUser else { throw AppError.unauthenticated }
        return user
    }
}

extension User {
    func signedIn() throws -> SignedInUser {
        guard let id, let role = Role(rawValue: role) else { throw AppError.forbidden }
        return SignedInUser(
            id: id, email: email, displayName: displayName, role: role, unitID: $unit.id,
            language: AppLanguage(rawValue: language) ?? .default, participantID: $participant.id
        )
    }
}
