import Fluent
import Foundation
import PraktikCore
import SQLKit

/// Signing participants in to their portal with a one-time link sent to their e-mail address.
struct PortalSignIn: Sendable {
    let database: any Database
    let clock: AppClock
    let publicURL: String

    static let lifetime: TimeInterval = 20 * 60
    static let maximumLinksPerHour = 5

    /// Sends a link if the address belongs to a participant who may use the portal. Says nothing
    /// either way: the page the visitor sees is the same, so it cannot be used to find out who is enrolled.
    func requestLink(for rawEmail: String, language: AppLanguage, translations: Translations) async throws {
        let email = rawEmail.trimmingCharacters(in: .whitespacesAndNewlines).lowercased()
        guard EmailAddress.looksValid(email),
            let participant = try await Participant.query(on: database)
                .filter(\.$email == email).filter(\.$erasedAt == nil).first(),
            let participantID = participant.id
        else { return }
        let recent = try await PortalSignInLink.query(on: database)
            .filter(\.$participant.$id == participantID)
            .filter(\.$createdAt > clock.now().addingTimeInterval(-3600)).count()
        guard recent < Self.maximumLinksPerHour else { return }

        let token = SecretToken.generate()
        let link = PortalSignInLink()
        link.$participant.id = participantID
        link.tokenDigest = SecretToken.digest(of: token)
        link.createdAt = clock.now()
        link.expiresAt = clock.now().addingTimeInterval(Self.lifetime)
        let url = publicURL.trimmingCharacters(in: CharacterSet(charactersIn: "/")) + SiteURL.portalLink(token).path
        // The person's own language if recorded, else the language of the page they asked from.
        let language = participant.messageLanguage.flatMap(AppLanguage.init(rawValue:)) ?? language
        let body = translations.text(
            for: "portal.mail.body", in: language, arguments: [participant.firstName ?? "", url, String(Int(Self.lifetime / 60))])
        try await database.writingTransaction { db in
            try await link.create(on: db)
            try await Outbox(database: db, clock: clock).enqueue(
                to: email, subject: translations.text(for: "portal.mail.subject", in: language), body: body, participantID: participantID)
        }
    }

    /// Uses up a link and returns the participant's portal account (created on first use), or nil
    /// when the link is unknown, used or expired.
    func redeem(_ token: String) async throws -> User? {
        do {
            return try await redeemOnce(token)
        } catch  where error.isUniqueViolation {
            // Two of the person's links were used at the same moment and both created the account:
            // the second transaction was undone with its link still unused; now it finds the account.
            return try await redeemOnce(token)
        }
    }

    private func redeemOnce(_ token: String) async throws -> User? {
        guard
            let link = try await PortalSignInLink.query(on: database)
                .filter(\.$tokenDigest == SecretToken.digest(of: token)).with(\.$participant).first(),
            link.usedAt == nil, link.expiresAt > clock.now(), link.participant.erasedAt == nil
        else { return nil }
        let participant = link.participant
        let participantID = try participant.requireID()
        return try await database.writingTransaction { db in
            // Claiming the link is one conditional UPDATE: of two simultaneous uses, only one
            // finds the row still unused.
            let sql = try db.sql
            let claimed = try await sql.update(PortalSignInLink.schema)
                .set("used_at", to: SQLBind(clock.now()))
                .where("id", .equal, SQLBind(try link.requireID()))
                .where("used_at", .is, SQLLiteral.null)
                .returning("id")
                .all()
            guard !claimed.isEmpty else { return nil }

            if let account = try await User.query(on: db).filter(\.$participant.$id == participantID).first() {
                account.displayName = participant.firstName ?? account.displayName
                try await account.save(on: db)
                return account
            }
            // The account's e-mail field is a sign-in key that is never shown or used for mail;
            // it keeps participants out of the staff address space.
            let account = User(
                email: "portal-\(participantID.uuidString.lowercased())@participants.invalid",
                displayName: participant.firstName ?? "", role: .participant, unitID: nil, language: .default,
                passwordHash: SecretToken.generate())
            account.$participant.id = participantID
            try await account.create(on: db)
            return account
        }
    }
}
