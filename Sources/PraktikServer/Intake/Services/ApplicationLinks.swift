import Fluent
import Foundation
import SQLKit

/// Links to an application's status page: a random secret in the link, only its digest stored,
/// valid for `lifetime`. Every message to the applicant carries a fresh one.
struct ApplicationLinks: Sendable {
    let database: any Database
    let clock: AppClock

    /// The status page must outlive screening and matching; a later message brings a new link.
    static let lifetime: TimeInterval = 120 * 24 * 3600

    /// A new link for `application`; returns the secret to put in the message.
    func issue(for application: IntakeApplication) async throws -> String {
        let token = SecretToken.generate()
        let link = ApplicationLink()
        link.$application.id = try application.requireID()
        link.$participant.id = application.$participant.id
        link.tokenDigest = SecretToken.digest(of: token)
        link.createdAt = clock.now()
        link.expiresAt = clock.now().addingTimeInterval(Self.lifetime)
        try await link.create(on: database)
        return token
    }

    /// The application a link opens, or nil for an unknown, altered or expired link.
    func resolve(_ token: String) async throws -> IntakeApplication? {
        guard !token.isEmpty, token.count <= 100,
            let link = try await ApplicationLink.query(on: database).filter(\.$tokenDigest == SecretToken.digest(of: token)).first(),
            link.expiresAt > clock.now()
        else { return nil }
        return try await IntakeApplication.find(link.$application.id, on: database)
    }
}
