import Fluent
import PraktikCore
import Foundation

/// A job seeker enrolled in a programme (aspirant, deltagare, borger).
///
/// Identifying fields (names, contact details, person number) are nullable because erasure blanks
/// them while the categorical fields stay, so statistics do not change.
final class Participant: Model, @unchecked Sendable {
    static let schema = "participants"

    @ID(key: .id) var id: UUID?
    @Parent(key: "unit_id") var unit: OrganisationUnit
    @OptionalParent(key: "responsible_user_id") var responsibleCaseWorker: User?
    @OptionalField(key: "first_name") var firstName: String?
    @OptionalField(key: "last_name") var lastName: String?
    @OptionalField(key: "email") var email: String?
    @OptionalField(key: "phone") var phone: String?
    @OptionalField(key: "postal_address") var postalAddress: String?
    /// `swedish_personal_number`, `danish_cpr`, `protected` or `foreign`.
    @Field(key: "identifier_kind") var identifierKind: String
    /// `PersonIdentifier.storageValue` ("SE:YYYYMMDDNNNN", "DK:DDMMYYSSSS"); unique when present.
    @OptionalField(key: "person_identifier") var personIdentifier: String?
    @OptionalField(key: "birth_year") var birthYear: Int?
    @Field(key: "gender") var gender: String
    @Field(key: "birth_region") var birthRegion: String
    @Field(key: "education_level") var educationLevel: String
    @OptionalField(key: "education_field") var educationField: String?
    @Field(key: "benefit_type") var benefitType: String
    @Field(key: "status") var status: String
    /// "YYYY-MM-DD": a calendar date, not an instant, so no time zone can shift it.
    @OptionalField(key: "exit_date") var exitDate: String?
    @OptionalField(key: "exit_reason") var exitReason: String?
    @OptionalField(key: "erased_at") var erasedAt: Date?
    /// Names and e-mail folded for search (`SearchText`), written with them; gone with them on erasure.
    @OptionalField(key: "search_text") var searchText: String?
    /// The person's own language for what Praktik sends them (`AppLanguage` tag); nil: the
    /// installation's. Not the languages they speak (`ParticipantLanguage`).
    @OptionalField(key: "language") var messageLanguage: String?
    @Timestamp(key: "created_at", on: .create) var createdAt: Date?
    @Timestamp(key: "updated_at", on: .update) var updatedAt: Date?

    init() {}

    var displayName: String {
        [firstName, lastName].compactMap { $0 }.joined(separator: " ")
    }

    /// What the participant search looks in: first and last name and e-mail, folded.
    static func searchText(firstName: String?, lastName: String?, email: String?) -> String {
        SearchText.folded([firstName, lastName, email].compactMap { $0 }.joined(separator: " "))
    }
}
