import Fluent
import Foundation
import PraktikCore
import SQLKit

/// Tells a unit's case workers that an employer proposed a place: one e-mail each, in the case
/// worker's own language, queued in the outbox in the same transaction as the proposal, so a
/// proposal is never saved without its notice (nor a notice sent for a proposal that failed).
struct ProposalNotice: Sendable {
    let translations: Translations
    let publicURL: String

    func send(for place: Place, employerName: String, on database: any Database, clock: AppClock) async throws {
        struct Recipient: Decodable {
            let email: String
            let language: String
        }
        let recipients = try await database.sql.raw(
            """
            SELECT email, language FROM users
            WHERE role = \(bind: Role.caseWorker.rawValue) AND is_active = \(bind: true) AND unit_id = \(bind: place.$unit.id)
            ORDER BY email
            """
        ).all(decoding: Recipient.self)
        let link = publicURL.trimmingCharacters(in: CharacterSet(charactersIn: "/")) + SiteURL.place(place.id).path
        let outbox = Outbox(database: database, clock: clock)
        for recipient in recipients {
            let language = AppLanguage(rawValue: recipient.language) ?? .default
            func text(_ key: String, _ arguments: String...) -> String { translations.text(for: key, in: language, arguments: arguments) }
            try await outbox.enqueue(
                to: recipient.email, subject: text("proposal.mail.subject", place.title),
                body: text("proposal.mail.body", employerName, place.title, place.periodStart, place.periodEnd, link),
                participantID: nil)
        }
    }
}
