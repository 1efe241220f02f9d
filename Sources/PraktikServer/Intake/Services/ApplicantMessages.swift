import Fluent
import Foundation
import PraktikCore

/// The messages an applicant gets, written in the language they applied in and sent through the
/// outbox in the same transaction as the change they tell about. Every message carries a fresh link
/// to the status page, where the next step is.
struct ApplicantMessages: Sendable {
    let database: any Database
    let clock: AppClock
    let translations: Translations
    let publicURL: String

    enum Kind: String, Sendable, CaseIterable {
        case confirmation
        /// Someone applied again with the number of an existing application: its owner is told.
        case alreadyApplied = "already-applied"
        case completionRequest = "completion-request"
        case completionReminder = "completion-reminder"
        case eligible
        case notEligible = "not-eligible"
        case notOffered = "not-offered"
        case waitingListOffer = "waiting-list-offer"
        case carriedOver = "carried-over"
        case newLink = "new-link"
    }

    static func language(of application: IntakeApplication) -> AppLanguage {
        AppLanguage(rawValue: application.language) ?? .default
    }

    /// Queues `kind` for the applicant. `extra` fills the sentence's arguments after the standard
    /// ones: {0} first name, {1} intake name, {2} status link, {3} the link's last day.
    func send(_ kind: Kind, about application: IntakeApplication, intakeName: String, extra: [String] = []) async throws {
        guard let email = application.email else { return }
        let language = Self.language(of: application)
        let token = try await ApplicationLinks(database: database, clock: clock).issue(for: application)
        let expires = LocalFormatting(language: language).date(clock.now().addingTimeInterval(ApplicationLinks.lifetime))
        let arguments = [application.firstName ?? "", intakeName, statusURL(token), expires] + extra
        try await Outbox(database: database, clock: clock).enqueue(
            to: email,
            subject: translations.text(for: "apply.mail.\(kind.rawValue).subject", in: language, arguments: arguments),
            body: translations.text(for: "apply.mail.\(kind.rawValue).body", in: language, arguments: arguments),
            participantID: application.$participant.id)
    }

    func statusURL(_ token: String) -> String {
        publicURL.trimmingCharacters(in: CharacterSet(charactersIn: "/")) + SiteURL.applicationStatus(token).path
    }

    /// A calendar date as the applicant's language writes it.
    static func dateText(_ date: CivilDate, in language: AppLanguage) -> String {
        var calendar = Calendar(identifier: .gregorian)
        calendar.timeZone = CivilDate.calendarTimeZone
        guard let instant = calendar.date(from: DateComponents(year: date.year, month: date.month, day: date.day, hour: 12)) else {
            return date.description
        }
        return LocalFormatting(language: language).date(instant)
    }
}
