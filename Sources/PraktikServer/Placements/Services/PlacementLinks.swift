import Fluent
import Foundation
import PraktikCore
import SQLKit

/// Issues and resolves the single-purpose links of placements. A link is a 256-bit random secret
/// in the URL; only its SHA-256 digest is stored (like the portal's sign-in links), so the table
/// leaks nothing and a link is dead the moment its row or its subject says so. Each sending (the
/// form, each reminder) gets a link of its own, all valid until the subject is answered, cancelled
/// or the expiry passes.
struct PlacementLinks: Sendable {
    let database: any Database
    let clock: AppClock

    /// A new link; returns the secret for the URL.
    func issue(_ kind: PlacementLink.Kind, subject: UUID, placementID: UUID, expiresOn: CivilDate) async throws -> String {
        let token = SecretToken.generate()
        let link = PlacementLink()
        link.tokenDigest = SecretToken.digest(of: token)
        link.kind = kind.rawValue
        link.subjectID = subject
        link.$placement.id = placementID
        link.expiresOn = expiresOn.description
        link.createdAt = clock.now()
        try await link.create(on: database)
        return token
    }

    /// The link for `token` if it exists, is of `kinds` and has not expired; nil otherwise.
    func resolve(_ token: String, kinds: Set<PlacementLink.Kind>) async throws -> PlacementLink? {
        guard !token.isEmpty, token.utf8.count <= 100 else { return nil }
        guard let link = try await PlacementLink.query(on: database).filter(\.$tokenDigest == SecretToken.digest(of: token)).first(),
            let kind = PlacementLink.Kind(rawValue: link.kind), kinds.contains(kind),
            let expires = CivilDate(iso8601: link.expiresOn), expires >= (try clock.today())
        else { return nil }
        return link
    }

    /// Kills every link to `subject` (answered, cancelled, consent withdrawn).
    func revoke(subject: UUID) async throws {
        try await PlacementLink.query(on: database).filter(\.$subjectID == subject).delete()
    }

    func revoke(placementID: UUID) async throws {
        try await PlacementLink.query(on: database).filter(\.$placement.$id == placementID).delete()
    }

    /// The full address a mail carries.
    static func url(_ site: SiteURL, publicURL: String) -> String {
        publicURL.trimmingCharacters(in: CharacterSet(charactersIn: "/")) + site.path
    }
}
