import Fluent
import Foundation
import PraktikCore
import Vapor

/// Mail about a placement, written in the recipient's language and queued in the outbox in the
/// caller's transaction.
struct PlacementMail: Sendable {
    let database: any Database
    let clock: AppClock
    let translations: Translations

    /// The interface language for a language tag; a tag the interface does not speak yet falls
    /// back to the installation's default.
    static func language(_ tag: String) -> AppLanguage { AppLanguage(rawValue: tag) ?? .default }

    func send(to address: String, subjectKey: String, bodyKey: String, arguments: [String], language tag: String, participantID: UUID?)
        async throws
    {
        let language = Self.language(tag)
        try await Outbox(database: database, clock: clock).enqueue(
            to: address, subject: translations.text(for: subjectKey, in: language, arguments: arguments),
            body: translations.text(for: bodyKey, in: language, arguments: arguments), participantID: participantID)
    }
}

extension Application {
    /// What placement services need from the application to write mail and links.
    var placementMail: (translations: Translations, publicURL: String) { (translations, settings.publicURL) }
}
